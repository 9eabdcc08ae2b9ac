// package.json against the code's single declarations: every command id (COMMANDS), which ones
// the palette hides, and every view/item/context `when` clause evaluated for every context value
// (CONTEXT) in every view it appears in, so a menu can neither miss a node nor reach a wrong one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, NOT_IN_PALETTE } from '../../src/commands/ids';
import { CONTEXT, ITEM_MENUS, VIEWS } from '../../src/views/contextValues';
import { NUMERIC_SETTINGS, clampSetting } from '../../src/core/settings';
import { repoRoot } from '../support/paths';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, MenuItem[]>; views: Record<string, { id: string }[]> };
};

/**
 * A `when` clause evaluator for the subset VS Code menus use here: `&&`, `||`, `!`, parentheses,
 * `key == value`, `key != value`, `key =~ /regex/flags` and bare keys. Unknown keys are undefined.
 */
export function evaluateWhen(clause: string, context: Record<string, string | boolean | undefined>): boolean {
  const tokens = clause.match(/\s*(=~\s*\/(?:\\.|[^/])*\/[a-z]*|==|!=|&&|\|\||!|\(|\)|[^\s()!=&|]+)/g)?.map((t) => t.trim()) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const value = (key: string) => context[key];
  function primary(): boolean {
    const t = next();
    if (t === '!') return !primary();
    if (t === '(') {
      const v = or();
      assert.equal(next(), ')', `unbalanced parentheses in ${clause}`);
      return v;
    }
    assert.ok(t, `unexpected end of ${clause}`);
    const op = peek();
    if (op === '==' || op === '!=') {
      next();
      const rhs = next();
      const eq = String(value(t)) === rhs;
      return op === '==' ? eq : !eq;
    }
    if (op?.startsWith('=~')) {
      next();
      const m = /^=~\s*\/((?:\\.|[^/])*)\/([a-z]*)$/.exec(op);
      assert.ok(m, `bad regex in ${clause}`);
      return new RegExp(m[1]!, m[2]).test(String(value(t) ?? ''));
    }
    return !!value(t);
  }
  function and(): boolean {
    let v = primary();
    while (peek() === '&&') {
      next();
      v = primary() && v;
    }
    return v;
  }
  function or(): boolean {
    let v = and();
    while (peek() === '||') {
      next();
      v = and() || v;
    }
    return v;
  }
  const result = or();
  assert.equal(i, tokens.length, `could not read all of ${clause}`);
  return result;
}

describe('package.json against the code', () => {
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

  it('offers each kind of tree item exactly the commands ITEM_MENUS lists, in each of its views', () => {
    const items = manifest.contributes.menus['view/item/context']!;
    for (const context of Object.values(CONTEXT)) {
      for (const view of Object.values(VIEWS)) {
        const offered = new Set(items.filter((m) => evaluateWhen(m.when ?? 'true', { view, viewItem: context })).map((m) => m.command));
        const expected = ITEM_MENUS[context].views.includes(view) ? new Set(ITEM_MENUS[context].commands) : new Set<string>();
        assert.deepEqual([...offered].sort(), [...expected].sort(), `${context} in ${view}`);
      }
    }
  });

  it('evaluates when clauses like VS Code (the evaluator itself)', () => {
    const ctx = { view: 'v1', viewItem: 'account.admin', flag: true };
    assert.equal(evaluateWhen('view == v1 && viewItem =~ /^account\\./', ctx), true);
    assert.equal(evaluateWhen('view == v1 && viewItem =~ /^(account\\.web|usage)$/', ctx), false);
    assert.equal(evaluateWhen('view == v2 || viewItem != account.web', ctx), true);
    assert.equal(evaluateWhen('!flag || (view == v1 && !missing)', ctx), true);
    assert.equal(evaluateWhen('viewItem =~ /^(account|recentSessions)/', ctx), true, 'the clause that once reached Admin API accounts');
  });
});

describe('numeric settings', () => {
  const properties = (
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
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
