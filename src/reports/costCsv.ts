/**
 * The Capacity tab's cost estimate as CSV (formula-safe: src/core/csvWriter.ts), what its Export
 * CSV saves: one row per account, organization, customer and the total (costs in the price
 * table's currency), then the unpriced (instance type, datacenter) pairs and the month-end
 * forecast. An unpriced hour is never costed: its hours are in `unpriced_hours`. No vscode.
 */
import { safeFileName } from '../core/api';
import { csvLine, csvNumber, csvText } from '../core/csvWriter';
import type { GroupCost } from '../core/insights';
import type { CostView, UsageQuery } from '../protocol/reports';

const NOT_ASSIGNED = '(not assigned)';

export function costCsv(view: CostView): string {
  const e = view.estimate;
  const lines = [
    csvLine(
      ['level', 'name', 'organization', 'customer', 'hours', 'instance_cost', 'storage_cost', 'total_cost', 'unpriced_hours'].map(csvText),
    ),
  ];
  const row = (level: string, name: string, organization: string, customer: string, c: Omit<GroupCost, 'name' | 'accounts'>) =>
    csvLine([
      csvText(level),
      csvText(name),
      csvText(organization),
      csvText(customer),
      csvNumber(c.hours),
      csvNumber(c.instanceCost),
      csvNumber(c.storageCost),
      csvNumber(c.instanceCost + c.storageCost),
      csvNumber(c.unpricedHours),
    ]);
  for (const a of e.accounts) lines.push(row('account', a.account, a.organization || NOT_ASSIGNED, a.customer || NOT_ASSIGNED, a));
  for (const g of e.byOrganization) lines.push(row('organization', g.name || NOT_ASSIGNED, '', '', g));
  for (const g of e.byCustomer) lines.push(row('customer', g.name || NOT_ASSIGNED, '', '', g));
  lines.push(row('total', `${view.usage.from} to ${view.usage.to}`, '', '', e.total));
  lines.push('\r\n', csvLine(['unpriced instance_type', 'datacenter', 'hours'].map(csvText)));
  for (const u of e.unpriced) lines.push(csvLine([csvText(u.instanceType), csvText(u.datacenter), csvNumber(u.hours)]));
  lines.push(
    '\r\n',
    csvLine(
      ['forecast month', 'as_of', 'elapsed_days', 'days_in_month', 'month_to_date', 'storage', 'month_end', 'unpriced_hours'].map(csvText),
    ),
  );
  const f = e.forecast;
  if (f)
    lines.push(
      csvLine([
        csvText(f.month),
        csvText(f.asOf),
        csvNumber(f.elapsedDays),
        csvNumber(f.daysInMonth),
        csvNumber(f.monthToDate),
        csvNumber(f.storage),
        csvNumber(f.monthEnd),
        csvNumber(f.unpricedHours),
      ]),
    );
  else lines.push(csvLine([csvText(e.forecastNote ?? 'No forecast.')]));
  return lines.join('');
}

/** e.g. "Acme cost 2026-03-01 to 2026-03-31.csv". */
export function costFileName(who: string, usage: UsageQuery): string {
  return `${safeFileName(`${who} cost ${usage.from} to ${usage.to}`.replace(/[\\/]/g, '_'))}.csv`;
}
