/**
 * What every webview panel does with its webview, written once: the host end of its channel,
 * the page (webviewHtml.ts: strict CSP with a nonce) with the panel's own script and stylesheet,
 * the icon, requests routed to the controller's handlers, and on close the controller stopped and
 * every request still waiting answered with the panel's own "closed" message.
 */
import * as vscode from 'vscode';
import { RpcEndpoint, type HostEnd, type NotificationMap, type RequestHandlers, type RequestMap } from '../protocol/rpc';
import { webviewHtml } from './webviewHtml';

/** The host end of a panel's channel (create it first: a controller may send notifications through it). */
export function hostEnd<Requests extends RequestMap, Notifications extends NotificationMap>(
  panel: vscode.WebviewPanel,
): HostEnd<Requests, Notifications> {
  return new RpcEndpoint((m) => void panel.webview.postMessage(m));
}

export interface PanelPage<Requests extends RequestMap> {
  extensionUri: vscode.Uri;
  /** The webview's entry: media/<entry>.main.ts, bundled to dist/webview/<entry>.main.js and .css. */
  entry: string;
  /** The page's <title>. */
  title: string;
  handlers: RequestHandlers<Requests>;
  /** Said to requests still waiting when the panel closes, e.g. "The audit trail was closed." */
  closed: string;
  /** Stops the panel's work when it closes (the controller's dispose). */
  dispose(): void;
}

export function servePage<Requests extends RequestMap>(
  panel: vscode.WebviewPanel,
  rpc: HostEnd<Requests, NotificationMap>,
  page: PanelPage<Requests>,
): void {
  for (const [method, handler] of Object.entries(page.handlers)) rpc.onRequest(method, handler as (params: unknown) => Promise<unknown>);
  const asset = (file: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(page.extensionUri, 'dist', 'webview', file)).toString();
  panel.webview.html = webviewHtml(
    { cspSource: panel.webview.cspSource, scriptUri: asset(`${page.entry}.main.js`), styleUri: asset(`${page.entry}.main.css`) },
    page.title,
    // The display language's strings for the page (vscode.l10n.bundle is undefined in English).
    { language: vscode.env.language, bundle: vscode.l10n.bundle },
  );
  panel.iconPath = vscode.Uri.joinPath(page.extensionUri, 'media', 'frame.svg');
  const sub = panel.webview.onDidReceiveMessage((m: unknown) => void rpc.handle(m));
  panel.onDidDispose(() => {
    sub.dispose();
    page.dispose();
    rpc.dispose(page.closed);
  });
}
