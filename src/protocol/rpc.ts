import * as l10n from '@vscode/l10n';
import { errorKindOf, isRetryable, userMessage } from '../core/errors';

/**
 * A small typed request/notification channel over postMessage, used on both sides of a webview
 * (after gitkraken/vscode-gitlens' webviews/protocol.ts): requests get a reply or an error that
 * rejects the caller; notifications are fire-and-forget. Errors cross as RpcError envelopes built
 * by the one error model (core/errors). No vscode import: the webview bundles it.
 */

/** Method name → params and result of a request. */
export type RequestMap = Record<string, { params: unknown; result: unknown }>;
/** Method name → params of a notification. */
export type NotificationMap = Record<string, unknown>;

/** A direction with no requests, or no notifications (e.g. host → webview requests, for now). */
export type NoRequests = Record<never, { params: unknown; result: unknown }>;
export type NoNotifications = Record<never, unknown>;

export interface RpcError {
  message: string;
  /** An ErrorKind of the error model ('cancelled' for cancellations), or 'internal'. */
  kind: string;
  /** Whether trying again may help (network, timeout, server, rate limit). */
  retryable: boolean;
}

export type Envelope =
  | { type: 'request'; id: number; method: string; params: unknown }
  | { type: 'response'; id: number; result: unknown }
  | { type: 'error'; id: number; error: RpcError }
  | { type: 'notification'; method: string; params: unknown };

export class RpcRequestError extends Error {
  constructor(readonly error: RpcError) {
    super(error.message);
  }
}

type Handler<P, R> = (params: P) => R | Promise<R>;

/**
 * One end of the channel. `Outgoing*` are what this side calls or sends; `Incoming*` what it
 * answers or receives. The two sides instantiate it with the maps swapped.
 */
export class RpcEndpoint<
  OutgoingRequests extends RequestMap,
  IncomingRequests extends RequestMap,
  OutgoingNotifications extends NotificationMap,
  IncomingNotifications extends NotificationMap,
> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly requestHandlers = new Map<string, Handler<unknown, unknown>>();
  private readonly notificationHandlers = new Map<string, ((params: unknown) => void)[]>();

  constructor(private readonly post: (message: Envelope) => void) {}

  request<M extends keyof OutgoingRequests & string>(
    method: M,
    params: OutgoingRequests[M]['params'],
  ): Promise<OutgoingRequests[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ type: 'request', id, method, params });
    });
  }

  notify<M extends keyof OutgoingNotifications & string>(method: M, params: OutgoingNotifications[M]): void {
    this.post({ type: 'notification', method, params });
  }

  onRequest<M extends keyof IncomingRequests & string>(
    method: M,
    handler: Handler<IncomingRequests[M]['params'], IncomingRequests[M]['result']>,
  ): void {
    this.requestHandlers.set(method, handler as Handler<unknown, unknown>);
  }

  onNotification<M extends keyof IncomingNotifications & string>(method: M, handler: (params: IncomingNotifications[M]) => void): void {
    const list = this.notificationHandlers.get(method) ?? [];
    list.push(handler as (params: unknown) => void);
    this.notificationHandlers.set(method, list);
  }

  /** Feed every message received from the other side here. Unknown shapes are ignored. */
  async handle(message: unknown): Promise<void> {
    if (!isEnvelope(message)) return;
    switch (message.type) {
      case 'response':
      case 'error': {
        const waiter = this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id);
        if (message.type === 'response') waiter.resolve(message.result);
        else waiter.reject(new RpcRequestError(message.error));
        return;
      }
      case 'notification':
        for (const h of this.notificationHandlers.get(message.method) ?? []) h(message.params);
        return;
      case 'request': {
        const handler = this.requestHandlers.get(message.method);
        if (!handler) {
          this.post({
            type: 'error',
            id: message.id,
            error: { message: l10n.t('Unknown request "{0}".', message.method), kind: 'internal', retryable: false },
          });
          return;
        }
        try {
          const result = await handler(message.params);
          this.post({ type: 'response', id: message.id, result });
        } catch (e) {
          this.post({ type: 'error', id: message.id, error: toRpcError(e) });
        }
      }
    }
  }

  /** Rejects every request still waiting (the other side went away), as cancelled with `reason`, e.g. "The audit trail was closed.". */
  dispose(reason: string): void {
    for (const { reject } of this.pending.values()) reject(new RpcRequestError({ message: reason, kind: 'cancelled', retryable: false }));
    this.pending.clear();
  }
}

/**
 * A panel's two ends: the webview calls the panel's `Requests` and receives its `Notifications`;
 * the host answers and sends them (neither side has more, yet).
 */
export type WebviewEnd<Requests extends RequestMap, Notifications extends NotificationMap> = RpcEndpoint<
  Requests,
  NoRequests,
  NoNotifications,
  Notifications
>;
export type HostEnd<Requests extends RequestMap, Notifications extends NotificationMap> = RpcEndpoint<
  NoRequests,
  Requests,
  Notifications,
  NoNotifications
>;

/** What answers a panel's requests: one handler per method (a controller's `handlers`), its params checked as hostile input. */
export type RequestHandlers<Requests extends RequestMap> = {
  [M in keyof Requests]: (params: unknown) => Promise<Requests[M]['result']>;
};

function isEnvelope(m: unknown): m is Envelope {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  return t === 'request' || t === 'response' || t === 'error' || t === 'notification';
}

/** The envelope of anything thrown: on the host from the error model, in the webview from a rejected request. */
export function toRpcError(e: unknown): RpcError {
  if (e instanceof RpcRequestError) return e.error;
  return { message: userMessage(e), kind: errorKindOf(e), retryable: isRetryable(e) };
}

/** Whether a failed request was a cancellation (shown as "cancelled", never as an error). */
export function isCancelledRpc(e: unknown): boolean {
  return toRpcError(e).kind === 'cancelled';
}
