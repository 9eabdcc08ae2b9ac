/**
 * Cost estimate and month-end run-rate forecast from the admin's own price table (no price is
 * invented: hours without a price are reported as unpriced, never costed).
 *
 * - Instance cost: each usage record's `hours_used` × the price per hour of its
 *   (`instance_type`, `datacenter`); a row with datacenter "*" prices that type in any datacenter
 *   without a row of its own. Names are compared after trimming, case kept.
 * - Storage cost: the GB the caller gives per account × the price per GB-month, for the part of
 *   each calendar month the range covers (each day is 1/days-in-its-month of a month).
 * - Groups: each account's costs added up by the organization and by the customer the admin gave it
 *   (`groups`; the Web API does not say which organization an account is in); an account without
 *   one is in the group "" (not assigned).
 * - Forecast (a run rate, not a prediction): for the calendar month of `asOf`, the last day with
 *   usage in the range, the priced instance cost from the 1st to `asOf` ("month to date") ÷ the
 *   days elapsed (`asOf`'s day of the month) × the days in the month, plus the month's storage.
 *   Only when the range starts on or before that 1st (else the month so far is not all in the
 *   range: `forecast` is null and `forecastNote` says why). Unpriced hours are not in it; they are
 *   counted beside it.
 * Days are the usage endpoint's (Pacific time).
 */
import * as l10n from '@vscode/l10n';
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
  /** The organization and customer of an account (by the `account` of its usage), as the admin gave them. */
  groups?: Readonly<Record<string, AccountGroups>>;
}

export interface AccountGroups {
  organization?: string;
  customer?: string;
}

export interface AccountCost {
  account: string;
  /** "" when not assigned. */
  organization: string;
  customer: string;
  hours: number;
  instanceCost: number;
  storageCost: number;
  /** Hours whose (instance type, datacenter) has no price. */
  unpricedHours: number;
}

/** Accounts' costs added up (an organization, a customer, or everything). */
export interface GroupCost {
  /** "" = accounts not assigned to one. */
  name: string;
  accounts: number;
  hours: number;
  instanceCost: number;
  storageCost: number;
  unpricedHours: number;
}

export interface CostForecast {
  /** yyyy-MM */
  month: string;
  /** The last day with usage in the range (yyyy-MM-dd). */
  asOf: string;
  elapsedDays: number;
  daysInMonth: number;
  /** Priced instance cost from the 1st to asOf. */
  monthToDate: number;
  /** The month's storage cost (0 when storage is not priced). */
  storage: number;
  /** monthToDate ÷ elapsedDays × daysInMonth + storage. */
  monthEnd: number;
  /** Hours of the month so far without a price (not in the forecast). */
  unpricedHours: number;
}

export interface CostEstimate {
  accounts: AccountCost[];
  byOrganization: GroupCost[];
  byCustomer: GroupCost[];
  total: GroupCost;
  unpriced: { instanceType: string; datacenter: string; hours: number }[];
  forecast: CostForecast | null;
  /** Why there is no forecast, when there is none. */
  forecastNote?: string;
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
      l10n.t(
        'The price of "{0}" in "{1}" is not usable: every price needs an instance type, a datacenter (or "*") and a price per hour of 0 or more.',
        bad.instanceType,
        bad.datacenter,
      ),
    );
  }
  if (p.storagePerGbMonth !== undefined && !(Number.isFinite(p.storagePerGbMonth) && p.storagePerGbMonth >= 0)) {
    throw new FrameError('invalid-request', l10n.t('The storage price per GB-month must be a number of 0 or more.'));
  }
}

export function estimateCost(input: CostInput): CostEstimate {
  checkPrices(input.prices);
  const from = dayMs(input.from);
  const to = dayMs(input.to);
  if (!(from <= to))
    throw new FrameError(
      'invalid-request',
      l10n.t('The cost range {0} to {1} is not a range of days (yyyy-MM-dd, from ≤ to).', input.from, input.to),
    );
  const price = new Map<string, number>();
  for (const i of input.prices.instances) price.set(`${i.instanceType.trim()}\u0000${i.datacenter.trim()}`, i.perHour);
  const priceOf = (type: string, dc: string) => price.get(`${type.trim()}\u0000${dc.trim()}`) ?? price.get(`${type.trim()}\u0000*`);

  const accounts = new Map<string, AccountCost>();
  const accountOf = (a: string) => {
    let c = accounts.get(a);
    if (!c) {
      const g = input.groups?.[a];
      c = {
        account: a,
        organization: g?.organization?.trim() ?? '',
        customer: g?.customer?.trim() ?? '',
        hours: 0,
        instanceCost: 0,
        storageCost: 0,
        unpricedHours: 0,
      };
      accounts.set(a, c);
    }
    return c;
  };
  const unpriced = new Map<string, { instanceType: string; datacenter: string; hours: number }>();
  const costByDay = new Map<string, number>();
  const unpricedByDay = new Map<string, number>();
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
      unpricedByDay.set(record.day, (unpricedByDay.get(record.day) ?? 0) + record.hoursUsed);
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
        throw new FrameError('invalid-request', l10n.t('The storage of "{0}" must be a number of GB, 0 or more.', account));
      accountOf(account).storageCost = gb * storagePrice * months;
      storagePerMonth += gb * storagePrice;
    }
  }
  const list = [...accounts.values()].sort((a, b) => byText(a.account, b.account));
  const total = groupBy(list, () => '')[0] ?? emptyGroup('');
  let forecast: CostForecast | null = null;
  let forecastNote: string | undefined;
  if (!lastDay) forecastNote = l10n.t('No usage in the range: nothing to forecast from.');
  else {
    const month = lastDay.slice(0, 7);
    if (input.from > `${month}-01`)
      forecastNote = l10n.t(
        'The range starts on {0}, after {1}-01: the month so far is not all in it, so there is no run rate for {1}. Choose a range from the 1st.',
        input.from,
        month,
      );
    else {
      const elapsedDays = Number(lastDay.slice(8, 10));
      const daysInMonth = daysInMonthOf(dayMs(lastDay));
      let monthToDate = 0;
      for (const [day, cost] of costByDay) if (day.startsWith(month)) monthToDate += cost;
      let unpricedHours = 0;
      for (const [day, hours] of unpricedByDay) if (day.startsWith(month)) unpricedHours += hours;
      forecast = {
        month,
        asOf: lastDay,
        elapsedDays,
        daysInMonth,
        monthToDate,
        storage: storagePerMonth,
        monthEnd: (monthToDate / elapsedDays) * daysInMonth + storagePerMonth,
        unpricedHours,
      };
    }
  }
  return {
    accounts: list,
    byOrganization: groupBy(list, (a) => a.organization),
    byCustomer: groupBy(list, (a) => a.customer),
    total: { ...total, name: '*' },
    unpriced: [...unpriced.values()].sort((a, b) => byText(a.instanceType, b.instanceType) || byText(a.datacenter, b.datacenter)),
    forecast,
    ...(forecastNote ? { forecastNote } : {}),
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const emptyGroup = (name: string): GroupCost => ({ name, accounts: 0, hours: 0, instanceCost: 0, storageCost: 0, unpricedHours: 0 });

/** Accounts added up by `nameOf`, sorted by name ("" last: not assigned). */
function groupBy(accounts: readonly AccountCost[], nameOf: (a: AccountCost) => string): GroupCost[] {
  const groups = new Map<string, GroupCost>();
  for (const a of accounts) {
    const name = nameOf(a);
    let g = groups.get(name);
    if (!g) groups.set(name, (g = emptyGroup(name)));
    g.accounts++;
    g.hours += a.hours;
    g.instanceCost += a.instanceCost;
    g.storageCost += a.storageCost;
    g.unpricedHours += a.unpricedHours;
  }
  return [...groups.values()].sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : byText(a.name, b.name)));
}
