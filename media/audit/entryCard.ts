/** The selected audit entry's JSON as Frame sent it (text), with Open in Editor. */
import * as l10n from '@vscode/l10n';
import { h, setText } from '../shared/dom';
import { button } from '../shared/widgets';
import type { AuditRpc } from './context';

export class EntryCard {
  readonly element: HTMLElement;
  private readonly title = h('h3', { 'data-testid': 'audit-entry-title' }, l10n.t('Entry'));
  private readonly json = h('pre', { class: 'audit-json', 'data-testid': 'audit-entry-json', tabindex: 0 });
  private selected: number | undefined;

  constructor(private readonly rpc: AuditRpc) {
    const open = button(l10n.t('Open in Editor'), () => this.openInEditor(), { secondary: true, testId: 'audit-entry-open' });
    this.element = h(
      'section',
      { class: 'card audit-entry', hidden: true, 'data-testid': 'audit-entry' },
      h('div', { class: 'table-toolbar' }, this.title, h('span', { class: 'muted small' }, l10n.t('As Frame sent it')), open),
      this.json,
    );
  }

  /** Shows entry `n` (its time in the title); a failure is the caller's to show. */
  async show(n: number, time: string): Promise<void> {
    this.selected = n;
    const { json } = await this.rpc.request('entry', { n });
    setText(this.title, time ? l10n.t('Entry of {0}', time) : l10n.t('Entry {0}', n + 1));
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
