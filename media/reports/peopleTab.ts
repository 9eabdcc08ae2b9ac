/**
 * The People tab (seat hygiene): team members of this account, or of every account of the
 * connection, joined with the sessions loaded in the Sessions tab: never used, dormant 30/60/90
 * days, pending invitations, heaviest users first; the session users no member matches; and the
 * off-hours usage per account. Check rows and Copy Emails (none checked: every member shown);
 * Export CSV saves the whole list.
 */
import * as l10n from '@vscode/l10n';
import type { OffHoursView, PeopleView } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { select } from '../shared/controls';
import { h, replace, setText } from '../shared/dom';
import { formatDay, formatInt } from '../shared/format';
import type { Tab } from '../shared/tabs';
import { button, emptyState, errorBanner, section, warningBanner } from '../shared/widgets';
import type { ReportsContext } from './context';
import { SEAT_LABELS, matchingNote, offHoursTable, seatKpis, seatTable, unmatchedTable, type SeatFilter } from './insightSections';

export class PeopleTab implements Tab<'people'> {
  readonly id = 'people';
  readonly title = l10n.t('People');
  readonly element: HTMLElement;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly status = h('div', { class: 'muted small', role: 'status', 'data-testid': 'people-status' });
  private readonly body = h('div', { class: 'people-body', 'aria-live': 'polite' });
  private readonly offHours = h('div', { 'data-testid': 'offhours' });
  private view: PeopleView | null = null;
  private readonly checked = new Set<string>();
  private seq = 0;

  constructor(private readonly context: ReportsContext) {
    const note = h(
      'p',
      { class: 'note', 'data-testid': 'people-note' },
      l10n.t(
        'Team members (read from Frame) joined with the sessions loaded in the Sessions tab. “Never used” and “dormant” are about the loaded months only: load more months to look further back.',
      ),
    );
    this.element = h('div', { class: 'tab-body' }, note, this.banner, this.status, this.body);
    replace(this.body, this.nothingLoaded());
  }

  onProgress(message: string): void {
    setText(this.status, message);
  }

  activate(): void {
    void this.refresh(false);
  }

  private scope(): 'account' | 'all' {
    return this.context.store.state.peopleScope ?? 'account';
  }

  private seat(): SeatFilter {
    return this.context.store.state.peopleSeat ?? 'all';
  }

  private nothingLoaded(): HTMLElement {
    return emptyState(
      'people-empty',
      l10n.t('No sessions loaded'),
      l10n.t('Load one or more monthly reports in the Sessions tab: members are matched with the sessions loaded there.'),
    );
  }

  private async refresh(readAgain: boolean): Promise<void> {
    const seq = ++this.seq;
    replace(this.banner);
    const cancel = button(l10n.t('Cancel'), () => void this.context.rpc.request('cancel', { what: 'people' }), {
      secondary: true,
      testId: 'people-cancel',
    });
    replace(this.status, `${l10n.t('Reading team members…')} `, cancel);
    try {
      const view = await this.context.rpc.request('people', { scope: this.scope(), refresh: readAgain, seat: this.seat() });
      if (seq !== this.seq) return;
      replace(this.status);
      this.view = view;
      this.checked.clear();
      if (!view) return replace(this.body, this.nothingLoaded());
      this.render();
      void this.loadOffHours();
    } catch (e) {
      if (seq !== this.seq) return;
      replace(this.status);
      if (isCancelledRpc(e)) return replace(this.status, l10n.t('Cancelled.'));
      replace(
        this.banner,
        errorBanner('people', toRpcError(e), () => void this.refresh(true)),
      );
    }
  }

  private shown(): PeopleView['rows'] {
    return this.view?.rows ?? [];
  }

  private render(): void {
    const v = this.view;
    if (!v) return;
    const scope = select(
      l10n.t('Members of'),
      [
        { value: 'account', label: l10n.t('This account') },
        { value: 'all', label: l10n.t('Every account of the connection') },
      ],
      v.scope,
      (next) => {
        this.context.store.update((s) => (s.peopleScope = next));
        void this.refresh(false);
      },
      'people-scope',
    );
    const seat = select(
      l10n.t('Show'),
      (Object.keys(SEAT_LABELS) as SeatFilter[]).map((k) => ({ value: k, label: SEAT_LABELS[k] })),
      v.seat,
      (next) => {
        this.context.store.update((s) => (s.peopleSeat = next));
        void this.refresh(false);
      },
      'people-seat',
    );
    const rows = this.shown();
    const copyLabel = h('span', {});
    const updateCopy = () =>
      setText(
        copyLabel,
        this.checked.size === 0
          ? l10n.t('Copy Emails ({0})', formatInt(v.totalRows))
          : this.checked.size === 1
            ? l10n.t('Copy 1 E-mail')
            : l10n.t('Copy {0} E-mails', formatInt(this.checked.size)),
      );
    updateCopy();
    const copy = button('', () => void this.copyEmails(), {
      testId: 'people-copy-emails',
      title: l10n.t('Copy the checked members’ e-mail addresses (none checked: every member shown), one a line'),
    });
    copy.append(copyLabel);
    const asOf =
      v.asOfReason === 'months'
        ? l10n.t(
            'Days since the last session are counted back from {0}, the last day of the loaded months (report clock).',
            formatDay(v.asOfDay),
          )
        : l10n.t(
            'Days since the last session are counted back from today, {0} (report clock), since the loaded reports reach today.',
            formatDay(v.asOfDay),
          );
    const capped = rows.length < v.totalRows;
    const failed = v.failedAccounts.map((f) => `${f.name} (${f.message})`).join('; ');
    replace(
      this.body,
      h(
        'div',
        { class: 'toolbar', role: 'group', 'aria-label': l10n.t('People') },
        scope.element,
        seat.element,
        button(l10n.t('Read Members Again'), () => void this.refresh(true), { secondary: true, testId: 'people-refresh' }),
        h('div', { class: 'toolbar-spacer' }),
        copy,
        button(l10n.t('Export CSV'), () => void this.exportCsv('people'), {
          secondary: true,
          testId: 'people-export',
          title: l10n.t('Save the members shown (every one, not only the first rows) as a CSV file'),
        }),
      ),
      v.failedAccounts.length
        ? warningBanner(
            'people-failed',
            v.failedAccounts.length === 1
              ? l10n.t('Members of 1 account could not be read: {0}.', failed)
              : l10n.t('Members of {0} accounts could not be read: {1}.', formatInt(v.failedAccounts.length), failed),
          )
        : null,
      seatKpis(v),
      h('div', { class: 'people-notes' }, h('p', { class: 'note', 'data-testid': 'people-asof' }, asOf), matchingNote(v)),
      section(
        v.totalRows === 1
          ? l10n.t('{0}: 1 member', SEAT_LABELS[v.seat])
          : l10n.t('{0}: {1} members', SEAT_LABELS[v.seat], formatInt(v.totalRows)),
        capped
          ? h(
              'p',
              { class: 'note', 'data-testid': 'people-capped' },
              l10n.t(
                'The {0} heaviest users of {1} are listed; Copy Emails and Export CSV take them all.',
                formatInt(rows.length),
                formatInt(v.totalRows),
              ),
            )
          : null,
        rows.length
          ? seatTable(rows, this.checked, updateCopy, v.scope === 'all')
          : h('p', { class: 'muted' }, l10n.t('No member in this group.')),
      ),
      section(
        l10n.t('Session users matching no member'),
        h(
          'div',
          { class: 'toolbar export-row' },
          h('div', { class: 'toolbar-spacer' }),
          button(l10n.t('Export CSV'), () => void this.exportCsv('unmatched'), { secondary: true, testId: 'people-export-unmatched' }),
        ),
        unmatchedTable(v.unmatched, v.totalUnmatched),
      ),
      section(
        l10n.t('Off-hours usage'),
        h(
          'div',
          { class: 'toolbar export-row' },
          h('div', { class: 'toolbar-spacer' }),
          button(l10n.t('Export CSV'), () => void this.exportCsv('offHours'), { secondary: true, testId: 'offhours-export' }),
        ),
        this.offHours,
      ),
    );
  }

  private async loadOffHours(): Promise<void> {
    try {
      const v: OffHoursView | null = await this.context.rpc.request('offHours', null);
      replace(this.offHours, v ? offHoursTable(v) : h('p', { class: 'muted' }, l10n.t('No sessions loaded.')));
    } catch (e) {
      replace(
        this.offHours,
        errorBanner('offhours', toRpcError(e), () => void this.loadOffHours()),
      );
    }
  }

  private async copyEmails(): Promise<void> {
    const rows = this.shown();
    const emails = rows.filter((r) => this.checked.has(`${r.accountId}\n${r.email}`)).map((r) => r.email);
    try {
      // None checked: every member of the filter, listed or not (the host has them all).
      const { copied } = await this.context.rpc.request(
        'copyEmails',
        emails.length ? { emails: [...new Set(emails)] } : { scope: this.scope(), seat: this.seat() },
      );
      replace(this.status, copied === 1 ? l10n.t('Copied 1 e-mail address.') : l10n.t('Copied {0} e-mail addresses.', formatInt(copied)));
    } catch (e) {
      replace(this.banner, errorBanner('people-copy', toRpcError(e)));
    }
  }

  private async exportCsv(table: 'people' | 'unmatched' | 'offHours'): Promise<void> {
    try {
      await this.context.rpc.request('exportInsights', { table, scope: this.scope(), seat: this.seat() });
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('people-export', toRpcError(e), () => void this.exportCsv(table)),
        );
    }
  }
}
