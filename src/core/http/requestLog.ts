/**
 * One line of the "Frame" log per request attempt: method, URL (signatures masked), outcome, time, attempt.
 * English, like every log line (see ../logLine).
 */
import type { RequestLogEntry } from './transport';
import { escapeForLog } from '../text';

export function describeAttempt(e: RequestLogEntry): { line: string; warning: boolean } {
  const outcome = e.status !== undefined ? String(e.status) : (e.error ?? 'failed');
  const kind = e.status !== undefined && e.error ? ` [${e.error}]` : '';
  return {
    // Escaped as a whole: an id with a line break must not forge a line of the log.
    line: escapeForLog(`${e.method} ${e.url} → ${outcome} in ${e.ms} ms (attempt ${e.attempt})${kind}`),
    warning: !!e.error || (e.status !== undefined && e.status >= 400),
  };
}
