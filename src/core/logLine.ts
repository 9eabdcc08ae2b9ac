/**
 * The one writer of log lines. Text that comes from a server or the webview (account ids and
 * names, task ids and states, scope names, filters) reaches the log only through here: line
 * breaks, U+2028/2029, bidi controls and other control characters are written as escapes, so a
 * value can never start a line of its own (a forged "Write action: …") or reorder what is shown.
 */
import { escapeForLog } from './http/text';

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

type LineMethod = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'appendLine' | 'append';
const LINE_METHODS: ReadonlySet<string | symbol> = new Set<LineMethod>(['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append']);

/**
 * The log itself, every line escaped as a whole (the safety net under `logLine`: whatever a
 * caller forgot, one call is one line). Other members pass through unchanged.
 */
export function singleLineLog<L extends object>(log: L): L {
  // The proxy's own target is an empty object: VS Code's channel is frozen, and a proxy of a
  // frozen object must hand out its very own (unwrapped) methods.
  return new Proxy({} as L, {
    get(_empty, prop) {
      const value = Reflect.get(log, prop, log) as unknown;
      if (typeof value !== 'function') return value;
      if (!LINE_METHODS.has(prop)) return (value as (...a: unknown[]) => unknown).bind(log);
      return (message: unknown, ...rest: unknown[]) =>
        (value as (...a: unknown[]) => unknown).call(log, typeof message === 'string' ? escapeForLog(message) : message, ...rest);
    },
  });
}
