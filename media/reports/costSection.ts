/**
 * The Capacity tab's cost section: the Usage tab's last load (this account or all accounts) at
 * the admin's prices (settings frameAdmin.capacity.prices and .accounts, Edit Prices opens them),
 * cost by account, organization and customer, the run-rate forecast to month end (its definition
 * in words), hours without a price named (never costed as 0), Export CSV. Asks the host again when
 * the prices change. Values go in as text.
 */
import * as l10n from '@vscode/l10n';
import type { CostView } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { h, replace } from '../shared/dom';
import { formatInt, formatNumber } from '../shared/format';
import { button, emptyState, errorBanner, kpi, section, warningBanner } from '../shared/widgets';
import type { ReportsContext } from './context';

const NOT_ASSIGNED = l10n.t('Not assigned');

/** A row of the price table as the setting takes it (JSON: its keys are not translated). */
const PRICE_ROW_EXAMPLE = '{"instanceType": "Air 8GB", "datacenter": "*", "perHour": 0.5}';
const NO_PRICES = () =>
  l10n.t({
    message: 'No instance prices are set, so nothing can be costed: Edit Prices and add rows such as {0}.',
    comment: ['{0} is a row of the price table in JSON, shown as code'],
  });

/** A sentence with `{0}` (the translation keeps it where its language puts it) and an element in its place. */
function withCode(sentence: string, code: HTMLElement): (string | HTMLElement)[] {
  const at = sentence.indexOf('{0}');
  return at < 0 ? [sentence, ' ', code] : [sentence.slice(0, at), code, sentence.slice(at + 3)];
}

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
      button(l10n.t('Edit Prices'), () => void this.run('editPrices'), {
        secondary: true,
        testId: 'cost-edit-prices',
        title: l10n.t(
          'Open the price table (frameAdmin.capacity.prices) and the accounts’ organizations, customers and storage (frameAdmin.capacity.accounts) in Settings',
        ),
      }),
      h('div', { class: 'toolbar-spacer' }),
      button(l10n.t('Export CSV'), () => void this.run('exportCost'), {
        secondary: true,
        testId: 'cost-export',
        title: l10n.t('Save the cost by account, organization and customer, the unpriced hours and the forecast as a CSV file'),
      }),
    );
    this.element = h(
      'div',
      { 'data-testid': 'cost-section' },
      section(l10n.t('Cost estimate and month-end forecast'), actions, this.banner, this.body),
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
      l10n.t('No usage loaded'),
      l10n.t(
        'Load usage in the Usage tab (this account or all accounts, the days you want costed): the cost is of the hours instances ran, at your prices.',
      ),
    );
  const e = view.estimate;
  const total = e.total.instanceCost + e.total.storageCost;
  const f = e.forecast;
  const unpriced = e.unpriced.map((u) => l10n.t('{0} in {1} ({2} h)', u.instanceType, u.datacenter, formatNumber(u.hours, 1)));
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'note' },
      view.usage.scope === 'all'
        ? l10n.t(
            'Usage hours of all accounts of the connection, {0} to {1} (Pacific days), at the prices in your settings (in their currency). An estimate from your price table, not a bill.',
            view.usage.from,
            view.usage.to,
          )
        : l10n.t(
            'Usage hours of this account, {0} to {1} (Pacific days), at the prices in your settings (in their currency). An estimate from your price table, not a bill.',
            view.usage.from,
            view.usage.to,
          ),
    ),
    view.instancePrices === 0 ? warningBanner('cost-no-prices', ...withCode(NO_PRICES(), h('code', {}, PRICE_ROW_EXAMPLE))) : null,
    unpriced.length
      ? warningBanner(
          'cost-unpriced',
          e.unpriced.length === 1
            ? l10n.t('1 instance type without a price, not costed (not counted as 0): {0}.', unpriced.join('; '))
            : l10n.t(
                '{0} instance types without a price, not costed (not counted as 0): {1}.',
                formatInt(e.unpriced.length),
                unpriced.join('; '),
              ),
        )
      : null,
    h(
      'div',
      { class: 'kpis' },
      kpi(
        l10n.t('Cost of the range'),
        formatCost(total),
        'cost-total',
        l10n.t('{0} h, {1} h unpriced', formatNumber(e.total.hours, 1), formatNumber(e.total.unpricedHours, 1)),
      ),
      kpi(l10n.t('Instances'), formatCost(e.total.instanceCost), 'cost-instances'),
      kpi(
        l10n.t('Storage'),
        view.storagePriced ? formatCost(e.total.storageCost) : '—',
        'cost-storage',
        view.storagePriced ? l10n.t('GB-months at your price') : l10n.t('no storage price set'),
      ),
      kpi(
        l10n.t('Month-end forecast'),
        f ? formatCost(f.monthEnd) : '—',
        'cost-forecast',
        f ? l10n.t('{0}, run rate as of {1}', f.month, f.asOf) : l10n.t('no forecast'),
      ),
    ),
    h('p', { class: 'note', 'data-testid': 'cost-forecast-words' }, f ? forecastWords(f) : (e.forecastNote ?? l10n.t('No forecast.'))),
    groupTable(
      'cost-accounts',
      l10n.t('By account'),
      l10n.t('Account'),
      e.accounts.map((a) => ({ ...a, name: a.account, accounts: 1, detail: [a.organization || NOT_ASSIGNED, a.customer || NOT_ASSIGNED] })),
      [l10n.t('Organization'), l10n.t('Customer')],
    ),
    groupTable(
      'cost-organizations',
      l10n.t('By organization'),
      l10n.t('Organization'),
      e.byOrganization.map((g) => ({ ...g, detail: [formatInt(g.accounts)] })),
      [l10n.t('Accounts')],
    ),
    groupTable(
      'cost-customers',
      l10n.t('By customer'),
      l10n.t('Customer'),
      e.byCustomer.map((g) => ({ ...g, detail: [formatInt(g.accounts)] })),
      [l10n.t('Accounts')],
    ),
    h(
      'p',
      { class: 'muted small' },
      l10n.t(
        'Organizations and customers are the ones you give each account in frameAdmin.capacity.accounts (the Web API does not say them); storage is that setting’s storageGb × your price per GB-month, for the part of each month in the range.',
      ),
    ),
  );
}

/** The forecast's definition in words, with its figures: the formula, then what it is (and what it leaves out). */
function forecastWords(f: NonNullable<CostView['estimate']['forecast']>): string {
  const days = f.elapsedDays === 1 ? l10n.t('1 day') : l10n.t('{0} days', formatInt(f.elapsedDays));
  const formula = f.storage
    ? l10n.t(
        'Forecast = instance cost from {0} to {1} ({2}) ÷ {3} elapsed × {4} days in the month + the month’s storage ({5}) = {6}.',
        `${f.month}-01`,
        f.asOf,
        formatCost(f.monthToDate),
        days,
        f.daysInMonth,
        formatCost(f.storage),
        formatCost(f.monthEnd),
      )
    : l10n.t(
        'Forecast = instance cost from {0} to {1} ({2}) ÷ {3} elapsed × {4} days in the month = {5}.',
        `${f.month}-01`,
        f.asOf,
        formatCost(f.monthToDate),
        days,
        f.daysInMonth,
        formatCost(f.monthEnd),
      );
  const what = f.unpricedHours
    ? l10n.t('A run rate, not a prediction; {0} unpriced hours of the month are not in it.', formatNumber(f.unpricedHours, 1))
    : l10n.t('A run rate, not a prediction.');
  return `${formula} ${what}`;
}

function groupTable(testId: string, caption: string, first: string, rows: GroupRow[], detail: string[]): HTMLElement {
  const heads = [first, ...detail, l10n.t('Hours'), l10n.t('Unpriced hours'), l10n.t('Instances'), l10n.t('Storage'), l10n.t('Total')];
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
