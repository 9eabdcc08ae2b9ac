/**
 * The page of every webview panel: a strict CSP (`default-src 'none'`, scripts only with this page's
 * nonce, styles, fonts and images only from the extension), no remote resources. No vscode
 * import (test/unit/webviewHtml.test.ts reads it in bare Node).
 */
import { randomBytes } from 'node:crypto';
import { PAGE_L10N_ID, pageL10nJson, type PageL10n } from '../protocol/l10n';

export interface PageAssets {
  /** The webview's `cspSource` (where the extension's own files are served from). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

/**
 * A panel's page: its script and stylesheet (dist/webview/<entry>.main.js/.css) under the CSP, titled
 * `title`, in the display language `l10n` (its strings in a JSON data element the script reads first;
 * English without one).
 */
export function webviewHtml(assets: PageAssets, title: string, l10n: PageL10n = { language: 'en' }): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `img-src ${assets.cspSource} data:`,
    `style-src ${assets.cspSource} 'nonce-${nonce}'`,
    `font-src ${assets.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(l10n.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(assets.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app"></div>
<script type="application/json" nonce="${nonce}" id="${PAGE_L10N_ID}">${pageL10nJson(l10n)}</script>
<script nonce="${nonce}" src="${escapeHtml(assets.scriptUri)}"></script>
</body>
</html>`;
}

/** A page with one paragraph of text (a panel that cannot be restored). */
export function messageHtml(text: string): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'`;
  const style = 'body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1em; }';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style nonce="${nonce}">${style}</style></head><body><p>${escapeHtml(text)}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
