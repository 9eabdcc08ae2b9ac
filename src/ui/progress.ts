/** The one way to run long work with a progress indicator and a Cancel button (and to turn a cancellation token into an AbortSignal). */
import * as vscode from 'vscode';

export interface ProgressOptions {
  title: string;
  /** A notification (default), or the progress bar of a view. */
  location?: vscode.ProgressLocation.Notification | { viewId: string };
}

/**
 * Runs `task` with a progress indicator that has Cancel: Cancel aborts the signal handed to the
 * task (which passes it to every request and stream), and the resulting cancellation error
 * propagates for the caller (or `registerCommand`) to treat as silent.
 */
export function withCancellableProgress<T>(
  options: ProgressOptions,
  task: (signal: AbortSignal, report: (message: string, fraction?: number) => void) => Promise<T>,
): Thenable<T> {
  const location = options.location ?? vscode.ProgressLocation.Notification;
  return vscode.window.withProgress(
    { location, title: options.title, cancellable: location === vscode.ProgressLocation.Notification },
    (progress, token) => {
      let shown = 0;
      const report = (message: string, fraction?: number) => {
        const pct = fraction === undefined ? shown : Math.max(shown, Math.min(100, fraction * 100));
        progress.report({ message, increment: pct - shown });
        shown = pct;
      };
      return withAbortSignal(token, (signal) => task(signal, report));
    },
  );
}

/**
 * The one bridge from VS Code's cancellation to the AbortSignal that requests and streams take:
 * `task` gets a signal that the token aborts (at once if it already is).
 */
export async function withAbortSignal<T>(token: vscode.CancellationToken, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctrl = new AbortController();
  if (token.isCancellationRequested) ctrl.abort();
  const sub = token.onCancellationRequested(() => ctrl.abort());
  try {
    return await task(ctrl.signal);
  } finally {
    sub.dispose();
  }
}
