// Deep or huge JSON renders everywhere (issue 18, class 11): a response nested 5,000 (or 100,000)
// deep gives its JSON text, never "Maximum call stack size exceeded" nor "[object Object]", in
// the details/response text, the audit entry view and tab, its table cells and its CSV.
import * as assert from 'node:assert/strict';
import { auditCell, auditColumns, auditCsv, jsonText } from '../../../src/core/api';
import { jsonStringify } from '../../../src/core/json';
import { checkUiState as checkAuditUi } from '../../../src/audit/auditRequests';
import { checkUiState as checkReportsUi } from '../../../src/reports/reportsRequests';
import { FrameError } from '../../../src/core/errors';
import { Random } from '../../fixtures/random';

function nested(depth: number): unknown {
  let v: unknown = { leaf: 'x' };
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

describe('deep JSON renders', () => {
  it('jsonText of a value nested 5,000 and 100,000 deep is its JSON', () => {
    for (const depth of [5_000, 100_000]) {
      const text = jsonText(nested(depth));
      assert.doesNotMatch(text.slice(0, 200), /object Object/);
      assert.ok(text.includes('"leaf": "x"'));
      assert.equal(text.split('\n').length, 2 * depth + 3);
    }
  });

  it('an audit entry nested 5,000 deep: its cell and CSV hold its JSON, not [object Object]', () => {
    const entry = { id: 'e1', timestamp: '2026-01-01T00:00:00Z', details: nested(5_000) };
    const columns = auditColumns([entry]);
    const details = { key: 'details', title: 'Details', time: false };
    const cell = auditCell(entry, details);
    assert.ok(cell.startsWith('[{"a":[{"a":['), cell.slice(0, 40));
    assert.ok(cell.includes('{"leaf":"x"}'));
    assert.equal(cell.split('{"a":').length - 1, 2_500, 'every level');
    const csv = auditCsv([...columns, details], [entry]);
    assert.doesNotMatch(csv, /object Object/);
  });

  it('writes what JSON.stringify writes for ordinary values (random ones, compact and indented)', () => {
    const r = new Random(18);
    const value = (depth: number): unknown => {
      const k = r.int(0, depth > 4 ? 5 : 8);
      if (k === 0) return null;
      if (k === 1) return r.int(-1e6, 1e6) / 7;
      if (k === 2) return `s${r.int(0, 99)}"\n\u2028é`;
      if (k === 3) return r.int(0, 1) === 1;
      if (k === 4) return undefined;
      if (k === 5) return new Date(r.int(0, 2e12));
      if (k === 6) return Array.from({ length: r.int(0, 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: r.int(0, 4) }, (_, i) => [`k${i}`, value(depth + 1)]));
    };
    for (let n = 0; n < 300; n++) {
      const v = value(0);
      if (v === undefined) continue;
      assert.equal(jsonStringify(v), JSON.stringify(v));
      assert.equal(jsonStringify(v, 2), JSON.stringify(v, null, 2));
    }
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    assert.equal(jsonStringify({ c: cyclic, n: 10n, x: NaN }), '{"c":{"a":1,"self":"[Circular]"},"n":"10","x":null}');
  });

  it('UI state a webview sends nested 20,000 deep is refused as too large, not "Maximum call stack size exceeded"', () => {
    const state = { deep: nested(20_000) };
    for (const check of [checkAuditUi, checkReportsUi]) {
      assert.throws(
        () => check(state),
        (e: unknown) => e instanceof FrameError && /too large/.test(e.message),
      );
    }
  });
});
