// Every panel's page (src/ui/webviewHtml.ts): a strict CSP with a fresh nonce, only the panel's own
// script and stylesheet, values escaped.
import * as assert from 'node:assert/strict';
import { PAGE_L10N_ID, parsePageL10n } from '../../src/protocol/l10n';
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

  it('carries the display language and its strings as JSON text that cannot become HTML, and reads them back', () => {
    // A translation is text from a language pack: one that tries to close the data element or add markup stays a string.
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)> & \u2028';
    const bundle = { 'Loading reports…': 'Berichte werden geladen…', Retry: hostile };
    const html = webviewHtml(assets, 'Frame Reports: Acme', { language: 'de', bundle });
    assert.ok(html.includes('<html lang="de">'), html);
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    const data = new RegExp(`<script type="application/json" nonce="[^"]+" id="${PAGE_L10N_ID}">([^<]*)</script>`).exec(html)?.[1];
    assert.ok(data, html);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 2, 'the data element and the page script, nothing the strings opened');
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.equal(html.includes('<img'), false);
    assert.deepEqual(parsePageL10n(data), { language: 'de', bundle });
  });

  it('without a bundle (English) the page says English and the reader finds no strings', () => {
    const html = webviewHtml(assets, 'Frame Reports: Acme');
    assert.ok(html.includes('<html lang="en">'));
    const data = new RegExp(`id="${PAGE_L10N_ID}">([^<]*)</script>`).exec(html)?.[1];
    assert.deepEqual(parsePageL10n(data), { language: 'en' });
  });

  it('reads a malformed data element as no strings (the page shows English) and drops values that are not text', () => {
    assert.equal(parsePageL10n(undefined), undefined);
    assert.equal(parsePageL10n('{not json'), undefined);
    assert.equal(parsePageL10n('[1,2]')?.bundle, undefined);
    assert.deepEqual(parsePageL10n('{"language":"fr","bundle":{"a":"b","c":3,"d":{"x":1}}}'), { language: 'fr', bundle: { a: 'b' } });
    assert.deepEqual(parsePageL10n('{"language":7,"bundle":["x"]}'), { language: 'en' });
  });
});
