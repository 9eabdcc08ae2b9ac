/**
 * What every tab of the reports page gets: the panel's channel, its UI state, and the init answer.
 * A new tab (e.g. Capacity) is a class taking this context (see page.ts: TABS).
 */
import type { InitData, ReportsHostNotifications, ReportsRequests, ReportsUiState } from '../../src/protocol/reports';
import type { WebviewEnd } from '../../src/protocol/rpc';
import type { StateStore } from '../shared/stateStore';

export type ReportsRpc = WebviewEnd<ReportsRequests, ReportsHostNotifications>;
export type ReportsStore = StateStore<ReportsUiState>;

export interface ReportsContext {
  rpc: ReportsRpc;
  store: ReportsStore;
  init: InitData;
}
