/**
 * Completion and hover in request files: saved connection names after `# @connection`; inside
 * `{{` the file variables, the named requests above (their response body and headers) and the
 * system variables; on a request line the documented endpoints of the connection's API (paths,
 * then their query parameters). Hovering a `{{name.response…}}` reference shows what it reads now,
 * from that request's last answer in this window (credential-named fields redacted, cut short).
 */
import * as vscode from 'vscode';
import { userMessage } from '../core/errors';
import type { Endpoint } from '../core/requests';
import { requestEngine } from '../lazyEngine';
import type { ApiKind } from '../core/api';
import type { ConnectionStore } from '../connections/connectionStore';
import { FRAME_HTTP_LANGUAGE, type RequestFileEditor } from './requestFiles';
import type { RequestFileRunner } from './requestRunner';

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';
/** Longest value a hover shows. */
const HOVER_CHARS = 1000;

export class RequestFileAssist implements vscode.CompletionItemProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly editor: RequestFileEditor,
    private readonly store: ConnectionStore,
    private readonly runner: RequestFileRunner,
  ) {
    const selector: vscode.DocumentSelector = { language: FRAME_HTTP_LANGUAGE };
    this.disposables = [
      vscode.languages.registerCompletionItemProvider(selector, this, ' ', '{', '/', '?', '&', '.'),
      vscode.languages.registerHoverProvider(selector, this),
    ];
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const typed = (length: number) => new vscode.Range(position.line, position.character - length, position.line, position.character);

    const connection = /^\s*(?:#|\/\/)\s*@connection\s+(.*)$/.exec(before);
    if (connection) {
      return this.store.list().map((c) => {
        const item = new vscode.CompletionItem(c.name, vscode.CompletionItemKind.Reference);
        item.detail = `${c.baseUrl} (${c.scheme})`;
        item.range = typed(connection[1]!.length);
        return item;
      });
    }

    const template = /\{\{([^{}]*)$/.exec(before);
    if (template) return this.templateItems(document, position, template[1]!);

    const query = new RegExp(`^\\s*(${METHODS})\\s+(\\S*[?&])([^&=\\s]*)$`, 'i').exec(before);
    if (query) {
      const endpoint = requestEngine().matchEndpoint(this.apiAt(document, position.line), query[1]!, query[2]!.slice(0, -1));
      const written = new Set(
        query[2]!
          .split(/[?&]/)
          .slice(1)
          .map((p) => p.split('=')[0]),
      );
      return (endpoint?.query ?? [])
        .filter((p) => !written.has(p.name))
        .map((p) => {
          const item = new vscode.CompletionItem(p.name, vscode.CompletionItemKind.Property);
          item.insertText = `${p.name}=`;
          item.detail = p.required ? vscode.l10n.t('required') : vscode.l10n.t('optional');
          item.documentation = new vscode.MarkdownString(p.meaning);
          item.range = typed(query[3]!.length);
          return item;
        });
    }

    const path = new RegExp(`^\\s*(${METHODS})\\s+(/[^\\s?]*)?$`, 'i').exec(before);
    if (path) {
      const method = path[1]!.toUpperCase();
      return requestEngine()
        .endpointsFor(this.apiAt(document, position.line))
        .filter((e) => e.method === method)
        .map((e, i) => endpointItem(e, typed((path[2] ?? '').length), i));
    }
    return [];
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    for (const m of line.matchAll(/\{\{([^{}]*)\}\}/g)) {
      const start = m.index;
      const end = start + m[0].length;
      if (position.character < start || position.character > end) continue;
      const range = new vscode.Range(position.line, start, position.line, end);
      const source = m[1]!.trim();
      const expr = requestEngine().parseExpression(source);
      const text = new vscode.MarkdownString();
      if ('error' in expr) return undefined; // the diagnostics say what is wrong
      if (expr.kind === 'variable') {
        const variable = this.editor.parse(document).variables.find((v) => v.name === expr.name);
        if (!variable) return undefined;
        text.appendText(vscode.l10n.t('File variable {0} (line {1}):', expr.name, variable.span.line + 1));
        text.appendCodeblock(clip(variable.value), 'text');
        return new vscode.Hover(text, range);
      }
      if (expr.kind !== 'responseBody' && expr.kind !== 'responseHeader') return undefined;
      const answer = this.runner.lastAnswer(document.uri, expr.request);
      if (!answer) {
        text.appendText(
          vscode.l10n.t('"{0}" has not answered in this window yet: send it (or a request that reads it) to see this value.', expr.request),
        );
        return new vscode.Hover(text, range);
      }
      try {
        const value = new (requestEngine().Resolver)({ variables: [], responses: new Map([[expr.request, answer]]), env: {} }).text({
          text: m[0],
          span: { line: position.line, column: start, endColumn: end },
        });
        text.appendText(vscode.l10n.t('From the last answer to "{0}" (HTTP {1}):', expr.request, answer.status));
        text.appendCodeblock(clip(requestEngine().redactCredentialText(value)), 'text');
      } catch (e) {
        text.appendText(userMessage(e).replace(/^line \d+, column \d+: /, ''));
      }
      return new vscode.Hover(text, range);
    }
    return undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Inside `{{`: variables, named requests above this line, system variables. */
  private templateItems(document: vscode.TextDocument, position: vscode.Position, typed: string): vscode.CompletionItem[] {
    const file = this.editor.parse(document);
    const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character);
    const closes = document.lineAt(position.line).text.slice(position.character).startsWith('}}');
    const item = (label: string, kind: vscode.CompletionItemKind, detail: string, insert = label): vscode.CompletionItem => {
      const it = new vscode.CompletionItem(label, kind);
      it.detail = detail;
      it.insertText = closes || insert.endsWith(' ') || insert.endsWith('.') ? insert : `${insert}}}`;
      it.range = range;
      return it;
    };
    const items = file.variables.map((v) => item(v.name, vscode.CompletionItemKind.Variable, `= ${clip(v.value, 60)}`));
    for (const r of file.requests) {
      if (!r.name || r.firstLine >= position.line) continue;
      items.push(
        item(
          `${r.name}.response.body.$`,
          vscode.CompletionItemKind.Reference,
          vscode.l10n.t('{0} {1}: a JSONPath into its answer', r.method, r.url.text),
        ),
        item(
          `${r.name}.response.headers.`,
          vscode.CompletionItemKind.Reference,
          vscode.l10n.t('{0} {1}: a header of its answer', r.method, r.url.text),
        ),
      );
    }
    items.push(
      item(
        '$processEnv',
        vscode.CompletionItemKind.Function,
        vscode.l10n.t('An environment variable, e.g. {0}', '{{$processEnv FRAME_ACCOUNT_ID}}'),
        '$processEnv ',
      ),
      item('$guid', vscode.CompletionItemKind.Function, vscode.l10n.t('A new UUID')),
      item('$timestamp', vscode.CompletionItemKind.Function, vscode.l10n.t('Seconds since the epoch')),
    );
    return items;
  }

  /** The API of the connection `# @connection` names above this line (undefined: unknown, every endpoint). */
  private apiAt(document: vscode.TextDocument, line: number): ApiKind | undefined {
    for (let i = line; i >= 0; i--) {
      const named = /^\s*(?:#|\/\/)\s*@connection\s+(.+?)\s*$/.exec(document.lineAt(i).text);
      if (named) return this.store.list().find((c) => c.name === named[1])?.apiKind;
    }
    const all = this.store.list();
    return all.length === 1 ? all[0]!.apiKind : undefined;
  }
}

/** A documented endpoint as a snippet: its path parameters as placeholders, required query parameters too. */
function endpointItem(e: Endpoint, range: vscode.Range, order: number): vscode.CompletionItem {
  const item = new vscode.CompletionItem(
    { label: e.path, description: e.api === 'web' ? vscode.l10n.t('Web API') : vscode.l10n.t('Admin API') },
    vscode.CompletionItemKind.Value,
  );
  let n = 0;
  let snippet = e.path.replace(/\{([a-z_]+)\}/g, (_m, name: string) => `\${${++n}:${name}}`);
  const required = e.query.filter((p) => p.required);
  if (required.length) snippet += '?' + required.map((p) => `${p.name}=\${${++n}:${p.name}}`).join('&');
  item.insertText = new vscode.SnippetString(snippet);
  item.filterText = e.path;
  item.sortText = String(order).padStart(3, '0');
  item.range = range;
  item.detail = e.summary;
  item.documentation = new vscode.MarkdownString(
    [
      e.note ? vscode.l10n.t('Documented ({0}).', e.note) : vscode.l10n.t('Documented.'),
      ...e.query.map((p) =>
        p.required ? vscode.l10n.t('- `{0}` (required): {1}', p.name, p.meaning) : vscode.l10n.t('- `{0}`: {1}', p.name, p.meaning),
      ),
    ].join('\n'),
  );
  return item;
}

function clip(text: string, max = HOVER_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
