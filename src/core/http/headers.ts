/**
 * What may go into a request line and its headers. The transport checks every method, header name
 * and value before dispatch: undici refuses bad ones with an InvalidArgumentError, and each such
 * refusal leaves its pool one socket short for good (after ~6 the origin hangs), so nothing
 * invalid may ever reach it.
 */
import * as l10n from '@vscode/l10n';

/** RFC 9110 token characters (method and header names). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Framing headers: the transport (undici) writes them itself, and refuses most of them from callers. */
const FRAMING = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer']);

/** Why `name` cannot be a header name, or undefined when it can. */
export function headerNameProblem(name: string): string | undefined {
  if (!TOKEN.test(name)) return l10n.t('characters a header name cannot have');
  return FRAMING.has(name.toLowerCase()) ? l10n.t('a framing header that only the transport may set') : undefined;
}

/** Why `method` cannot be sent as an HTTP method, or undefined when it can. */
export function methodProblem(method: string): string | undefined {
  return TOKEN.test(method) && method.length <= 20 ? undefined : l10n.t('characters an HTTP method cannot have');
}

/**
 * Why `value` cannot be sent as a header value, or undefined when it can: visible ASCII, spaces and
 * tabs only (obs-text is obsolete, and undici's latin1 encoding would change the bytes signed).
 */
export function headerValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x09 || (c >= 0x20 && c <= 0x7e)) continue;
    return l10n.t('{0} at position {1}', describeChar(c), i + 1);
  }
  return undefined;
}

/** A character for people, without echoing the (possibly secret) text around it. */
export function describeChar(code: number): string {
  if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 || code === 0x85) return l10n.t('a line break');
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return l10n.t('a control character');
  return l10n.t('a non-ASCII character (U+{0})', code.toString(16).toUpperCase().padStart(4, '0'));
}
