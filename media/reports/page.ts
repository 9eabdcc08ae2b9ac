/** The reports page: its header, the tabs (one class per tab, in TAB_IDS order), and host notifications routed to them. */
import type { InitData, ReportsUiState } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import type { Page, PageContext } from '../shared/page';
import { tabStrip, type Tab } from '../shared/tabs';
import { chartTheme } from '../shared/theme';
import type { ReportsContext, ReportsRpc, ReportsStore } from './context';
import { SessionsTab } from './sessionsTab';
import { TAB_IDS } from './uiState';
import { UsageTab } from './usageTab';

type TabId = (typeof TAB_IDS)[number];

export class ReportsPage implements Page {
  readonly elements: Node[];
  private readonly tabs: { [Id in TabId]: Tab<Id> & { onProgress(message: string, fraction?: number): void } };
  private readonly store: ReportsStore;

  constructor(rpc: ReportsRpc, { init, store }: PageContext<InitData, ReportsUiState>) {
    this.store = store;
    chartTheme(); // sets the series colour variables the DOM uses before anything is drawn
    const context: ReportsContext = { rpc, store, init };
    this.tabs = { usage: new UsageTab(context), sessions: new SessionsTab(context) };
    rpc.onNotification('progress', (p) => this.tabs[p.what].onProgress(p.message, p.fraction));
    const header = h(
      'header',
      { class: 'page-header' },
      h('h1', { 'data-testid': 'account-name' }, init.accountName),
      h('div', { class: 'muted' }, `Account ${init.accountId} · ${init.connectionName}`),
    );
    const tabs: Tab<TabId>[] = TAB_IDS.map((id) => this.tabs[id]);
    this.elements = [header, tabStrip('Report', tabs, store.state.tab, (tab) => store.update((s) => (s.tab = tab)))];
  }

  start(): void {
    this.tabs[this.store.state.tab].activate();
  }
}
