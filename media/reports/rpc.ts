/** The webview's end of the typed reports channel (src/protocol/reports.ts). */
import type { NoNotifications, NoRequests, ReportsHostNotifications, ReportsRequests } from '../../src/protocol/reports';
import { RpcEndpoint } from '../../src/protocol/rpc';
import type { VsCodeApi } from './vscodeApi';

export type ReportsRpc = RpcEndpoint<ReportsRequests, NoRequests, NoNotifications, ReportsHostNotifications>;

export function connect(api: VsCodeApi): ReportsRpc {
  const rpc: ReportsRpc = new RpcEndpoint((m) => api.postMessage(m));
  window.addEventListener('message', (e: MessageEvent) => void rpc.handle(e.data));
  return rpc;
}
