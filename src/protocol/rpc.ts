/**
 * A small typed request/notification channel over postMessage, used on both sides of a webview
 * (after gitkraken/vscode-gitlens' webviews/protocol.ts): requests get a reply or an error that
 * rejects the caller; notifications are fire-and-forget. No vscode import: the webview bundles it.
 */

/** Method name → params and result of a request. */
export type RequestMap = Record<string, { params: unknown; result: unknown }>;
/** Method name → params of a notification. */
export type NotificationMap = Record<string, unknown>;

export interface RpcError {
  message: string;
  /** A FrameApiError kind, 'cancelled', or 'internal'. */
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

  constructor(
    private readonly post: (message: Envelope) => void,
    private readonly toError: (e: unknown) => RpcError = defaultError,
  ) {}

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

  /**
   * Runs this side's own handler for a request, as a message from the other side would, result
   * and error mapping included (results pass through JSON like a posted message). For tests and
   * for the host calling into its own panel.
   */
  async call<M extends keyof IncomingRequests & string>(
    method: M,
    params: IncomingRequests[M]['params'],
  ): Promise<IncomingRequests[M]['result']> {
    const handler = this.requestHandlers.get(method);
    if (!handler) throw new RpcRequestError({ message: `Unknown request "${method}".`, kind: 'internal', retryable: false });
    try {
      const result = await handler(JSON.parse(JSON.stringify(params ?? null)));
      return result === undefined ? result : JSON.parse(JSON.stringify(result));
    } catch (e) {
      throw new RpcRequestError(this.toError(e));
    }
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
            error: { message: `Unknown request "${message.method}".`, kind: 'internal', retryable: false },
          });
          return;
        }
        try {
          const result = await handler(message.params);
          this.post({ type: 'response', id: message.id, result });
        } catch (e) {
          this.post({ type: 'error', id: message.id, error: this.toError(e) });
        }
      }
    }
  }

  /** Rejects every request still waiting (the other side went away). */
  dispose(reason = 'The reports view was closed.'): void {
    for (const { reject } of this.pending.values()) reject(new RpcRequestError({ message: reason, kind: 'cancelled', retryable: false }));
    this.pending.clear();
  }
}

function isEnvelope(m: unknown): m is Envelope {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  return t === 'request' || t === 'response' || t === 'error' || t === 'notification';
}

function defaultError(e: unknown): RpcError {
  return { message: e instanceof Error ? e.message : String(e), kind: 'internal', retryable: false };
}
