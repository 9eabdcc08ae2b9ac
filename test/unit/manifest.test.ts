// package.json against the code's single declarations (src/contract): every command id
// (COMMANDS), which ones the palette hides, the views (VIEWS), and the view/item/context menus read
// against the context values the nodes set (CONTEXT): no menu names an unknown item, none reaches a
// read-only item with a write command. The menus themselves live only in package.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, CONTEXT, NOT_IN_PALETTE, VIEWS, WRITE_COMMANDS } from '../../src/contract';
import { NUMERIC_SETTINGS, clampSetting } from '../../src/core/settings';
import { localizedManifest } from '../support/manifest';
import { repoRoot } from '../support/paths';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = localizedManifest() as {
  contributes: { commands: { command: string }[]; menus: Record<string, MenuItem[]>; views: Record<string, { id: string }[]> };
};
const itemMenus = manifest.contributes.menus['view/item/context']!;
const contextValues: readonly string[] = Object.values(CONTEXT);

/** What an item menu's `when` says about the view and the item: its `&&` terms, read one by one. */
function itemCondition(item: MenuItem): { view?: string; viewItem?: { equals: string } | { matches: RegExp } } {
  const when = item.when ?? '';
  assert.ok(!/\|\||\(|\)\s*&&/.test(when.replace(/\/.*\//, '')), `${item.command}: item menus here use only && (${when})`);
  const result: ReturnType<typeof itemCondition> = {};
  for (const term of when.split('&&').map((t) => t.trim())) {
    const equals = /^(view|viewItem) == (\S+)$/.exec(term);
    const matches = /^viewItem =~ \/((?:\\.|[^/])*)\/([a-z]*)$/.exec(term);
    if (equals?.[1] === 'view') result.view = equals[2];
    else if (equals) result.viewItem = { equals: equals[2]! };
    else if (matches) result.viewItem = { matches: new RegExp(matches[1]!, matches[2]) };
  }
  return result;
}

/** The context values an item menu entry reaches (by its viewItem clause; every value if it has none). */
function reached(item: MenuItem): string[] {
  const { viewItem } = itemCondition(item);
  if (!viewItem) return [...contextValues];
  return contextValues.filter((v) => ('equals' in viewItem ? v === viewItem.equals : viewItem.matches.test(v)));
}

/** The alternatives of a `^(a|b|c)…` regex, each as a regex of its own (with what follows the group). */
function alternatives(re: RegExp): RegExp[] {
  const m = /^\^\((.*)\)([^)]*)$/.exec(re.source);
  if (!m) return [re];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < m[1]!.length; i++) {
    const ch = m[1]![i]!;
    if (ch === '\\') {
      current += ch + m[1]![++i]!;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((alt) => new RegExp(`^(?:${alt})${m[2]}`, re.flags));
}

describe('package.json against the code', () => {
  it('gives *.frame.http its own language and grammar, keeps csv, and leaves plain .http files to other extensions', () => {
    const { languages, grammars } = localizedManifest<{ contributes: unknown }>().contributes as {
      languages: { id: string; extensions: string[] }[];
      grammars: { language: string; path: string }[];
    };
    assert.deepEqual(
      languages.map((l) => [l.id, l.extensions]),
      [
        ['csv', ['.csv']],
        ['frame-http', ['.frame.http']],
      ],
    );
    assert.deepEqual(
      grammars.map((g) => g.language),
      ['frame-http'],
    );
    for (const g of grammars) assert.ok(fs.existsSync(path.join(repoRoot, g.path)), g.path);
  });

  it('contributes exactly the commands of COMMANDS', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(COMMANDS).sort());
  });

  it('hides from the palette exactly the NOT_IN_PALETTE commands', () => {
    const hidden = manifest.contributes.menus.commandPalette!.filter((m) => m.when === 'false').map((m) => m.command);
    assert.deepEqual(hidden.sort(), [...NOT_IN_PALETTE].sort());
  });

  it('names only known commands in every menu', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(known.has(item.command), `${menu}: ${item.command}`);
    }
  });

  it('declares the views of VIEWS', () => {
    const ids = Object.values(manifest.contributes.views).flatMap((list) => list.map((v) => v.id));
    assert.deepEqual(ids.sort(), Object.values(VIEWS).sort());
  });

  it('names only known views and context values in the item menus (each alternative of a regex too)', () => {
    const views: readonly string[] = Object.values(VIEWS);
    for (const item of itemMenus) {
      const { view, viewItem } = itemCondition(item);
      const where = `${item.command} when ${item.when}`;
      if (view !== undefined) assert.ok(views.includes(view), `${where}: unknown view`);
      assert.ok(viewItem, `${where}: an item menu names its items`);
      if ('equals' in viewItem) assert.ok(contextValues.includes(viewItem.equals), `${where}: unknown context value`);
      else
        for (const alt of alternatives(viewItem.matches))
          assert.ok(
            contextValues.some((v) => alt.test(v)),
            `${where}: ${alt} reaches nothing`,
          );
    }
  });

  it('offers every context value the nodes set, and only those (each one in the code outside the contract)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = `${dir}/${e.name}`;
        return e.isDirectory()
          ? e.name === 'contract'
            ? []
            : sources(rel)
          : e.name.endsWith('.ts')
            ? [fs.readFileSync(path.join(repoRoot, rel), 'utf8')]
            : [];
      });
    const code = sources('src').join('\n');
    for (const [key, value] of Object.entries(CONTEXT)) assert.match(code, new RegExp(`CONTEXT\\.${key}\\b`), `${value}: no node sets it`);
  });

  it('never offers a write command on a read-only item, and offers each write command somewhere', () => {
    for (const item of itemMenus.filter((m) => WRITE_COMMANDS.has(m.command as never))) {
      const values = reached(item);
      assert.ok(values.length > 0, `${item.command}: reaches no item`);
      assert.deepEqual(
        values.filter((v) => v.endsWith('.readOnly')),
        [],
        `${item.command} when ${item.when}`,
      );
    }
    for (const command of WRITE_COMMANDS)
      assert.ok(
        itemMenus.some((m) => m.command === command),
        command,
      );
  });

  it('reads menus as VS Code does (the reader itself: the regex that once reached Admin API accounts)', () => {
    const entry = (when: string) => ({ command: COMMANDS.showReports, when });
    assert.deepEqual(
      reached(entry('view == frameAdmin.accounts && viewItem =~ /^(account|recentSessions)/')),
      [CONTEXT.adminAccount, CONTEXT.adminAccountReadOnly, CONTEXT.webAccount, CONTEXT.recentSessions].sort(
        (a, b) => contextValues.indexOf(a) - contextValues.indexOf(b),
      ),
    );
    assert.deepEqual(reached(entry('viewItem == member && !listMultiSelection')), [CONTEXT.member]);
    assert.deepEqual(
      alternatives(/^(account\.web|usage(s)?|reports)$/).map((r) => r.source),
      ['^(?:account\\.web)$', '^(?:usage(s)?)$', '^(?:reports)$'],
    );
  });
});

describe('numeric settings', () => {
  const properties = (
    localizedManifest() as {
      contributes: {
        configuration: { properties: Record<string, { type: string; minimum?: number; maximum?: number; default?: number }> };
      };
    }
  ).contributes.configuration.properties;

  it('clamps every numeric setting to the range package.json declares, with its default', () => {
    for (const [name, range] of Object.entries(NUMERIC_SETTINGS)) {
      const declared = properties[`frameAdmin.${name}`];
      assert.ok(declared, name);
      assert.deepEqual([declared.minimum, declared.maximum, declared.default], [range.min, range.max, range.fallback], name);
    }
    const numeric = Object.keys(properties).filter((k) => ['number', 'integer'].includes(properties[k]!.type));
    assert.deepEqual(
      numeric.sort(),
      Object.keys(NUMERIC_SETTINGS)
        .map((n) => `frameAdmin.${n}`)
        .sort(),
    );
  });

  it('rounds and clamps hostile values (1.2345 s, 1e6 retries, a page size of 0, NaN, text)', () => {
    assert.equal(clampSetting('http.timeoutSeconds', 1.2345), 1);
    assert.equal(clampSetting('http.timeoutSeconds', 0.2), 1);
    assert.equal(clampSetting('http.maxRetries', 1e6), 10);
    assert.equal(clampSetting('http.maxRetries', -3), 0);
    assert.equal(clampSetting('teamMembers.pageSize', 0), 20);
    assert.equal(clampSetting('teamMembers.pageSize', Number.NaN), 200);
    assert.equal(clampSetting('teamMembers.pageSize', '500'), 200);
    assert.equal(clampSetting('teamMembers.pageSize', 250.6), 251);
  });
});

describe('capabilities (Restricted Mode and virtual workspaces)', () => {
  const { capabilities, contributes } = localizedManifest() as {
    capabilities: Record<string, { supported: boolean | 'limited'; description: string }>;
    contributes: { configuration: { properties: Record<string, { type: string }> } };
  };

  it('is limited in Restricted Mode and says why: secrets never come from the workspace, request files are not sent', () => {
    const untrusted = capabilities.untrustedWorkspaces!;
    assert.equal(untrusted.supported, 'limited');
    for (const claim of [/SecretStorage/, /global state/, /base URL/, /numbers/, /\*\.frame\.http\) are not sent in Restricted Mode/])
      assert.match(untrusted.description, claim);
    // The claim the description makes: a workspace can set only numeric, clamped settings (no URL, host or path);
    // the rest (the cost settings) are user settings only (scope "application": no workspace can set them).
    const types = Object.entries(contributes.configuration.properties)
      .filter(([, p]) => (p as { scope?: string }).scope !== 'application')
      .map(([name, p]) => [name, p.type]);
    assert.deepEqual(
      types.filter(([, type]) => type !== 'integer' && type !== 'number'),
      [],
    );
  });

  it('is limited in virtual workspaces, naming the one command that needs a local folder', () => {
    const virtual = capabilities.virtualWorkspaces!;
    assert.equal(virtual.supported, 'limited');
    assert.match(virtual.description, /Export Sessions as Parquet/);
    assert.match(virtual.description, /file: folder/);
    const titles = (
      localizedManifest() as {
        contributes: { commands: { command: string; title: string }[] };
      }
    ).contributes.commands;
    const parquet = titles.find((c) => c.command === COMMANDS.exportSessionsParquet);
    assert.ok(parquet && virtual.description.includes(parquet.title.replace(/…$/, '')), 'the description names the command by its title');
  });
});
