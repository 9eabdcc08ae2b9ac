/** The audit-trail webview's end of its typed channel (src/protocol/audit.ts). */
import type { AuditHostNotifications, AuditRequests } from '../../src/protocol/audit';
import type { NoNotifications, NoRequests } from '../../src/protocol/reports';
import { RpcEndpoint } from '../../src/protocol/rpc';
import type { VsCodeApi } from '../reports/vscodeApi';

export type AuditRpc = RpcEndpoint<AuditRequests, NoRequests, NoNotifications, AuditHostNotifications>;

export function connect(api: VsCodeApi): AuditRpc {
  const rpc: AuditRpc = new RpcEndpoint((m) => api.postMessage(m));
  window.addEventListener('message', (e: MessageEvent) => void rpc.handle(e.data));
  return rpc;
}
