/** The page: header, the Usage / Sessions tabs, and the wiring of host notifications to them. */
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import { h, replace } from './dom';
import { setLocale } from './format';
import { chartTheme } from './theme';
import { toRpcError } from '../../src/protocol/rpc';
import type { ReportsRpc } from './rpc';
import { SessionsTab } from './sessionsTab';
import { markForTests } from './testSeam';
import { initialState, StateStore } from './state';
import { UsageTab } from './usageTab';
import type { VsCodeApi } from './vscodeApi';
import { emptyState, firstRequest } from './widgets';

const TABS = ['usage', 'sessions'] as const;

export async function start(root: HTMLElement, api: VsCodeApi, rpc: ReportsRpc): Promise<void> {
  // One locale for every number and date on the page: the webview's, as its date inputs use.
  document.documentElement.lang = setLocale(navigator.language);
  chartTheme(); // sets the series colour variables the DOM uses before anything is drawn
  const init = await firstRequest(
    root,
    emptyState('loading', 'Loading reports…', 'Reading the account and its report list.'),
    () => rpc.request('init', null),
    () => void start(root, api, rpc),
  );
  if (!init) return;
  const state = initialState(api, init);
  const store = new StateStore(api, init.panel, state, (ui) => void rpc.request('saveState', ui).catch(() => undefined));
  store.update(() => undefined); // write the restored state back, so both copies agree from now on

  const retryInit = async () => {
    try {
      sessions.setInit(await rpc.request('init', null));
    } catch (e) {
      sessions.setInit({ ...init, monthsError: toRpcError(e).message });
    }
  };
  const usage = new UsageTab(rpc, store, init);
  const sessions = new SessionsTab(rpc, store, init, () => void retryInit());
  rpc.onNotification('progress', (p) => (p.what === 'usage' ? usage : sessions).onProgress(p.message, p.fraction));

  const header = h(
    'header',
    { class: 'page-header' },
    h('h1', { 'data-testid': 'account-name' }, init.accountName),
    h('div', { class: 'muted' }, `Account ${init.accountId} · ${init.connectionName}`),
  );
  const tabs = h('vscode-tabs', { 'data-testid': 'tabs', 'aria-label': 'Report' }) as HTMLElement & { selectedIndex: number };
  tabs.append(
    h('vscode-tab-header', { slot: 'header', 'data-testid': 'tab-usage' }, 'Usage'),
    h('vscode-tab-panel', { 'data-testid': 'panel-usage' }, usage.element),
    h('vscode-tab-header', { slot: 'header', 'data-testid': 'tab-sessions' }, 'Sessions'),
    h('vscode-tab-panel', { 'data-testid': 'panel-sessions' }, sessions.element),
  );
  tabs.selectedIndex = TABS.indexOf(state.tab);
  tabs.addEventListener('vsc-tabs-select', (e) => {
    const tab = TABS[e.detail.selectedIndex] ?? 'usage';
    store.update((s) => (s.tab = tab));
    if (tab === 'usage') usage.activate();
    else void sessions.activate();
  });
  replace(root, header, tabs);
  markForTests('ready', 'true');

  if (state.tab === 'usage') usage.activate();
  else void sessions.activate();
}
