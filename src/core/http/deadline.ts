/**
 * A total deadline for one request: every attempt, redirect, retry wait and the whole body. The
 * headers and body timeouts only time silence, so a server sending one byte a second kept a
 * request alive for days; this bounds the whole thing. One signal carries both the caller's
 * cancellation and the deadline, and `expired` tells them apart.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCancel: () => void;
  private hasExpired = false;
  private readonly endsAt: number;

  constructor(
    readonly limitMs: number,
    private readonly cancel?: AbortSignal,
  ) {
    this.endsAt = Date.now() + limitMs;
    this.timer = setTimeout(() => {
      this.hasExpired = true;
      this.controller.abort(new Error(`deadline of ${limitMs} ms exceeded`));
    }, limitMs);
    this.timer.unref?.();
    this.onCancel = () => this.controller.abort(cancel?.reason);
    if (cancel?.aborted) this.onCancel();
    else cancel?.addEventListener('abort', this.onCancel, { once: true });
  }

  /** Aborts when the caller cancels or the deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller cancelled (wins over an expiry that happened at the same time). */
  get cancelled(): boolean {
    return !!this.cancel?.aborted;
  }

  /** The deadline passed (and the caller had not cancelled). */
  get expired(): boolean {
    return this.hasExpired && !this.cancelled;
  }

  /** Milliseconds left before the deadline (0 once passed). */
  get remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.cancel?.removeEventListener('abort', this.onCancel);
  }
}
