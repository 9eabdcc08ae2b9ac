/**
 * The one writer of log lines. Text that comes from a server or the webview (account ids and
 * names, task ids and states, scope names, filters) reaches the log only through here: line
 * breaks, U+2028/2029, bidi controls and other control characters are written as escapes, so a
 * value can never start a line of its own (a forged "Write action: …") or reorder what is shown.
 * Log lines stay English (like VS Code's own logs), so a log can be pasted into an issue: no l10n.t here.
 */
import { escapeForLog } from './text';

/** Longest value kept in a line; the rest is cut (a 1 MB name is not a log line). */
const MAX_VALUE = 500;

/** One value for a log line: escaped and capped. */
export function logValue(value: unknown): string {
  const text = escapeForLog(String(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** A log line from a template: every interpolated value goes through `logValue`. */
export function logLine(parts: TemplateStringsArray, ...values: unknown[]): string {
  let out = parts[0] ?? '';
  values.forEach((v, i) => (out += logValue(v) + (parts[i + 1] ?? '')));
  return out;
}

/** A whole line built elsewhere (a callback's text), escaped as one: whatever it holds, it stays one line. */
export function oneLogLine(line: string): string {
  return escapeForLog(line);
}
