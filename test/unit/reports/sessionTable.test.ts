import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SessionRecord } from '../../../src/core/reports/columns';
import { SessionTableBuilder, argsort, durationHistogram, mergeRuns } from '../../../src/core/reports/sessionTable';
import { TABLE_COLUMNS, type TableRow, type TableSort } from '../../../src/core/reports/tableColumns';
import { SessionTable } from '../../../src/core/reports/sessionTable';
import { isPermutation, mergeOrders, newestFirstOf } from '../../../src/core/reports/sortOrder';
import { sessionRecord } from '../../support/sessionRecord';

const record = sessionRecord;

const asRow = (r: SessionRecord): TableRow => [
  r.startTime,
  r.username,
  r.application,
  r.durationSeconds,
  r.country,
  r.city,
  r.avgLatency,
  r.avgBandwidth,
  r.avgFramerate,
  r.state,
];

/** The oracle: filter then a stable sort, unknown values last, text by a locale collator. */
function naive(records: SessionRecord[], sort: TableSort, filter: string): TableRow[] {
  const col = TABLE_COLUMNS.findIndex((c) => c.id === sort.column);
  const needle = filter.trim().toLocaleLowerCase();
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const rows = records
    .map((r, i) => ({ row: asRow(r), i }))
    .filter(({ row }) => !needle || [row[1], row[2], row[4], row[5]].some((v) => v.toLocaleLowerCase().includes(needle)));
  const unknown = (v: unknown) => v === null || v === '';
  rows.sort((a, b) => {
    const x = a.row[col];
    const y = b.row[col];
    if (unknown(x) || unknown(y)) return unknown(x) === unknown(y) ? a.i - b.i : unknown(x) ? 1 : -1;
    const d = typeof x === 'number' ? x - (y as number) : collator.compare(x as string, y as string) || (x! < y! ? -1 : x! > y! ? 1 : 0);
    return (sort.descending ? -d : d) || a.i - b.i;
  });
  return rows.map((r) => r.row);
}

const text = fc.oneof(
  fc.constantFrom('', 'Ana', 'ana', 'Zoë', 'zürich', 'München', '<img src=x>', 'Chrome', 'US', 'DE'),
  fc.string({ maxLength: 6 }),
);
const num = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
/**
 * Durations and quality figures are kept as float32 (7 significant digits, the aggregates use the
 * exact values): report values (up to two decimals, below 100,000) read back exactly.
 */
const reportNum = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }),
  fc.integer({ min: -9_999_999, max: 9_999_999 }).map((n) => n / 100),
);
const arbRecord = fc
  .record({
    username: text,
    application: text,
    country: text,
    city: text,
    state: text,
    startTime: num,
    durationSeconds: reportNum,
    avgLatency: reportNum,
    avgBandwidth: reportNum,
    avgFramerate: reportNum,
  })
  .map((p) => record(p));

describe('reports/sessionTable', () => {
  it('pages, sorts and filters exactly like a naive implementation (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(arbRecord, { maxLength: 60 }),
        fc.constantFrom(...TABLE_COLUMNS.map((c) => c.id)),
        fc.boolean(),
        fc.constantFrom('', 'a', 'ü', 'ZÜR', ' us ', '<img', 'zz'),
        fc.nat(70),
        fc.integer({ min: 1, max: 70 }),
        (records, column, descending, filter, offset, limit) => {
          const b = new SessionTableBuilder();
          records.forEach((r) => b.add(r));
          const table = b.build();
          const expected = naive(records, { column, descending }, filter);
          const page = table.page(offset, limit, { column, descending }, filter);
          assert.equal(page.total, expected.length);
          assert.deepEqual(page.rows, expected.slice(Math.min(offset, expected.length), Math.min(offset, expected.length) + limit));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('caches the order between pages, and rebuilds it when sort or filter change', () => {
    const b = new SessionTableBuilder();
    for (let i = 0; i < 1000; i++) b.add(record({ username: `user${i % 37}`, durationSeconds: (i * 7919) % 1000, startTime: i }));
    const table = b.build();
    const sort: TableSort = { column: 'duration', descending: true };
    const first = table.page(0, 10, sort, '');
    const second = table.page(10, 10, sort, '');
    assert.equal(first.total, 1000);
    assert.ok(first.rows[9]![3]! >= second.rows[0]![3]!);
    const filtered = table.page(0, 1000, sort, 'USER3');
    assert.ok(filtered.rows.every((r) => r[1].startsWith('user3')));
    assert.equal(filtered.total, 1000 - [...Array(1000).keys()].filter((i) => !`user${i % 37}`.startsWith('user3')).length);
    assert.deepEqual(table.page(5000, 10, sort, '').rows, []);
  });

  it('argsort orders like a stable comparator sort, NaN last, for sorted and unsorted keys (fast-check)', () => {
    const value = fc.oneof(fc.constantFrom(NaN, 0, -0, 1, -1, 2.5, 1e12, -1e12, Infinity, -Infinity), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.boolean(), fc.boolean(), (values, presort, descending) => {
        const keys = Float64Array.from(presort ? values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b) : values);
        const expected = [...keys.keys()].sort((a, b) => {
          const x = keys[a]!;
          const y = keys[b]!;
          if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
          return (descending ? y - x : x - y) || a - b;
        });
        assert.deepEqual(Array.from(argsort(keys, descending)), expected);
      }),
      { numRuns: 500 },
    );
  });

  it('merging ascending parts gives the order of a stable sort of them all (fast-check)', () => {
    const run = fc
      .array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, min: -10, max: 10 })), { maxLength: 20 })
      .map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(fc.array(run, { maxLength: 6 }), fc.boolean(), (runs, descending) => {
        const all = runs.flat();
        const expected = [...all.keys()].sort((a, b) => (descending ? all[b]! - all[a]! : all[a]! - all[b]!) || a - b);
        assert.deepEqual(Array.from(mergeRuns(runs, descending)), expected);
      }),
      { numRuns: 500 },
    );
  });

  it("argsort's integer shortcut (keys less than 2^32 apart) orders like a stable comparator sort (fast-check)", () => {
    const base = fc.constantFrom(0, 1.77e12, -5e9, 2 ** 52);
    const spread = fc.constantFrom(10, 70_000, 2 ** 32 - 1, 2 ** 32, 2 ** 40);
    fc.assert(
      fc.property(
        base,
        spread,
        fc.array(fc.option(fc.nat(), { nil: NaN, freq: 8 }), { maxLength: 80 }),
        fc.boolean(),
        (b, sp, raw, descending) => {
          const keys = Float64Array.from(raw, (v) => (Number.isNaN(v) ? NaN : b + (v % (sp + 1))));
          const expected = [...keys.keys()].sort((x, y) => {
            const p = keys[x]!;
            const q = keys[y]!;
            if (Number.isNaN(p) || Number.isNaN(q)) return Number.isNaN(p) === Number.isNaN(q) ? x - y : Number.isNaN(p) ? 1 : -1;
            return (descending ? q - p : p - q) || x - y;
          });
          assert.deepEqual(Array.from(argsort(Float64Array.from(keys), descending)), expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('merging parts each newest first gives argsort over all their starts, either direction (fast-check)', () => {
    const value = fc.oneof(fc.constantFrom(NaN, 0, -0, 1, 2, 1.77e12), fc.integer({ min: -3, max: 3 }), fc.double({ min: -10, max: 10 }));
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 20 }), { maxLength: 6 }), fc.boolean(), (parts, descending) => {
        const runs = parts.map((p) => ({ keys: Float64Array.from(p), order: newestFirstOf(Float64Array.from(p)) }));
        runs.forEach((r) => assert.ok(isPermutation(r.order, r.keys.length)));
        assert.deepEqual(Array.from(mergeOrders(runs, descending)), Array.from(argsort(Float64Array.from(parts.flat()), descending)));
      }),
      { numRuns: 500 },
    );
  });

  it('isPermutation refuses a wrong length, an index out of range and an index twice', () => {
    assert.ok(isPermutation(Uint32Array.of(2, 0, 1), 3));
    assert.ok(isPermutation(new Uint32Array(0), 0));
    assert.ok(!isPermutation(Uint32Array.of(1, 0), 3));
    assert.ok(!isPermutation(Uint32Array.of(2, 0, 3), 3));
    assert.ok(!isPermutation(Uint32Array.of(2, 0, 2), 3));
  });

  it('a table whose parts carry their newest-first order pages and indexes rows as one that sorts them', () => {
    const b = new SessionTableBuilder();
    const starts = [5, NaN, 3, 5, 9, 1, NaN, 3, 7, 7, 0];
    starts.forEach((s, i) => b.add(record({ startTime: Number.isNaN(s) ? null : s * 1000, username: `u${i}` })));
    const plain = b.build();
    const part = plain.parts[0]!;
    const cut = 6;
    const slice = (from: number, to: number) => ({
      rows: to - from,
      remap: part.remap,
      columns: Object.fromEntries(
        Object.entries(part.columns).map(([k, a]) => [k, (a as Float64Array).slice(from, to)]),
      ) as unknown as typeof part.columns,
    });
    const parts = [slice(0, cut), slice(cut, starts.length)].map((p) => ({ ...p, newestFirst: newestFirstOf(p.columns.start) }));
    const ordered = new SessionTable(parts, plain.dictionaries);
    for (const descending of [true, false]) {
      const sort: TableSort = { column: 'start', descending };
      assert.deepEqual(ordered.rowIndexes(0, 100, sort, ''), plain.rowIndexes(0, 100, sort, ''));
      assert.deepEqual(ordered.page(0, 100, sort, 'u1'), plain.page(0, 100, sort, 'u1'));
    }
    assert.deepEqual(ordered.rowIndexes(0, 3, { column: 'start', descending: true }, ''), [4, 8, 9]);
  });

  it('an empty table answers empty pages', () => {
    const table = new SessionTableBuilder().build();
    assert.deepEqual(table.page(0, 50, { column: 'start', descending: false }, 'x'), { total: 0, offset: 0, rows: [] });
  });

  it('bins durations into a histogram with an open last bin', () => {
    const h = durationHistogram(Float64Array.from([0, 299, 300, 3599, 3600, 100_000, NaN]));
    assert.deepEqual(h.edgesMinutes, [0, 5, 15, 30, 60, 120, 240, 480]);
    assert.deepEqual(h.counts, [2, 1, 0, 1, 1, 0, 0, 1]);
  });
});
