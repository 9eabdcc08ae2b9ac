/**
 * Cost estimate and month-end run-rate forecast from the admin's own price table (no price is
 * invented: hours without a price are reported as unpriced, never costed).
 *
 * - Instance cost: each usage record's `hours_used` × the price per hour of its
 *   (`instance_type`, `datacenter`); a row with datacenter "*" prices that type in any datacenter
 *   without a row of its own. Names are compared after trimming, case kept.
 * - Storage cost: the GB the caller gives per account × the price per GB-month, for the part of
 *   each calendar month the range covers (each day is 1/days-in-its-month of a month).
 * - Forecast: for the month of `asOf` (the last day with data), month-to-date instance cost ÷ days
 *   from the 1st to `asOf` × days in the month, plus the whole month's storage. A run rate, not a
 *   prediction.
 * Days are the usage endpoint's (Pacific time).
 */
import type { UsageRecord } from '../api';
import { FrameError } from '../errors';

export interface InstancePrice {
  instanceType: string;
  /** A datacenter as the usage endpoint names it, or "*" for any. */
  datacenter: string;
  perHour: number;
}

export interface PriceTable {
  instances: readonly InstancePrice[];
  /** Price of one GB kept for one month; omitted = storage not costed. */
  storagePerGbMonth?: number;
}

export interface CostInput {
  usage: readonly { account: string; record: UsageRecord }[];
  prices: PriceTable;
  /** The range, yyyy-MM-dd, both included. */
  from: string;
  to: string;
  /** GB of storage per account, for the storage cost. */
  storageGb?: Readonly<Record<string, number>>;
}

export interface AccountCost {
  account: string;
  hours: number;
  instanceCost: number;
  storageCost: number;
  /** Hours whose (instance type, datacenter) has no price. */
  unpricedHours: number;
}

export interface CostEstimate {
  accounts: AccountCost[];
  total: AccountCost;
  unpriced: { instanceType: string; datacenter: string; hours: number }[];
  forecast: { month: string; asOf: string; monthToDate: number; monthEnd: number } | null;
}

const DAY_MS = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const daysInMonthOf = (ms: number) => {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
};

function checkPrices(p: PriceTable): void {
  const bad = p.instances.find((i) => !(Number.isFinite(i.perHour) && i.perHour >= 0) || !i.instanceType.trim() || !i.datacenter.trim());
  if (bad) {
    throw new FrameError(
      'invalid-request',
      `The price of "${bad.instanceType}" in "${bad.datacenter}" is not usable: every price needs an instance type, a datacenter (or "*") and a price per hour of 0 or more.`,
    );
  }
  if (p.storagePerGbMonth !== undefined && !(Number.isFinite(p.storagePerGbMonth) && p.storagePerGbMonth >= 0)) {
    throw new FrameError('invalid-request', 'The storage price per GB-month must be a number of 0 or more.');
  }
}

export function estimateCost(input: CostInput): CostEstimate {
  checkPrices(input.prices);
  const from = dayMs(input.from);
  const to = dayMs(input.to);
  if (!(from <= to))
    throw new FrameError('invalid-request', `The cost range ${input.from} to ${input.to} is not a range of days (yyyy-MM-dd, from ≤ to).`);
  const price = new Map<string, number>();
  for (const i of input.prices.instances) price.set(`${i.instanceType.trim()}\u0000${i.datacenter.trim()}`, i.perHour);
  const priceOf = (type: string, dc: string) => price.get(`${type.trim()}\u0000${dc.trim()}`) ?? price.get(`${type.trim()}\u0000*`);

  const accounts = new Map<string, AccountCost>();
  const accountOf = (a: string) => {
    let c = accounts.get(a);
    if (!c) accounts.set(a, (c = { account: a, hours: 0, instanceCost: 0, storageCost: 0, unpricedHours: 0 }));
    return c;
  };
  const unpriced = new Map<string, { instanceType: string; datacenter: string; hours: number }>();
  const costByDay = new Map<string, number>();
  let lastDay = '';
  for (const { account, record } of input.usage) {
    const t = dayMs(record.day);
    if (!(t >= from && t <= to) || !Number.isFinite(record.hoursUsed)) continue;
    const c = accountOf(account);
    c.hours += record.hoursUsed;
    if (record.day > lastDay) lastDay = record.day;
    const p = priceOf(record.instanceType, record.datacenter);
    if (p === undefined) {
      c.unpricedHours += record.hoursUsed;
      const k = `${record.instanceType}\u0000${record.datacenter}`;
      const u = unpriced.get(k) ?? { instanceType: record.instanceType, datacenter: record.datacenter, hours: 0 };
      u.hours += record.hoursUsed;
      unpriced.set(k, u);
      continue;
    }
    c.instanceCost += record.hoursUsed * p;
    costByDay.set(record.day, (costByDay.get(record.day) ?? 0) + record.hoursUsed * p);
  }
  const storagePrice = input.prices.storagePerGbMonth;
  const monthsIn = (a: number, b: number) => {
    let m = 0;
    for (let t = a; t <= b; t += DAY_MS) m += 1 / daysInMonthOf(t);
    return m;
  };
  let storagePerMonth = 0;
  if (storagePrice !== undefined) {
    const months = monthsIn(from, to);
    for (const [account, gb] of Object.entries(input.storageGb ?? {})) {
      if (!(Number.isFinite(gb) && gb >= 0))
        throw new FrameError('invalid-request', `The storage of "${account}" must be a number of GB, 0 or more.`);
      accountOf(account).storageCost = gb * storagePrice * months;
      storagePerMonth += gb * storagePrice;
    }
  }
  const list = [...accounts.values()].sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
  const total = list.reduce<AccountCost>(
    (s, c) => ({
      account: '*',
      hours: s.hours + c.hours,
      instanceCost: s.instanceCost + c.instanceCost,
      storageCost: s.storageCost + c.storageCost,
      unpricedHours: s.unpricedHours + c.unpricedHours,
    }),
    { account: '*', hours: 0, instanceCost: 0, storageCost: 0, unpricedHours: 0 },
  );
  let forecast: CostEstimate['forecast'] = null;
  if (lastDay) {
    const month = lastDay.slice(0, 7);
    const elapsed = Number(lastDay.slice(8, 10));
    let monthToDate = 0;
    for (const [day, cost] of costByDay) if (day.startsWith(month)) monthToDate += cost;
    const days = daysInMonthOf(dayMs(lastDay));
    forecast = { month, asOf: lastDay, monthToDate, monthEnd: (monthToDate / elapsed) * days + storagePerMonth };
  }
  return { accounts: list, total, unpriced: [...unpriced.values()], forecast };
}
