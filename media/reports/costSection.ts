/**
 * The Capacity tab's cost section: the Usage tab's last load (this account or all accounts) at
 * the admin's prices (settings frameAdmin.capacity.prices and .accounts, Edit Prices opens them),
 * cost by account, organization and customer, the run-rate forecast to month end (its definition
 * in words), hours without a price named (never costed as 0), Export CSV. Asks the host again when
 * the prices change. Values go in as text.
 */
import type { CostView } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { h, replace } from '../shared/dom';
import { formatInt, formatNumber, plural } from '../shared/format';
import { button, emptyState, errorBanner, kpi, section, warningBanner } from '../shared/widgets';
import type { ReportsContext } from './context';

const NOT_ASSIGNED = 'Not assigned';

interface GroupRow {
  name: string;
  hours: number;
  unpricedHours: number;
  instanceCost: number;
  storageCost: number;
  /** The cells between the name and the hours. */
  detail: string[];
}

/** A cost in the price table's currency (the table names none), two decimals. */
export function formatCost(n: number): string {
  return formatNumber(n, 2);
}

export class CostSection {
  readonly element: HTMLElement;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly body = h('div', { class: 'cost-body', 'aria-live': 'polite' });
  private seq = 0;

  constructor(private readonly context: ReportsContext) {
    const actions = h(
      'div',
      { class: 'toolbar' },
      button('Edit Prices', () => void this.run('editPrices'), {
        secondary: true,
        testId: 'cost-edit-prices',
        title:
          'Open the price table (frameAdmin.capacity.prices) and the accounts’ organizations, customers and storage (frameAdmin.capacity.accounts) in Settings',
      }),
      h('div', { class: 'toolbar-spacer' }),
      button('Export CSV', () => void this.run('exportCost'), {
        secondary: true,
        testId: 'cost-export',
        title: 'Save the cost by account, organization and customer, the unpriced hours and the forecast as a CSV file',
      }),
    );
    this.element = h(
      'div',
      { 'data-testid': 'cost-section' },
      section('Cost estimate and month-end forecast', actions, this.banner, this.body),
    );
    context.rpc.onNotification('pricesChanged', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    replace(this.banner);
    try {
      const view = await this.context.rpc.request('capacityCost', null);
      if (seq === this.seq) replace(this.body, render(view));
    } catch (e) {
      if (seq === this.seq) {
        replace(this.body);
        replace(
          this.banner,
          errorBanner('cost', toRpcError(e), () => void this.refresh()),
        );
      }
    }
  }

  private async run(what: 'editPrices' | 'exportCost'): Promise<void> {
    try {
      await this.context.rpc.request(what, null);
    } catch (e) {
      if (!isCancelledRpc(e)) replace(this.banner, errorBanner(what === 'exportCost' ? 'cost-export' : 'cost-prices', toRpcError(e)));
    }
  }
}

function render(view: CostView | null): HTMLElement {
  if (!view)
    return emptyState(
      'cost-empty',
      'No usage loaded',
      'Load usage in the Usage tab (this account or all accounts, the days you want costed): the cost is of the hours instances ran, at your prices.',
    );
  const e = view.estimate;
  const scope = view.usage.scope === 'all' ? 'all accounts of the connection' : 'this account';
  const total = e.total.instanceCost + e.total.storageCost;
  const f = e.forecast;
  const unpriced = e.unpriced.map((u) => `${u.instanceType} in ${u.datacenter} (${formatNumber(u.hours, 1)} h)`);
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'note' },
      `Usage hours of ${scope}, ${view.usage.from} to ${view.usage.to} (Pacific days), at the prices in your settings (in their currency). An estimate from your price table, not a bill.`,
    ),
    view.instancePrices === 0
      ? warningBanner(
          'cost-no-prices',
          'No instance prices are set, so nothing can be costed: Edit Prices and add rows such as {"instanceType": "Air 8GB", "datacenter": "*", "perHour": 0.5}.',
        )
      : null,
    unpriced.length
      ? warningBanner(
          'cost-unpriced',
          `${plural(e.unpriced.length, 'instance type')} without a price, not costed (not counted as 0): ${unpriced.join('; ')}.`,
        )
      : null,
    h(
      'div',
      { class: 'kpis' },
      kpi(
        'Cost of the range',
        formatCost(total),
        'cost-total',
        `${formatNumber(e.total.hours, 1)} h, ${formatNumber(e.total.unpricedHours, 1)} h unpriced`,
      ),
      kpi('Instances', formatCost(e.total.instanceCost), 'cost-instances'),
      kpi(
        'Storage',
        view.storagePriced ? formatCost(e.total.storageCost) : '—',
        'cost-storage',
        view.storagePriced ? 'GB-months at your price' : 'no storage price set',
      ),
      kpi(
        'Month-end forecast',
        f ? formatCost(f.monthEnd) : '—',
        'cost-forecast',
        f ? `${f.month}, run rate as of ${f.asOf}` : 'no forecast',
      ),
    ),
    h(
      'p',
      { class: 'note', 'data-testid': 'cost-forecast-words' },
      f
        ? `Forecast = instance cost from ${f.month}-01 to ${f.asOf} (${formatCost(f.monthToDate)}) ÷ ${plural(f.elapsedDays, 'day')} elapsed × ${f.daysInMonth} days in the month${f.storage ? ` + the month’s storage (${formatCost(f.storage)})` : ''} = ${formatCost(f.monthEnd)}. A run rate, not a prediction${f.unpricedHours ? `; ${formatNumber(f.unpricedHours, 1)} unpriced hours of the month are not in it` : ''}.`
        : (e.forecastNote ?? 'No forecast.'),
    ),
    groupTable(
      'cost-accounts',
      'By account',
      'Account',
      e.accounts.map((a) => ({ ...a, name: a.account, accounts: 1, detail: [a.organization || NOT_ASSIGNED, a.customer || NOT_ASSIGNED] })),
      ['Organization', 'Customer'],
    ),
    groupTable(
      'cost-organizations',
      'By organization',
      'Organization',
      e.byOrganization.map((g) => ({ ...g, detail: [formatInt(g.accounts)] })),
      ['Accounts'],
    ),
    groupTable(
      'cost-customers',
      'By customer',
      'Customer',
      e.byCustomer.map((g) => ({ ...g, detail: [formatInt(g.accounts)] })),
      ['Accounts'],
    ),
    h(
      'p',
      { class: 'muted small' },
      'Organizations and customers are the ones you give each account in frameAdmin.capacity.accounts (the Web API does not say them); storage is that setting’s storageGb × your price per GB-month, for the part of each month in the range.',
    ),
  );
}

function groupTable(testId: string, caption: string, first: string, rows: GroupRow[], detail: string[]): HTMLElement {
  const heads = [first, ...detail, 'Hours', 'Unpriced hours', 'Instances', 'Storage', 'Total'];
  return h(
    'table',
    { class: 'data-table', 'data-testid': testId },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...heads.map((t, i) => h('th', { scope: 'col', class: i <= detail.length ? '' : 'num' }, t)))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, r.name || NOT_ASSIGNED),
          ...r.detail.map((d) => h('td', {}, d)),
          h('td', { class: 'num' }, formatNumber(r.hours, 1)),
          h('td', { class: 'num' }, formatNumber(r.unpricedHours, 1)),
          h('td', { class: 'num' }, formatCost(r.instanceCost)),
          h('td', { class: 'num' }, formatCost(r.storageCost)),
          h('td', { class: 'num' }, formatCost(r.instanceCost + r.storageCost)),
        ),
      ),
    ),
  );
}
