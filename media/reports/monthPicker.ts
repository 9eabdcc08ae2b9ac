/**
 * The Sessions tab's source picker: the monthly reports (● when already downloaded) and the last
 * 24 hours as checkboxes, kept in the UI state, with the Load button.
 */
import * as l10n from '@vscode/l10n';
import type { InitData, MonthRef } from '../../src/protocol/reports';
import { checkbox } from '../shared/controls';
import { h, replace } from '../shared/dom';
import { errorBanner, setDisabled } from '../shared/widgets';
import type { ReportsStore } from './context';

export const RECENT_LABEL = l10n.t('Recent sessions (last 24 h)');

export class MonthPicker {
  readonly element = h('div', { class: 'source-picker' });
  /** The month checkboxes by key (their "downloaded" mark is updated in place). */
  private readonly boxes = new Map<string, HTMLElement>();
  private months: MonthRef[] = [];

  constructor(
    private readonly store: ReportsStore,
    private readonly loadButton: HTMLElement,
    private readonly retryInit: () => void,
  ) {}

  /** Draws the picker for the months Frame listed (again after Retry). */
  render(init: InitData): void {
    this.months = init.months;
    this.boxes.clear();
    const list = h('div', { class: 'month-list', role: 'group', 'aria-labelledby': 'sources-heading' });
    list.append(this.recentBox(), ...init.months.map((m) => this.monthBox(m)));
    const monthsError = init.monthsError
      ? errorBanner(
          'months',
          { message: l10n.t('The monthly reports could not be listed: {0}', init.monthsError), kind: 'internal', retryable: true },
          this.retryInit,
        )
      : null;
    const none =
      !init.monthsError && !init.months.length
        ? h('p', { class: 'muted' }, l10n.t('This account has no monthly session reports yet; the last 24 hours may still have sessions.'))
        : null;
    const actions = h(
      'div',
      { class: 'picker-actions' },
      this.loadButton,
      h(
        'span',
        { class: 'muted small' },
        l10n.t('Months marked ● are already downloaded. Times are as the reports write them: Frame does not say their time zone.'),
      ),
    );
    replace(this.element, monthsError, none, list, actions);
    this.updateLoadButton();
  }

  /** New "downloaded" marks (read again from disk), updated in place. */
  mark(months: MonthRef[]): void {
    this.months = months;
    for (const m of months) {
      const cb = this.boxes.get(m.key);
      if (cb) markDownloaded(cb, m);
    }
  }

  updateLoadButton(): void {
    const q = this.store.state.sessions;
    setDisabled(this.loadButton, !q.recent && q.months.length === 0);
  }

  private recentBox(): HTMLElement {
    const onChange = (v: boolean) => {
      this.store.update((s) => (s.sessions.recent = v));
      this.updateLoadButton();
    };
    return checkbox(RECENT_LABEL, this.store.state.sessions.recent, onChange, 'month-recent');
  }

  private monthBox(m: MonthRef): HTMLElement {
    const onChange = (v: boolean) => {
      this.store.update((s) => {
        const set = new Set(s.sessions.months);
        if (v) set.add(m.key);
        else set.delete(m.key);
        // Keep the host's order (newest first) so the query reads the same every time.
        s.sessions.months = this.months.map((x) => x.key).filter((k) => set.has(k));
      });
      this.updateLoadButton();
    };
    const cb = checkbox(m.label, this.store.state.sessions.months.includes(m.key), onChange, `month-${m.key}`);
    this.boxes.set(m.key, cb);
    markDownloaded(cb, m);
    return cb;
  }
}

function markDownloaded(cb: HTMLElement, m: MonthRef): void {
  cb.setAttribute('label', m.downloaded ? `${m.label} ●` : m.label);
  cb.title = m.downloaded ? l10n.t('{0}: already downloaded', m.label) : l10n.t('{0}: downloaded when loaded', m.label);
  cb.classList.toggle('downloaded', m.downloaded);
}
