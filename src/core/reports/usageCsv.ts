/** Usage hours as a CSV file: one row per day, datacenter, instance type and server type. */
import type { UsageRecord } from '../api';
import { csvLine, csvNumber, csvText } from '../csvWriter';

/** Usage records as CSV; given per-account items, an account column first (the "all accounts" rollup). */
export function usageCsv(items: readonly UsageRecord[] | readonly { account: string; record: UsageRecord }[]): string {
  const rows = (items as readonly (UsageRecord | { account: string; record: UsageRecord })[]).map((i) =>
    'record' in i ? { account: i.account as string | undefined, r: i.record } : { account: undefined, r: i },
  );
  const withAccount = rows.length > 0 && rows[0]!.account !== undefined;
  rows.sort(
    (a, b) =>
      a.r.day.localeCompare(b.r.day) ||
      (a.account ?? '').localeCompare(b.account ?? '') ||
      a.r.datacenter.localeCompare(b.r.datacenter) ||
      a.r.instanceType.localeCompare(b.r.instanceType),
  );
  const header = csvLine([
    ...(withAccount ? ['account'] : []),
    'date (Pacific time)',
    'datacenter',
    'instance_type',
    'server_type',
    'hours_used',
  ]);
  const lines = rows.map(({ account, r }) =>
    csvLine([
      ...(withAccount ? [csvText(account ?? '')] : []),
      csvText(r.day),
      csvText(r.datacenter),
      csvText(r.instanceType),
      csvText(r.serverType),
      csvNumber(r.hoursUsed),
    ]),
  );
  return header + lines.join('');
}
