/** The reports page: its header, the tabs (one class per tab, in TAB_IDS order), and host notifications routed to them. */
import * as l10n from '@vscode/l10n';
import type { CapacityDrill, InitData, ReportsUiState } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import type { Page, PageContext } from '../shared/page';
import { showTab, tabStrip, type Tab } from '../shared/tabs';
import { CapacityTab } from './capacityTab';
import { ExperienceTab } from './experienceTab';
import { PeopleTab } from './peopleTab';
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
  private readonly strip: HTMLElement;

  constructor(rpc: ReportsRpc, { init, store }: PageContext<InitData, ReportsUiState>) {
    this.store = store;
    chartTheme(); // sets the series colour variables the DOM uses before anything is drawn
    const context: ReportsContext = { rpc, store, init };
    const sessions = new SessionsTab(context);
    this.tabs = {
      usage: new UsageTab(context),
      sessions,
      capacity: new CapacityTab(context, (d) => this.drill(sessions, d)),
      experience: new ExperienceTab(context, (d) => this.drill(sessions, d)),
      people: new PeopleTab(context),
    };
    rpc.onNotification('progress', (p) => this.tabs[p.what].onProgress(p.message, p.fraction));
    rpc.onNotification('showTab', ({ tab }) => {
      if ((TAB_IDS as readonly string[]).includes(tab)) this.show(tab);
    });
    const header = h(
      'header',
      { class: 'page-header' },
      h('h1', { 'data-testid': 'account-name' }, init.accountName),
      h('div', { class: 'muted' }, l10n.t('Account {0} · {1}', init.accountId, init.connectionName)),
    );
    const tabs: Tab<TabId>[] = TAB_IDS.map((id) => this.tabs[id]);
    this.strip = tabStrip(l10n.t('Report'), tabs, store.state.tab, (tab) => store.update((s) => (s.tab = tab)));
    this.elements = [header, this.strip];
  }

  /** Shows a tab (a command or a drill-down asked for it) and activates it. */
  private show(tab: TabId): void {
    this.store.update((s) => (s.tab = tab));
    showTab(this.strip, TAB_IDS.indexOf(tab));
    this.tabs[tab].activate();
  }

  /** A Capacity minute or cell, an Experience group or user: the Sessions tab, its table narrowed to the sessions behind it. */
  private drill(sessions: SessionsTab, d: CapacityDrill): void {
    sessions.drillTo(d);
    this.show('sessions');
    // The table is below the charts: bring it into view.
    requestAnimationFrame(() => this.strip.querySelector('[data-testid="sessions-drill"]')?.scrollIntoView({ block: 'center' }));
  }

  start(): void {
    this.tabs[this.store.state.tab].activate();
  }
}
