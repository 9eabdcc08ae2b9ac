/** The audit trail's filters (Frame's `search` and `kind`), Search, and Export CSV. */
import * as l10n from '@vscode/l10n';
import type { AuditFilters } from '../../src/protocol/audit';
import { textField } from '../shared/controls';
import { h } from '../shared/dom';
import { button, setDisabled } from '../shared/widgets';
import { MAX_TEXT } from './uiState';

export class FilterCard {
  readonly element: HTMLElement;
  private readonly search: HTMLElement & { value: string };
  private readonly kind: HTMLElement & { value: string };
  private readonly apply: HTMLElement;
  private readonly exportButton: HTMLElement;
  private readonly state = { busy: false, loaded: 0 };

  constructor(saved: AuditFilters, actions: { search(): void; exportCsv(): void }) {
    this.search = textField(
      l10n.t('User, email, identity provider or kind'),
      saved.search,
      () => undefined,
      'audit-search',
      l10n.t('Search'),
    );
    this.kind = textField(l10n.t('e.g. launchpad'), saved.kind, () => undefined, 'audit-kind', l10n.t('Kind (wildcard)'));
    for (const field of [this.search, this.kind])
      field.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && actions.search());
    this.apply = button(l10n.t('Search'), actions.search, {
      testId: 'audit-apply',
      title: l10n.t('Ask Frame for the entries matching these filters'),
    });
    this.exportButton = button(l10n.t('Export CSV'), actions.exportCsv, {
      secondary: true,
      testId: 'audit-export',
      title: l10n.t('Open the loaded entries as CSV in an editor tab'),
    });
    this.element = h(
      'section',
      { class: 'card audit-filters' },
      h(
        'div',
        { class: 'toolbar' },
        h('div', { class: 'field audit-field' }, h('label', {}, l10n.t('Search')), this.search),
        h('div', { class: 'field audit-field' }, h('label', {}, l10n.t('Kind')), this.kind),
        h('div', { class: 'field field-button' }, this.apply),
        h('div', { class: 'toolbar-spacer' }),
        h('div', { class: 'field field-button' }, this.exportButton),
      ),
      h(
        'p',
        { class: 'note audit-note' },
        l10n.t(
          'Frame does not document these entries, so the columns are the fields found in the first page; click a row for the entry as received. Times are UTC. Sorting applies to the entries loaded so far (newest first to start with).',
        ),
      ),
    );
  }

  /** The filters as typed (cut to what the host accepts). */
  values(): AuditFilters {
    return { search: (this.search.value ?? '').slice(0, MAX_TEXT), kind: (this.kind.value ?? '').slice(0, MAX_TEXT) };
  }

  /** Search is off while a load runs; Export also while nothing is loaded. */
  setState(state: { busy?: boolean; loaded?: number }): void {
    Object.assign(this.state, state);
    setDisabled(this.apply, this.state.busy);
    setDisabled(this.exportButton, this.state.busy || !this.state.loaded);
  }
}
