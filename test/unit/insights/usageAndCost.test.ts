import * as assert from 'node:assert/strict';
import type { UsageRecord } from '../../../src/core/api';
import { capacityOf, computeCapacity, estimateCost, usageVsSessions } from '../../../src/core/insights';
import { SessionTableBuilder } from '../../../src/core/reports/sessionTable';
import type { SessionRecord } from '../../../src/core/reports/columns';
import { sessionRecord } from '../../support/sessionRecord';

const T = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z');

function session(start: string, durationSeconds: number, systemType: string): SessionRecord {
  return sessionRecord({
    username: 'u',
    application: 'a',
    startTime: T(start),
    durationSeconds,
    state: 'closed',
    systemType,
    sessionType: 'production',
    accountId: 'ACC',
  });
}

const usage = (day: string, instanceType: string, hoursUsed: number, datacenter = 'us-west-2'): UsageRecord => ({
  datacenter,
  time: `${day}T00:00:00`,
  day,
  hoursUsed,
  instanceType,
  serverType: 'production',
});

describe('usage vs sessions (elasticity efficiency)', () => {
  const builder = new SessionTableBuilder();
  builder.add(session('2026-03-02 09:00:00', 3 * 3600, 'Air 8GB'));
  builder.add(session('2026-03-03 09:00:00', 2 * 3600, 'Air 8GB'));
  builder.add(session('2026-03-02 09:00:00', 3600, 'GPU NV6'));
  const insights = computeCapacity(builder.build());

  it('puts usage hours beside session hours per day and type, with idle hours and efficiency', () => {
    // Names equal but for case and spaces are the same type.
    const r = usageVsSessions(
      [usage('2026-03-02', 'air 8gb ', 4), usage('2026-03-04', 'air 8gb ', 1), usage('2026-03-02', 'Pro 16GB', 5)],
      insights,
    );
    assert.deepEqual(r.rows, [
      {
        day: '2026-03-02',
        instanceType: 'air 8gb ',
        systemType: 'Air 8GB',
        usageHours: 4,
        sessionHours: 3,
        idleHours: 1,
        efficiency: 0.75,
      },
      {
        day: '2026-03-03',
        instanceType: 'air 8gb ',
        systemType: 'Air 8GB',
        usageHours: 0,
        sessionHours: 2,
        idleHours: -2,
        efficiency: null,
      },
      { day: '2026-03-04', instanceType: 'air 8gb ', systemType: 'Air 8GB', usageHours: 1, sessionHours: 0, idleHours: 1, efficiency: 0 },
    ]);
    assert.deepEqual(r.totals, [
      { instanceType: 'air 8gb ', systemType: 'Air 8GB', usageHours: 5, sessionHours: 5, idleHours: 0, efficiency: 1 },
    ]);
    // Types on one side only are named, with their hours, never matched by a guess.
    assert.deepEqual(r.unmatchedInstanceTypes, [{ instanceType: 'Pro 16GB', usageHours: 5 }]);
    assert.deepEqual(r.unmatchedSystemTypes, [{ systemType: 'GPU NV6', sessionHours: 1 }]);
  });

  it('compares only the days both sides were read for: the rest is left out and counted, not shown as idle or missing', () => {
    // Usage read for 03-02..03-03 only; sessions of 03-02 and 03-03 loaded, and a usage day (03-04) outside.
    const compared = (day: string) => day >= '2026-03-02' && day <= '2026-03-03';
    const r = usageVsSessions(
      [usage('2026-03-02', 'Air 8GB', 4), usage('2026-03-04', 'Air 8GB', 1), usage('2026-03-02', 'GPU NV6', 1)],
      insights,
      {},
      (day) => compared(day) && day !== '2026-03-03',
    );
    // 03-03 has sessions but was not compared (say, its usage was not read): not a day of −2 idle hours.
    assert.deepEqual(
      r.rows.map((x) => [x.day, x.systemType, x.usageHours, x.sessionHours]),
      [
        ['2026-03-02', 'Air 8GB', 4, 3],
        ['2026-03-02', 'GPU NV6', 1, 1],
      ],
    );
    assert.deepEqual(
      r.totals.map((t) => [t.systemType, t.usageHours, t.sessionHours]),
      [
        ['Air 8GB', 4, 3],
        ['GPU NV6', 1, 1],
      ],
    );
    assert.deepEqual(r.leftOut, { days: 2, usageHours: 1, sessionHours: 2 }, '03-03 (2 session hours) and 03-04 (1 usage hour)');
    assert.deepEqual(usageVsSessions([usage('2026-03-02', 'Air 8GB', 4)], insights).leftOut, { days: 0, usageHours: 0, sessionHours: 0 });
  });

  it('matches differently named types only through the aliases the admin gave', () => {
    const r = usageVsSessions([usage('2026-03-02', 'g4dn.xlarge', 2)], insights, { 'g4dn.xlarge': 'GPU NV6' });
    assert.deepEqual(r.totals, [
      { instanceType: 'g4dn.xlarge', systemType: 'GPU NV6', usageHours: 2, sessionHours: 1, idleHours: 1, efficiency: 0.5 },
    ]);
    assert.deepEqual(
      r.unmatchedSystemTypes.map((t) => t.systemType),
      ['Air 8GB'],
    );
  });
});

describe('cost estimate and month-end forecast', () => {
  const records = [
    { account: 'Acme', record: usage('2026-03-01', 'Air 8GB', 10) },
    { account: 'Acme', record: usage('2026-03-02', 'Air 8GB', 10, 'eu-west-1') },
    { account: 'Beta', record: usage('2026-03-02', 'GPU NV6', 4) },
    { account: 'Beta', record: usage('2026-03-02', 'Pro 16GB', 3) },
    { account: 'Beta', record: usage('2026-02-27', 'Air 8GB', 99) }, // outside the range
  ];
  const prices = {
    instances: [
      { instanceType: 'Air 8GB', datacenter: 'us-west-2', perHour: 0.5 },
      { instanceType: 'Air 8GB', datacenter: '*', perHour: 0.25 },
      { instanceType: 'GPU NV6', datacenter: 'us-west-2', perHour: 2 },
    ],
    storagePerGbMonth: 0.1,
  };

  it('costs priced hours by account, names unpriced ones, and forecasts the month from its run rate', () => {
    const c = estimateCost({ usage: records, prices, from: '2026-03-01', to: '2026-03-31', storageGb: { Acme: 100 } });
    assert.deepEqual(
      c.accounts.map((a) => [a.account, a.hours, a.instanceCost, a.unpricedHours]),
      [
        ['Acme', 20, 10 * 0.5 + 10 * 0.25, 0],
        ['Beta', 7, 8, 3],
      ],
    );
    assert.ok(Math.abs(c.accounts[0]!.storageCost - 10) < 1e-9); // 100 GB × 0.1 for the whole of March
    assert.deepEqual(c.unpriced, [{ instanceType: 'Pro 16GB', datacenter: 'us-west-2', hours: 3 }]);
    assert.equal(c.total.instanceCost, 15.5);
    // Two days of March: 15.5 so far → 7.75 a day × 31 days, plus the month's storage.
    assert.deepEqual(c.forecast, {
      month: '2026-03',
      asOf: '2026-03-02',
      elapsedDays: 2,
      daysInMonth: 31,
      monthToDate: 15.5,
      storage: 10,
      monthEnd: 7.75 * 31 + 10,
      unpricedHours: 3,
    });
  });

  it('refuses a price table it cannot use, saying what is wrong', () => {
    assert.throws(
      () =>
        estimateCost({
          usage: records,
          prices: { instances: [{ instanceType: 'Air 8GB', datacenter: 'x', perHour: -1 }] },
          from: '2026-03-01',
          to: '2026-03-31',
        }),
      /price of "Air 8GB" in "x" is not usable/,
    );
    assert.throws(() => estimateCost({ usage: records, prices, from: '2026-03-31', to: '2026-03-01' }), /not a range of days/);
  });
});

describe('capacityOf', () => {
  it('computes a table’s figures once and hands the same ones back', () => {
    const builder = new SessionTableBuilder();
    builder.add(session('2026-03-02 09:00:00', 60, 'Air 8GB'));
    const table = builder.build();
    const first = capacityOf(table);
    assert.equal(capacityOf(table), first);
    assert.equal(first.figures('Air 8GB').peakConcurrency, 1);
    assert.notEqual(capacityOf(new SessionTableBuilder().build()), first);
  });
});
