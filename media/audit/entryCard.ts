/** The selected audit entry's JSON as Frame sent it (text), with Open in Editor. */
import { h, setText } from '../shared/dom';
import { button } from '../shared/widgets';
import type { AuditRpc } from './context';

export class EntryCard {
  readonly element: HTMLElement;
  private readonly title = h('h3', { 'data-testid': 'audit-entry-title' }, 'Entry');
  private readonly json = h('pre', { class: 'audit-json', 'data-testid': 'audit-entry-json', tabindex: 0 });
  private selected: number | undefined;

  constructor(private readonly rpc: AuditRpc) {
    const open = button('Open in Editor', () => this.openInEditor(), { secondary: true, testId: 'audit-entry-open' });
    this.element = h(
      'section',
      { class: 'card audit-entry', hidden: true, 'data-testid': 'audit-entry' },
      h('div', { class: 'table-toolbar' }, this.title, h('span', { class: 'muted small' }, 'As Frame sent it'), open),
      this.json,
    );
  }

  /** Shows entry `n` (its time in the title); a failure is the caller's to show. */
  async show(n: number, time: string): Promise<void> {
    this.selected = n;
    const { json } = await this.rpc.request('entry', { n });
    setText(this.title, time ? `Entry of ${time}` : `Entry ${n + 1}`);
    setText(this.json, json);
    this.element.hidden = false;
    this.element.scrollIntoView({ block: 'nearest' });
  }

  hide(): void {
    this.element.hidden = true;
    this.selected = undefined;
  }

  private openInEditor(): void {
    if (this.selected !== undefined) void this.rpc.request('openEntry', { n: this.selected }).catch(() => undefined);
  }
}
