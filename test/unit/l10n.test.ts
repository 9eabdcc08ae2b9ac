// Localization, checked without VS Code: the manifest says every string it shows by %key% (and
// package.nls.json holds exactly those keys), and l10n/bundle.l10n.json is what `npm run l10n`
// exports from the code's l10n.t calls today (a string added without re-exporting would reach no
// translator). The strings themselves are seen localized in the real workbench by the pseudo-locale
// stage (test/integration/pseudoLocale.test.ts).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { useL10nBundle } from '../../src/core/l10n';
import { manifestStrings } from '../support/manifest';
import { repoRoot } from '../support/paths';

/** Manifest fields VS Code shows to people (and localizes from package.nls.json). */
const SHOWN = new Set([
  'displayName',
  'description',
  'markdownDescription',
  'title',
  'shortTitle',
  'category',
  'name',
  'contextualTitle',
  'contents',
  'label',
  'altText',
  'deprecationMessage',
  'markdownDeprecationMessage',
]);
const SHOWN_LISTS = new Set(['enumDescriptions', 'markdownEnumDescriptions']);

/** Every shown string of package.json with where it is; `name` only where it names a view. */
function shownStrings(node: unknown, at: string, out: { at: string; value: string }[] = []): { at: string; value: string }[] {
  if (Array.isArray(node)) node.forEach((v, i) => shownStrings(v, `${at}[${i}]`, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      const where = `${at}.${k}`;
      const isShown = SHOWN.has(k) && !(k === 'name' && !at.startsWith('package.contributes.views'));
      if (typeof v === 'string' && isShown) out.push({ at: where, value: v });
      else if (SHOWN_LISTS.has(k) && Array.isArray(v)) v.forEach((s, i) => out.push({ at: `${where}[${i}]`, value: String(s) }));
      else if (k !== 'properties' || typeof v !== 'object') shownStrings(v, where, out);
      // A setting's or schema's properties are named by their keys: walk their values only.
      else for (const [name, schema] of Object.entries(v as object)) shownStrings(schema, `${where}.${name}`, out);
    }
  return out;
}

describe('localization', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;

  it('says every string the manifest shows by a %key% of package.nls.json, and package.nls.json has no key nobody names', () => {
    const shown = shownStrings(manifest, 'package').filter((s) => !(s.at === 'package.name'));
    assert.ok(shown.length > 90, `${shown.length} strings`);
    assert.deepEqual(
      shown.filter((s) => !/^%[\w.-]+%$/.test(s.value)),
      [],
      'plain strings in package.json (put them in package.nls.json)',
    );
    const named = new Set(shown.map((s) => s.value.slice(1, -1)));
    const strings = manifestStrings();
    assert.deepEqual(
      [...named].filter((k) => strings[k] === undefined),
      [],
      'keys package.nls.json lacks',
    );
    assert.deepEqual(
      Object.keys(strings).filter((k) => !named.has(k)),
      [],
      'keys of package.nls.json no field names',
    );
    assert.equal(manifest.l10n, './l10n', 'package.json points VS Code at the l10n bundles');
  });

  it('ships l10n/bundle.l10n.json as `npm run l10n` exports it from the code today', function () {
    this.timeout(120_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-l10n-'));
    try {
      const cli = path.join(repoRoot, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', out, './src', './media'], { cwd: repoRoot, stdio: 'pipe' });
      const exported = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      const shipped = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      assert.ok(Object.keys(exported).length > 100, `${Object.keys(exported).length} strings in the code`);
      assert.deepEqual(shipped, exported, 'l10n/bundle.l10n.json is stale: run `npm run l10n`');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("translates core's strings once the extension hands over the display language's bundle, placeholders filled", () => {
    assert.equal(l10n.t('{0} of {1} sessions', 3, 10), '3 of 10 sessions', 'English without a bundle');
    useL10nBundle(undefined);
    assert.equal(l10n.t('{0} of {1} sessions', 3, 10), '3 of 10 sessions', 'English stays English');
    useL10nBundle({ '{0} of {1} sessions': '{0} von {1} Sitzungen' });
    try {
      assert.equal(l10n.t('{0} of {1} sessions', 3, 10), '3 von 10 Sitzungen');
      assert.equal(l10n.t('Not in the bundle: {0}', 'x'), 'Not in the bundle: x', 'a string the bundle lacks stays English');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
