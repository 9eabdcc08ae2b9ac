/** The webview's end of a panel's typed channel (src/protocol/rpc.ts; the panel's requests in src/protocol/<panel>.ts). */
import type { NotificationMap, RequestMap, WebviewEnd } from '../../src/protocol/rpc';
import { RpcEndpoint } from '../../src/protocol/rpc';
import type { VsCodeApi } from './vscodeApi';

export function connect<Requests extends RequestMap, Notifications extends NotificationMap>(
  api: VsCodeApi,
): WebviewEnd<Requests, Notifications> {
  const rpc: WebviewEnd<Requests, Notifications> = new RpcEndpoint((m) => api.postMessage(m));
  window.addEventListener('message', (e: MessageEvent) => void rpc.handle(e.data));
  return rpc;
}
