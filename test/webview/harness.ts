/**
 * A dev harness for the Reports webview without VS Code: serves the built bundle
 * (dist/webview/reports.main.js/.css) in a page that has the same CSP as the real panel, the
 * `--vscode-*` variables of a dark, light or high-contrast theme, and a fake `acquireVsCodeApi()`
 * whose messages reach the REAL ReportsController here over HTTP (requests) and Server-Sent Events
 * (replies, notifications). The controller talks to the Frame simulator over real sockets, so the
 * page shows exactly what the extension would for the simulator's data (including the account
 * named `QA Lab <img src=x onerror=alert(1)>`).
 *
 * Page flags (query string): theme=dark|light|hc|hcLight, fail=usage|sessions (the first such request
 * fails with HTTP 503; Retry works), months=error (the report list cannot be read), slow=sessions (report
 * downloads take seconds: time to see progress and Cancel), l10n=pseudo (the page gets every string of
 * l10n/bundle.l10n.json pseudo-accented, as a display language's bundle: a string still in English on
 * the page did not go through l10n.t; run `npm run l10n` first).
 *
 * Run: `node test/webview/shot.js` (bundles this file, takes screenshots), or bundle it and call
 * `startHarness()` yourself.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FrameClient } from '../../src/core/api';
import { HttpTransport } from '../../src/core/http';
import { MonthlyReportStore } from '../../src/core/reports';
import type { ReportsHostNotifications, ReportsRequests, ReportsUiState } from '../../src/protocol/reports';
import { PAGE_L10N_ID, pageL10nJson, type L10nBundle } from '../../src/protocol/l10n';
import { RpcEndpoint, type Envelope, type NoNotifications, type NoRequests } from '../../src/protocol/rpc';
import { ReportsController } from '../../src/reports/reportsController';
import { DEMO_CREDENTIALS, startSimulator } from '../simulator';

export const XSS = '<img src=x onerror=alert(1)>';
const NOW = new Date('2026-11-18T20:30:00Z');

export interface HarnessOptions {
  port?: number;
  /** Sessions the simulator generates per monthly report (default 25,000). */
  rowsPerMonth?: number;
  root?: string;
}

export interface Harness {
  url: string;
  /** Requests received, by method (what the webview asked for). */
  calls: { method: string; params: unknown }[];
  savedState(): ReportsUiState | undefined;
  /** A new panel for the same account: no saved UI state, nothing loaded (downloads stay on disk). */
  reset(): void;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const root = opts.root ?? join(__dirname, '..', '..');
  const sim = await startSimulator({ now: NOW, sessionsPerMonth: opts.rowsPerMonth ?? 25_000 });
  // No retries: a flag's one failure reaches the page at once.
  const transport = new HttpTransport({ retry: { maxRetries: 0 } });
  const web = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
  const account = sim.data.account(sim.data.xssAccountId)!;
  const storage = mkdtempSync(join(tmpdir(), 'frame-harness-'));
  const calls: Harness['calls'] = [];
  const clients = new Set<ServerResponse>();

  const send = (m: Envelope) => {
    const line = `data: ${JSON.stringify(m)}\n\n`;
    for (const c of clients) c.write(line);
  };
  const host = new RpcEndpoint<NoRequests, ReportsRequests, ReportsHostNotifications, NoNotifications>(send);
  const makeController = () => {
    const c = new ReportsController({
      target: {
        connection: {
          id: 'conn-1',
          name: 'Production (api.fra.me)',
          baseUrl: sim.webApiBase,
          apiKind: 'web',
          clientId: DEMO_CREDENTIALS.clientId,
          scheme: 'frame',
        },
        account: { accountId: account.account_id, name: account.name, email: account.email },
      },
      web: async () => web,
      monthly: new MonthlyReportStore(storage),
      // No editor here: what would open in a tab (or be saved) is only recorded in `calls`.
      editor: {
        openMonthlyCsv: async () => undefined,
        openRecentCsv: async () => undefined,
        showUsageCsv: async () => undefined,
        saveCsv: async () => undefined,
        exportParquet: async () => null,
        editPrices: async () => undefined,
        copyText: async () => undefined,
        saveImage: async () => undefined,
      },
      notify: (p) => host.notify('progress', p),
      log: (line) => console.log(`[harness] ${line}`),
      now: () => NOW,
    });
    for (const [method, handler] of Object.entries(c.handlers)) host.onRequest(method as keyof ReportsRequests, handler);
    return c;
  };
  let controller = makeController();

  /** Page flags, applied once per page load as simulator faults. */
  const applied = new Set<string>();
  const applyFlags = (flags: URLSearchParams) => {
    const key = flags.toString();
    if (applied.has(key)) return;
    applied.add(key);
    sim.clearFaults();
    if (flags.get('months') === 'error') sim.inject({ kind: 'status', status: 503 }, { path: /\/sessions$/, times: Infinity });
    if (flags.get('fail') === 'usage') sim.inject({ kind: 'status', status: 503 }, { path: /\/usage\?/, times: 1 });
    if (flags.get('fail') === 'sessions') sim.inject({ kind: 'status', status: 503 }, { path: /^\/presigned\//, times: 1 });
    if (flags.get('slow') === 'sessions')
      sim.inject({ kind: 'slow-body', chunkDelayMs: 300, chunks: 20 }, { path: /^\/presigned\//, times: Infinity });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/rpc') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        applyFlags(url.searchParams);
        const m = JSON.parse(body) as Envelope;
        if (m.type === 'request') calls.push({ method: m.method, params: m.params });
        void host.handle(m);
        res.writeHead(204).end();
      });
      return;
    }
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': hello\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const asset = /^\/dist\/(reports\.main\.(?:js|css))$/.exec(url.pathname);
    if (asset) {
      try {
        const body = readFileSync(join(root, 'dist', 'webview', asset[1]!));
        res
          .writeHead(200, { 'content-type': asset[1]!.endsWith('.js') ? 'text/javascript' : 'text/css', 'cache-control': 'no-store' })
          .end(body);
      } catch {
        res.writeHead(404).end('Build the webview first: node esbuild.js');
      }
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(page(url.searchParams.get('theme') ?? 'dark', url.searchParams.get('l10n') === 'pseudo' ? pseudoBundle(root) : undefined));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    savedState: () => controller.ui,
    reset: () => {
      controller.dispose();
      controller = makeController();
    },
    close: async () => {
      controller.dispose();
      await new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await transport.close();
      await sim.close();
      rmSync(storage, { recursive: true, force: true });
    },
  };
}

/** The variables VS Code gives a webview (a subset: the ones this view and vscode-elements read). */
const THEMES: Record<string, { bodyClass: string; vars: Record<string, string> }> = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      'editor-background': '#1f1f1f',
      'editor-foreground': '#cccccc',
      foreground: '#cccccc',
      descriptionForeground: '#9d9d9d',
      'panel-border': '#2b2b2b',
      'panel-background': '#181818',
      'widget-border': '#313131',
      'widget-shadow': 'rgba(0, 0, 0, 0.36)',
      'sideBar-background': '#181818',
      'editorWidget-background': '#202020',
      'editorHoverWidget-background': '#202020',
      'editorHoverWidget-border': '#454545',
      'editorHoverWidget-foreground': '#cccccc',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#026ec1',
      'button-border': 'rgba(255, 255, 255, 0.07)',
      'button-secondaryBackground': '#313131',
      'button-secondaryForeground': '#cccccc',
      'button-secondaryHoverBackground': '#3c3c3c',
      'button-separator': 'rgba(255, 255, 255, 0.4)',
      'input-background': '#313131',
      'input-foreground': '#cccccc',
      'input-border': '#3c3c3c',
      'input-placeholderForeground': '#989898',
      'settings-textInputBackground': '#313131',
      'settings-textInputBorder': '#3c3c3c',
      'settings-textInputForeground': '#cccccc',
      'settings-dropdownBackground': '#313131',
      'settings-dropdownBorder': '#3c3c3c',
      'settings-dropdownForeground': '#cccccc',
      'settings-dropdownListBorder': '#454545',
      'settings-checkboxBackground': '#313131',
      'settings-checkboxBorder': '#3c3c3c',
      'settings-checkboxForeground': '#cccccc',
      'settings-headerBorder': '#2b2b2b',
      'list-hoverBackground': '#2a2d2e',
      'list-hoverForeground': '#ffffff',
      'list-activeSelectionBackground': '#04395e',
      'list-activeSelectionForeground': '#ffffff',
      'list-focusOutline': '#0078d4',
      'list-highlightForeground': '#2aaaff',
      'list-focusHighlightForeground': '#2aaaff',
      focusBorder: '#0078d4',
      'panelTitle-activeBorder': '#0078d4',
      'panelTitle-activeForeground': '#cccccc',
      'panelTitle-inactiveForeground': '#9d9d9d',
      'badge-background': '#616161',
      'badge-foreground': '#f8f8f8',
      'progressBar-background': '#0078d4',
      'inputValidation-errorBackground': '#5a1d1d',
      'inputValidation-errorBorder': '#be1100',
      'inputValidation-warningBackground': '#352a05',
      'inputValidation-warningBorder': '#b89500',
      errorForeground: '#f85149',
      'editorWarning-foreground': '#cca700',
      'charts-foreground': '#cccccc',
      'charts-lines': 'rgba(204, 204, 204, 0.5)',
      'charts-red': '#f14c4c',
      'charts-blue': '#59a4f9',
      'charts-yellow': '#cca700',
      'charts-orange': 'rgba(234, 92, 0, 0.33)',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      'editor-background': '#ffffff',
      'editor-foreground': '#3b3b3b',
      foreground: '#3b3b3b',
      descriptionForeground: '#717171',
      'panel-border': '#e5e5e5',
      'panel-background': '#f8f8f8',
      'widget-border': '#e5e5e5',
      'widget-shadow': 'rgba(0, 0, 0, 0.16)',
      'sideBar-background': '#f8f8f8',
      'editorWidget-background': '#f8f8f8',
      'editorHoverWidget-background': '#f8f8f8',
      'editorHoverWidget-border': '#c8c8c8',
      'editorHoverWidget-foreground': '#3b3b3b',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0258a8',
      'button-border': 'rgba(0, 0, 0, 0.1)',
      'button-secondaryBackground': '#e5e5e5',
      'button-secondaryForeground': '#3b3b3b',
      'button-secondaryHoverBackground': '#cccccc',
      'button-separator': 'rgba(255, 255, 255, 0.4)',
      'input-background': '#ffffff',
      'input-foreground': '#3b3b3b',
      'input-border': '#cecece',
      'input-placeholderForeground': '#767676',
      'settings-textInputBackground': '#ffffff',
      'settings-textInputBorder': '#cecece',
      'settings-textInputForeground': '#3b3b3b',
      'settings-dropdownBackground': '#ffffff',
      'settings-dropdownBorder': '#cecece',
      'settings-dropdownForeground': '#3b3b3b',
      'settings-dropdownListBorder': '#c8c8c8',
      'settings-checkboxBackground': '#f8f8f8',
      'settings-checkboxBorder': '#cecece',
      'settings-checkboxForeground': '#3b3b3b',
      'settings-headerBorder': '#e5e5e5',
      'list-hoverBackground': '#f2f2f2',
      'list-hoverForeground': '#000000',
      'list-activeSelectionBackground': '#e8e8e8',
      'list-activeSelectionForeground': '#000000',
      'list-focusOutline': '#005fb8',
      'list-highlightForeground': '#0066bf',
      'list-focusHighlightForeground': '#0066bf',
      focusBorder: '#005fb8',
      'panelTitle-activeBorder': '#005fb8',
      'panelTitle-activeForeground': '#3b3b3b',
      'panelTitle-inactiveForeground': '#3b3b3b',
      'badge-background': '#cccccc',
      'badge-foreground': '#3b3b3b',
      'progressBar-background': '#005fb8',
      'inputValidation-errorBackground': '#f2dede',
      'inputValidation-errorBorder': '#be1100',
      'inputValidation-warningBackground': '#f6f5d2',
      'inputValidation-warningBorder': '#b89500',
      errorForeground: '#f85149',
      'editorWarning-foreground': '#bf8803',
      'charts-foreground': '#3b3b3b',
      'charts-lines': 'rgba(59, 59, 59, 0.5)',
      'charts-red': '#e51400',
      'charts-blue': '#0063d3',
      'charts-yellow': '#bf8803',
      'charts-orange': 'rgba(234, 92, 0, 0.33)',
      'charts-green': '#388a34',
      'charts-purple': '#652d90',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      'editor-background': '#000000',
      'editor-foreground': '#ffffff',
      foreground: '#ffffff',
      descriptionForeground: 'rgba(255, 255, 255, 0.7)',
      'panel-border': '#6fc3df',
      'panel-background': '#000000',
      'widget-border': '#6fc3df',
      'widget-shadow': 'transparent',
      contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518',
      'sideBar-background': '#000000',
      'editorWidget-background': '#0c141f',
      'editorHoverWidget-background': '#0c141f',
      'editorHoverWidget-border': '#6fc3df',
      'editorHoverWidget-foreground': '#ffffff',
      'button-background': '#000000',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#000000',
      'button-border': '#6fc3df',
      'button-secondaryBackground': '#000000',
      'button-secondaryForeground': '#ffffff',
      'button-secondaryHoverBackground': '#000000',
      'button-separator': '#ffffff',
      'input-background': '#000000',
      'input-foreground': '#ffffff',
      'input-border': '#6fc3df',
      'input-placeholderForeground': 'rgba(255, 255, 255, 0.7)',
      'settings-textInputBackground': '#000000',
      'settings-textInputBorder': '#6fc3df',
      'settings-textInputForeground': '#ffffff',
      'settings-dropdownBackground': '#000000',
      'settings-dropdownBorder': '#6fc3df',
      'settings-dropdownForeground': '#ffffff',
      'settings-dropdownListBorder': '#6fc3df',
      'settings-checkboxBackground': '#000000',
      'settings-checkboxBorder': '#6fc3df',
      'settings-checkboxForeground': '#ffffff',
      'settings-headerBorder': '#6fc3df',
      'list-hoverBackground': 'transparent',
      'list-activeSelectionBackground': 'transparent',
      'list-focusOutline': '#f38518',
      focusBorder: '#f38518',
      'panelTitle-activeBorder': '#6fc3df',
      'panelTitle-activeForeground': '#ffffff',
      'panelTitle-inactiveForeground': '#ffffff',
      'badge-background': '#000000',
      'badge-foreground': '#ffffff',
      'progressBar-background': '#6fc3df',
      'inputValidation-errorBackground': '#000000',
      'inputValidation-errorBorder': '#f38518',
      'inputValidation-warningBackground': '#000000',
      'inputValidation-warningBorder': '#6fc3df',
      errorForeground: '#f48771',
      'editorWarning-foreground': '#ffd370',
      'charts-foreground': '#ffffff',
      'charts-lines': 'rgba(255, 255, 255, 0.5)',
      'charts-red': '#f48771',
      'charts-blue': '#59a4f9',
      'charts-yellow': '#ffd370',
      'charts-green': '#89d185',
      'charts-purple': '#b180d7',
    },
  },
  hcLight: {
    bodyClass: 'vscode-high-contrast vscode-high-contrast-light',
    vars: {
      'editor-background': '#ffffff',
      'editor-foreground': '#292929',
      foreground: '#292929',
      descriptionForeground: 'rgba(41, 41, 41, 0.7)',
      'panel-border': '#0f4a85',
      'panel-background': '#ffffff',
      'widget-border': '#0f4a85',
      'widget-shadow': 'transparent',
      contrastBorder: '#0f4a85',
      contrastActiveBorder: '#006bbd',
      'sideBar-background': '#ffffff',
      'editorWidget-background': '#ffffff',
      'editorHoverWidget-background': '#ffffff',
      'editorHoverWidget-border': '#0f4a85',
      'editorHoverWidget-foreground': '#292929',
      'button-background': '#0f4a85',
      'button-foreground': '#ffffff',
      'button-hoverBackground': '#0f4a85',
      'button-border': '#0f4a85',
      'button-secondaryBackground': '#ffffff',
      'button-secondaryForeground': '#292929',
      'button-secondaryHoverBackground': '#ffffff',
      'button-separator': '#292929',
      'input-background': '#ffffff',
      'input-foreground': '#292929',
      'input-border': '#0f4a85',
      'input-placeholderForeground': 'rgba(41, 41, 41, 0.7)',
      'settings-textInputBackground': '#ffffff',
      'settings-textInputBorder': '#0f4a85',
      'settings-textInputForeground': '#292929',
      'settings-dropdownBackground': '#ffffff',
      'settings-dropdownBorder': '#0f4a85',
      'settings-dropdownForeground': '#292929',
      'settings-dropdownListBorder': '#0f4a85',
      'settings-checkboxBackground': '#ffffff',
      'settings-checkboxBorder': '#0f4a85',
      'settings-checkboxForeground': '#292929',
      'settings-headerBorder': '#0f4a85',
      'list-hoverBackground': 'rgba(15, 74, 133, 0.1)',
      'list-activeSelectionBackground': 'transparent',
      'list-focusOutline': '#006bbd',
      focusBorder: '#006bbd',
      'panelTitle-activeBorder': '#0f4a85',
      'panelTitle-activeForeground': '#292929',
      'panelTitle-inactiveForeground': '#292929',
      'badge-background': '#ffffff',
      'badge-foreground': '#292929',
      'progressBar-background': '#0f4a85',
      'inputValidation-errorBackground': '#ffffff',
      'inputValidation-errorBorder': '#b5200d',
      'inputValidation-warningBackground': '#ffffff',
      'inputValidation-warningBorder': '#0f4a85',
      errorForeground: '#b5200d',
      'editorWarning-foreground': '#895503',
      'charts-foreground': '#292929',
      'charts-lines': 'rgba(41, 41, 41, 0.5)',
      'charts-red': '#b5200d',
      'charts-blue': '#0063d3',
      'charts-yellow': '#895503',
      'charts-green': '#374e06',
      'charts-purple': '#652d90',
    },
  },
};
const FONT = {
  'font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};

const PSEUDO: Record<string, string> = { a: 'ȧȧ', e: 'ḗḗ', i: 'īī', o: 'ǿǿ', u: 'ŭŭ', A: 'ȦȦ', E: 'ḖḖ', I: 'ĪĪ', O: 'ǾǾ', U: 'ŬŬ' };

/** Every exported string pseudo-accented ("Ŀǿǿȧȧḓḗḗḓ {0}"), placeholders kept: a stand-in display language. */
function pseudoBundle(root: string): L10nBundle {
  const english = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string | { message: string }>;
  return Object.fromEntries(
    Object.entries(english).map(([key, v]) => {
      const message = typeof v === 'string' ? v : v.message;
      return [
        key,
        message
          .split(/(\{\d+\})/)
          .map((part, i) => (i % 2 ? part : part.replace(/[aeiouAEIOU]/g, (c) => PSEUDO[c]!)))
          .join(''),
      ];
    }),
  );
}

function page(theme: string, bundle?: L10nBundle): string {
  const nonce = Math.random().toString(36).slice(2);
  const themes = JSON.stringify(
    Object.fromEntries(Object.entries(THEMES).map(([k, t]) => [k, { bodyClass: t.bodyClass, vars: { ...FONT, ...t.vars } }])),
  );
  // The same CSP as the real panel, plus connect-src for the harness's own message transport.
  const csp = `default-src 'none'; style-src 'self' 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'`;
  return `<!DOCTYPE html>
<html lang="${bundle ? 'qps-ploc' : 'en'}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="/dist/reports.main.css">
<title>Reports harness</title>
</head><body>
<div id="app"></div>
${bundle ? `<script type="application/json" nonce="${nonce}" id="${PAGE_L10N_ID}">${pageL10nJson({ language: 'qps-ploc', bundle })}</script>` : ''}
<script nonce="${nonce}">
(() => {
  const THEMES = ${themes};
  // Like VS Code: variables on <html>'s style, a theme class on <body>.
  window.__setTheme = (name) => {
    const t = THEMES[name] || THEMES.dark;
    const s = document.documentElement.style;
    for (const k of [...s]) if (k.startsWith('--vscode-')) s.removeProperty(k);
    for (const [k, v] of Object.entries(t.vars)) s.setProperty('--vscode-' + k, v);
    document.body.className = t.bodyClass;
  };
  window.__setTheme(${JSON.stringify(theme)});
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
    console.error('[csp] ' + e.violatedDirective + ' blocked ' + e.blockedURI);
  });
  const events = new EventSource('/events');
  let ready;
  const open = new Promise((r) => (ready = r));
  events.onopen = () => ready();
  events.onmessage = (e) => window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(e.data) }));
  let called = false;
  window.acquireVsCodeApi = () => {
    if (called) throw new Error('acquireVsCodeApi called twice');
    called = true;
    return {
      postMessage: (m) => open.then(() => fetch('/rpc' + location.search, { method: 'POST', body: JSON.stringify(m) })),
      getState: () => JSON.parse(sessionStorage.getItem('state') || 'null'),
      setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
    };
  };
})();
</script>
<script nonce="${nonce}" src="/dist/reports.main.js"></script>
</body></html>`;
}

if (require.main === module) {
  void startHarness({ port: Number(process.env.PORT) || 0 }).then((h) =>
    console.log(`Reports harness at ${h.url} (themes: ?theme=dark|light|hc|hcLight)`),
  );
}
