// Every panel's page (src/ui/webviewHtml.ts): a strict CSP with a fresh nonce, only the panel's own
// script and stylesheet, values escaped.
import * as assert from 'node:assert/strict';
import { messageHtml, webviewHtml } from '../../src/ui/webviewHtml';

const assets = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/audit.main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/audit.main.css',
};

describe('webview page (src/ui/webviewHtml.ts)', () => {
  it('allows scripts only with this page’s nonce, and nothing remote', () => {
    const html = webviewHtml(assets, 'Frame Audit Trail: Acme');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    assert.ok(csp && nonce, html);
    assert.match(csp, /^default-src 'none'; /);
    assert.equal(csp.includes('http:') || csp.includes('*') || csp.includes('unsafe'), false, csp);
    assert.ok(html.includes(`<script nonce="${nonce}" src="${assets.scriptUri}"></script>`));
    assert.ok(html.includes(`<link rel="stylesheet" nonce="${nonce}" href="${assets.styleUri}">`));
    assert.ok(html.includes('<title>Frame Audit Trail: Acme</title>'));
    assert.notEqual(/nonce-([^']+)/.exec(webviewHtml(assets, 'x'))?.[1], nonce, 'a new nonce per page');
  });

  it('escapes the title and the message text (names come from Frame)', () => {
    const html = webviewHtml(assets, 'Frame Reports: QA <img src=x onerror=alert(1)>');
    assert.ok(html.includes('<title>Frame Reports: QA &lt;img src=x onerror=alert(1)&gt;</title>'));
    assert.equal(html.includes('<img'), false);
    const message = messageHtml('Gone: <script>alert(1)</script> & "quoted"');
    assert.ok(message.includes('<p>Gone: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;</p>'));
    assert.match(message, /default-src 'none'; style-src 'nonce-[^']+'/);
  });
});
