/** What the parts of the audit-trail page share: the panel's channel and its UI state. */
import type { AuditHostNotifications, AuditRequests, AuditUiState } from '../../src/protocol/audit';
import type { WebviewEnd } from '../../src/protocol/rpc';
import type { StateStore } from '../shared/stateStore';

export type AuditRpc = WebviewEnd<AuditRequests, AuditHostNotifications>;
export type AuditStore = StateStore<AuditUiState>;
