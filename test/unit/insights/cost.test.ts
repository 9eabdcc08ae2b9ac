/**
 * Cost and forecast against a naive implementation written here from the definitions (cost.ts),
 * on random usage, and hand-computed edges: the "*" datacenter, unpriced hours (never 0), storage
 * over parts of months, a range starting after the 1st (no forecast), a leap February, the 1st.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { UsageRecord } from '../../../src/core/api';
import { accountInputs, estimateCost, parseCostSettings, type PriceTable } from '../../../src/core/insights';

const rec = (day: string, instanceType: string, hoursUsed: number, datacenter = 'dc1'): UsageRecord => ({
  datacenter,
  time: `${day}T00:00:00`,
  day,
  hoursUsed,
  instanceType,
  serverType: 'production',
});

/** The definitions, written the slow and obvious way. */
function naive(usage: { account: string; record: UsageRecord }[], prices: PriceTable, from: string, to: string) {
  const priceOf = (t: string, dc: string) =>
    prices.instances.find((p) => p.instanceType === t && p.datacenter === dc)?.perHour ??
    prices.instances.find((p) => p.instanceType === t && p.datacenter === '*')?.perHour;
  const inRange = usage.filter((u) => u.record.day >= from && u.record.day <= to);
  const byAccount = new Map<string, { cost: number; unpriced: number; hours: number }>();
  let lastDay = '';
  for (const { account, record } of inRange) {
    const a = byAccount.get(account) ?? { cost: 0, unpriced: 0, hours: 0 };
    a.hours += record.hoursUsed;
    const p = priceOf(record.instanceType, record.datacenter);
    if (p === undefined) a.unpriced += record.hoursUsed;
    else a.cost += p * record.hoursUsed;
    byAccount.set(account, a);
    if (record.day > lastDay) lastDay = record.day;
  }
  let forecast: number | null = null;
  if (lastDay && from <= `${lastDay.slice(0, 7)}-01`) {
    const month = lastDay.slice(0, 7);
    let sofar = 0;
    for (const { record } of inRange) {
      const p = priceOf(record.instanceType, record.datacenter);
      if (record.day.startsWith(month) && p !== undefined) sofar += p * record.hoursUsed;
    }
    const [y, m] = month.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    forecast = (sofar / Number(lastDay.slice(8))) * days;
  }
  return { byAccount, forecast };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('cost: against a naive implementation', () => {
  it('costs every account and forecasts the month as the definitions say, on random usage', () => {
    const types = ['Air 8GB', 'Pro 16GB', 'GPU NV6'];
    const dcs = ['dc1', 'dc2'];
    const day = fc.integer({ min: 0, max: 75 }).map((d) => new Date(Date.UTC(2028, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            account: fc.constantFrom('A', 'B', 'C'),
            day,
            type: fc.constantFrom(...types),
            dc: fc.constantFrom(...dcs),
            hours: fc.integer({ min: 0, max: 4000 }).map((x) => x / 8),
          }),
          { maxLength: 60 },
        ),
        fc.array(
          fc.record({
            type: fc.constantFrom(...types),
            dc: fc.constantFrom('dc1', 'dc2', '*'),
            perHour: fc.integer({ min: 0, max: 400 }).map((x) => x / 100),
          }),
          {
            maxLength: 6,
          },
        ),
        day,
        day,
        (rows, priceRows, d1, d2) => {
          const [from, to] = d1 <= d2 ? [d1, d2] : [d2, d1];
          // The first row of a (type, datacenter) is its price, as in the setting's order.
          const instances = priceRows
            .filter((p, i) => priceRows.findIndex((q) => q.type === p.type && q.dc === p.dc) === i)
            .map((p) => ({ instanceType: p.type, datacenter: p.dc, perHour: p.perHour }));
          const usage = rows.map((r) => ({ account: r.account, record: rec(r.day, r.type, r.hours, r.dc) }));
          const got = estimateCost({ usage, prices: { instances }, from, to });
          const want = naive(usage, { instances }, from, to);
          assert.deepEqual(
            got.accounts.map((a) => a.account),
            [...want.byAccount.keys()].sort(),
          );
          for (const a of got.accounts) {
            const w = want.byAccount.get(a.account)!;
            assert.ok(close(a.instanceCost, w.cost), `${a.account}: ${a.instanceCost} vs ${w.cost}`);
            assert.ok(close(a.unpricedHours, w.unpriced));
            assert.ok(close(a.hours, w.hours));
          }
          const sum = (f: (x: { instanceCost: number }) => number, list: { instanceCost: number }[]) => list.reduce((s, x) => s + f(x), 0);
          assert.ok(
            close(
              got.total.instanceCost,
              sum((x) => x.instanceCost, got.accounts),
            ),
          );
          if (want.forecast === null) assert.equal(got.forecast, null);
          else assert.ok(got.forecast && close(got.forecast.monthEnd, want.forecast), `${got.forecast?.monthEnd} vs ${want.forecast}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cost: hand-computed edges', () => {
  const prices: PriceTable = {
    instances: [
      { instanceType: 'Air 8GB', datacenter: 'dc1', perHour: 1 },
      { instanceType: 'Air 8GB', datacenter: '*', perHour: 0.5 },
    ],
    storagePerGbMonth: 0.2,
  };

  it('prices another datacenter by the "*" row, and never costs an unpriced type as 0', () => {
    const c = estimateCost({
      usage: [
        { account: 'A', record: rec('2028-02-01', 'Air 8GB', 4, 'dc1') },
        { account: 'A', record: rec('2028-02-01', 'Air 8GB', 4, 'dc9') },
        { account: 'A', record: rec('2028-02-01', 'GPU', 5, 'dc1') },
      ],
      prices,
      from: '2028-02-01',
      to: '2028-02-01',
    });
    assert.equal(c.total.instanceCost, 4 * 1 + 4 * 0.5);
    assert.equal(c.total.unpricedHours, 5);
    assert.deepEqual(c.unpriced, [{ instanceType: 'GPU', datacenter: 'dc1', hours: 5 }]);
    // The 1st: one day elapsed of a leap February's 29.
    assert.equal(c.forecast!.elapsedDays, 1);
    assert.equal(c.forecast!.daysInMonth, 29);
    assert.equal(c.forecast!.monthEnd, 6 * 29);
    assert.equal(c.forecast!.unpricedHours, 5);
  });

  it('costs storage for the part of each month in the range, and adds the whole month to the forecast', () => {
    // 2028-01-17 … 2028-02-14: 15 of January's 31 days and 14 of February's 29.
    const c = estimateCost({
      usage: [{ account: 'A', record: rec('2028-02-14', 'Air 8GB', 10, 'dc1') }],
      prices,
      from: '2028-01-17',
      to: '2028-02-14',
      storageGb: { A: 100 },
    });
    assert.ok(close(c.accounts[0]!.storageCost, 100 * 0.2 * (15 / 31 + 14 / 29)));
    // February so far is all in the range: 10 ÷ 14 days × 29 + 100 GB × 0.2.
    assert.ok(close(c.forecast!.monthEnd, (10 / 14) * 29 + 20));
  });

  it('gives no forecast when the range starts after the 1st of the last month, and says why', () => {
    const c = estimateCost({
      usage: [{ account: 'A', record: rec('2028-03-20', 'Air 8GB', 1) }],
      prices,
      from: '2028-03-02',
      to: '2028-03-31',
    });
    assert.equal(c.forecast, null);
    assert.match(c.forecastNote!, /starts on 2028-03-02, after 2028-03-01/);
    const none = estimateCost({ usage: [], prices, from: '2028-03-01', to: '2028-03-31' });
    assert.equal(none.forecast, null);
    assert.match(none.forecastNote!, /No usage in the range/);
  });

  it('adds accounts up by the organization and the customer the settings give them, the rest not assigned', () => {
    const settings = parseCostSettings(prices, {
      'acc-1': { organization: 'Sales', customer: 'Acme', storageGb: 10 },
      B: { organization: 'Sales', customer: 'Acme' },
    });
    const usage = [
      { account: 'A', record: rec('2028-02-01', 'Air 8GB', 2, 'dc1') },
      { account: 'B', record: rec('2028-02-01', 'Air 8GB', 3, 'dc1') },
      { account: 'C', record: rec('2028-02-01', 'Air 8GB', 7, 'dc1') },
    ];
    // A is found by its id, B by its name, C has no entry.
    const { groups, storageGb } = accountInputs(settings, [
      { account: 'A', accountId: 'acc-1' },
      { account: 'B', accountId: 'acc-2' },
      { account: 'C', accountId: 'acc-3' },
    ]);
    assert.deepEqual(storageGb, { A: 10 });
    const c = estimateCost({ usage, prices: settings.prices, from: '2028-02-01', to: '2028-02-29', groups, storageGb });
    assert.deepEqual(
      c.byOrganization.map((g) => [g.name, g.accounts, g.instanceCost]),
      [
        ['Sales', 2, 5],
        ['', 1, 7],
      ],
    );
    assert.deepEqual(
      c.byCustomer.map((g) => [g.name, g.accounts]),
      [
        ['Acme', 2],
        ['', 1],
      ],
    );
    assert.ok(close(c.byOrganization[0]!.storageCost, 10 * 0.2));
  });

  it('refuses settings it cannot use, naming the setting and what to fix', () => {
    assert.throws(() => parseCostSettings([], undefined), /frameAdmin\.capacity\.prices is not usable: it must be an object/);
    assert.throws(
      () => parseCostSettings({ instances: [{ instanceType: 'X', datacenter: '*', perHour: '1' }] }, undefined),
      /instances\[0\] needs a "perHour"/,
    );
    assert.throws(() => parseCostSettings({ instances: [{ instanceType: 'X', perHour: 1 }] }, undefined), /needs a "datacenter"/);
    assert.throws(() => parseCostSettings({ storagePerGbMonth: -1 }, undefined), /"storagePerGbMonth" must be a price/);
    assert.throws(
      () => parseCostSettings(undefined, { A: { storageGb: 'lots' } }),
      /frameAdmin\.capacity\.accounts is not usable: the storageGb of "A"/,
    );
    // Nothing set: nothing priced, nothing invented.
    assert.deepEqual(parseCostSettings(undefined, undefined), { prices: { instances: [] }, accounts: {} });
  });
});
