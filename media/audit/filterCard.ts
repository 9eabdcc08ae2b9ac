/** The audit trail's filters (Frame's `search` and `kind`), Search, and Export CSV. */
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
    this.search = textField('User, email, identity provider or kind', saved.search, () => undefined, 'audit-search', 'Search');
    this.kind = textField('e.g. launchpad', saved.kind, () => undefined, 'audit-kind', 'Kind (wildcard)');
    for (const field of [this.search, this.kind])
      field.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && actions.search());
    this.apply = button('Search', actions.search, { testId: 'audit-apply', title: 'Ask Frame for the entries matching these filters' });
    this.exportButton = button('Export CSV', actions.exportCsv, {
      secondary: true,
      testId: 'audit-export',
      title: 'Open the loaded entries as CSV in an editor tab',
    });
    this.element = h(
      'section',
      { class: 'card audit-filters' },
      h(
        'div',
        { class: 'toolbar' },
        h('div', { class: 'field audit-field' }, h('label', {}, 'Search'), this.search),
        h('div', { class: 'field audit-field' }, h('label', {}, 'Kind'), this.kind),
        h('div', { class: 'field field-button' }, this.apply),
        h('div', { class: 'toolbar-spacer' }),
        h('div', { class: 'field field-button' }, this.exportButton),
      ),
      h(
        'p',
        { class: 'note audit-note' },
        'Frame does not document these entries, so the columns are the fields found in the first page; click a row for the entry as received. Times are UTC. Sorting applies to the entries loaded so far (newest first to start with).',
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
