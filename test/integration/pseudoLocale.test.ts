// The extension in VS Code's qps-ploc pseudo locale (`run-integration.js --pseudo-locale`; index.ts
// runs this suite only there). The bundles are generated from the English ones by a pseudo-localizer
// that accents every letter ("Add Connection" → "ȦȦḓḓ Ƈǿǿƞƞḗḗƈŧīǿǿƞ"), so a word the extension shows in
// plain ASCII letters did not go through vscode.l10n.t / l10n.t / package.nls.json: the test lists it.
// What is data (names and ids the simulator serves, the connections' own names) is not a string of
// the extension and is left out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/views';
import { addWords as wordsOf, unlocalizedWords } from '../support/pseudoWords';
import { EXT_ID, Fixture } from './fixture';

/** The data a node shows (the account, member, application… it was made from): its own plain-data fields. */
function dataOfNode(node: TreeNode, into: Set<string>): void {
  for (const v of Object.values(node))
    if (typeof v === 'string' || (v && typeof v === 'object' && !(v instanceof Function))) wordsOf(v, into);
}

function treeItemTexts(item: vscode.TreeItem): string[] {
  const text = (v: string | vscode.MarkdownString | vscode.TreeItemLabel | undefined | boolean): string =>
    v === undefined || typeof v === 'boolean' ? '' : typeof v === 'string' ? v : 'value' in v ? v.value : v.label;
  return [text(item.label), text(item.description), text(item.tooltip), item.accessibilityInformation?.label ?? ''].filter(Boolean);
}

interface Finding {
  where: string;
  text: string;
  words: string[];
}

/** Walks a view's tree (`depth` levels, the first `width` children of each node) and lists the texts with unlocalized words. */
async function unlocalizedInTree(
  tree: { getChildren(node?: TreeNode): Promise<TreeNode[]> },
  dataWords: ReadonlySet<string>,
  depth = 3,
  width = 12,
): Promise<{ findings: Finding[]; items: number }> {
  const findings: Finding[] = [];
  let items = 0;
  const visit = async (node: TreeNode | undefined, level: number, trail: string): Promise<void> => {
    if (level > depth) return;
    for (const child of (await tree.getChildren(node)).slice(0, width)) {
      const item = child.getTreeItem();
      items++;
      const data = new Set(dataWords);
      dataOfNode(child, data);
      const label = treeItemTexts(item)[0] ?? '';
      for (const text of treeItemTexts(item)) {
        const words = unlocalizedWords(text, data);
        if (words.length > 0) findings.push({ where: `${trail} › ${label}`, text, words });
      }
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await visit(child, level + 1, `${trail} › ${label}`);
    }
  };
  await visit(undefined, 1, '');
  return { findings, items };
}

/** The "%key%" strings of package.json, by their path, as the host localized them. */
function localizedManifestStrings(extensionPath: string, localized: unknown): { path: string; text: string }[] {
  const raw = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as unknown;
  const out: { path: string; text: string }[] = [];
  const walk = (r: unknown, l: unknown, at: string): void => {
    if (typeof r === 'string' && /^%.+%$/.test(r)) {
      // VS Code keeps some localized values as { value, original }.
      const text = typeof l === 'string' ? l : (l as { value?: string } | undefined)?.value;
      out.push({ path: at, text: text ?? `(missing: ${r})` });
    } else if (r && typeof r === 'object')
      for (const [k, v] of Object.entries(r)) walk(v, (l as Record<string, unknown> | undefined)?.[k], `${at}.${k}`);
  };
  walk(raw, localized, 'package');
  return out;
}

function report(findings: Finding[]): string {
  return findings.map((f) => `${f.where}: ${JSON.stringify(f.text.slice(0, 160))} (${f.words.join(', ')})`).join('\n');
}

describe('pseudo-locale (qps-ploc): every string the extension shows goes through localization', function () {
  this.timeout(120_000);
  const f = Fixture.forSuite();

  it('runs with VS Code in the pseudo locale and the extension reading its pseudo bundle', () => {
    assert.equal(vscode.env.language, 'qps-ploc');
    assert.ok(vscode.l10n.bundle && Object.keys(vscode.l10n.bundle).length > 0, 'l10n/bundle.l10n.qps-ploc.json loaded');
    assert.deepEqual(unlocalizedWords(vscode.l10n.t('Add Connection'), new Set()), [], 'a string through vscode.l10n.t comes out accented');
  });

  it('the manifest: every command title and category, view, setting description and walkthrough step', () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const strings = localizedManifestStrings(ext.extensionPath, ext.packageJSON);
    assert.ok(strings.length > 90, `package.json names its strings by %key% (${strings.length})`);
    const findings = strings
      .map((s) => ({ where: s.path, text: s.text, words: unlocalizedWords(s.text, new Set()) }))
      .filter((s) => s.words.length > 0 || s.text.startsWith('(missing'));
    assert.deepEqual(findings, [], report(findings));
  });

  it('the Frame, Team Members, Applications and Activity views: every word that is not data', async () => {
    const web = await f.webConnection();
    await f.adminConnection();
    // A connection whose secret Frame refuses: its error node and message are in the tree too.
    await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
      name: 'Refused',
      baseUrl: f.sim.webApiBase,
      scheme: 'frame',
      clientId: 'not-a-client',
      secret: 'not-the-secret',
      verify: false,
    });
    const data = wordsOf(f.sim.data);
    for (const c of f.api.store.list()) wordsOf([c.name, c.baseUrl, c.clientId], data);
    const accounts = await f.accountNodes(web);
    assert.ok(accounts.length > 0);
    f.api.selection.set({ connection: accounts[0]!.connection, account: accounts[0]!.account });
    let items = 0;
    const findings: Finding[] = [];
    for (const [name, tree] of [
      ['Frame', f.api.accounts.tree],
      ['Team Members', f.api.teamMembers.tree],
      ['Applications', f.api.applications.tree],
      ['Activity', f.api.activityView.tree],
    ] as const) {
      const seen = await unlocalizedInTree(tree, data);
      items += seen.items;
      findings.push(...seen.findings.map((x) => ({ ...x, where: name + x.where })));
    }
    assert.ok(items > 30, `walked ${items} tree items`);
    assert.deepEqual(findings, [], report(findings));
  });
});
