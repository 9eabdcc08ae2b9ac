/**
 * The Experience tab: over the sessions the Sessions tab loaded, the share of sessions over the
 * latency thresholds (settings), p50/p95 latency, median bandwidth and frame rate, by region,
 * country, city, application, client (`user_agent`) or resolution, each with its last month
 * against the one before; and the worst users. "Sessions" on a row shows that group's sessions in
 * the Sessions table. Only what the report's columns hold: no logon time, jitter or packet loss.
 */
import * as l10n from '@vscode/l10n';
import type { CapacityDrill, ExperienceView, MatchColumn } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { select } from '../shared/controls';
import { formatInt } from '../shared/format';
import { h, replace } from '../shared/dom';
import type { Tab } from '../shared/tabs';
import { button, emptyState, errorBanner, section } from '../shared/widgets';
import type { ReportsContext } from './context';
import { fromSources } from './capacitySections';
import { DIMENSIONS, experienceKpis, experienceTable, type Dimension } from './insightSections';

export class ExperienceTab implements Tab<'experience'> {
  readonly id = 'experience';
  readonly title = l10n.t('Experience');
  readonly element: HTMLElement;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly body = h('div', { class: 'experience-body', 'aria-live': 'polite' });
  private seq = 0;

  constructor(
    private readonly context: ReportsContext,
    /** Shows the Sessions tab narrowed to these sessions. */
    private readonly drill: (d: CapacityDrill) => void,
  ) {
    const note = h(
      'p',
      { class: 'note', 'data-testid': 'experience-note' },
      l10n.t(
        'Experience of the sessions loaded in the Sessions tab, from the report’s own columns (average latency, bandwidth and frame rate per session). Sessions whose avg_latency is empty or not a number are left out of the latency figures. Months are the report clock’s.',
      ),
    );
    this.element = h('div', { class: 'tab-body' }, note, this.banner, this.body);
    replace(this.body, this.nothingLoaded());
  }

  onProgress(): void {
    // Nothing to load here: the Sessions tab's load is what this tab shows.
  }

  activate(): void {
    void this.refresh();
  }

  private dimension(): Dimension {
    return this.context.store.state.experienceDimension ?? 'country';
  }

  private nothingLoaded(): HTMLElement {
    return emptyState(
      'experience-empty',
      l10n.t('No sessions loaded'),
      l10n.t('Load one or more monthly reports in the Sessions tab: the Experience figures are computed from the sessions loaded there.'),
    );
  }

  private async refresh(): Promise<void> {
    const seq = ++this.seq;
    replace(this.banner);
    try {
      const view = await this.context.rpc.request('experience', { dimension: this.dimension() });
      if (seq !== this.seq) return;
      if (!view) return replace(this.body, this.nothingLoaded());
      this.render(view);
    } catch (e) {
      if (seq === this.seq)
        replace(
          this.banner,
          errorBanner('experience', toRpcError(e), () => void this.refresh()),
        );
    }
  }

  private render(v: ExperienceView): void {
    const dimension = select(
      l10n.t('Break down by'),
      DIMENSIONS.map((d) => ({ value: d.value, label: d.label })),
      v.dimension,
      (next) => {
        this.context.store.update((s) => (s.experienceDimension = next));
        void this.refresh();
      },
      'experience-dimension',
    );
    const d = DIMENSIONS.find((x) => x.value === v.dimension) ?? DIMENSIONS[1];
    const show = (column: MatchColumn) => (g: { key: string }) => this.drill({ kind: 'match', key: '*', column, value: g.key });
    replace(
      this.body,
      h(
        'div',
        { class: 'toolbar', role: 'group', 'aria-label': l10n.t('Experience') },
        dimension.element,
        h('div', { class: 'muted small' }, fromSources(v.sources, v.rows)),
      ),
      experienceKpis(v),
      section(
        d.by,
        this.exportRow('experience', d.csv),
        v.groups.length < v.totalGroups
          ? h(
              'p',
              { class: 'note' },
              l10n.t('The {0} with the most sessions of {1}; Export CSV has them all.', v.groups.length, v.totalGroups),
            )
          : null,
        v.groups.length > 0 && !v.groups.some((g) => g.change)
          ? h(
              'p',
              { class: 'note', 'data-testid': 'experience-no-change' },
              l10n.t('Load two or more months to see each group’s change against the month before.'),
            )
          : null,
        experienceTable('experience-table', d.label, d.show, v, v.groups, show(v.dimension)),
      ),
      section(
        l10n.t('Worst users'),
        // Beside the title (export-row is pulled up to it), before the note.
        this.exportRow('worstUsers', l10n.t('Save the worst users as a CSV file')),
        h(
          'p',
          { class: 'note' },
          v.worstMinSessions === 1
            ? l10n.t(
                'By their 95th-percentile latency, among users with at least 1 session with a latency. “Sessions” shows a user’s sessions in the Sessions table.',
              )
            : l10n.t(
                'By their 95th-percentile latency, among users with at least {0} sessions with a latency. “Sessions” shows a user’s sessions in the Sessions table.',
                formatInt(v.worstMinSessions),
              ),
        ),
        v.worstUsers.length
          ? experienceTable(
              'experience-worst',
              l10n.t('User'),
              (key) => l10n.t('Show the sessions of user {0} in the Sessions tab', key),
              v,
              v.worstUsers,
              show('user'),
            )
          : h('p', { class: 'muted' }, l10n.t('No user has enough sessions with a latency.')),
      ),
    );
  }

  private exportRow(table: 'experience' | 'worstUsers', title: string): HTMLElement {
    return h(
      'div',
      { class: 'toolbar export-row' },
      h('div', { class: 'toolbar-spacer' }),
      button(l10n.t('Export CSV'), () => void this.exportCsv(table), { secondary: true, testId: `experience-export-${table}`, title }),
    );
  }

  private async exportCsv(table: 'experience' | 'worstUsers'): Promise<void> {
    try {
      await this.context.rpc.request('exportInsights', { table, dimension: this.dimension() });
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('experience-export', toRpcError(e), () => void this.exportCsv(table)),
        );
    }
  }
}
