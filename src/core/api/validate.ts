/**
 * Response validation: turns untrusted JSON into typed values, or a bad-response error that names
 * the field and shows what was there. Optional fields get documented defaults instead.
 */
import * as l10n from '@vscode/l10n';
import { FrameApiError, excerptOf } from '../http/errors';

export interface Where {
  /** e.g. `GET https://api.fra.me/v1alpha/accounts/` */
  request: string;
  url: string;
  /** Removes the request's credentials from quoted response text (a server may echo them). */
  redact?: (text: string) => string;
}

export function badResponse(where: Where, field: string, expected: string, value: unknown): FrameApiError {
  // Quoted text is scrubbed before it is cut short (a cut credential would no longer match).
  const scrub = where.redact ?? ((text: string) => text);
  return new FrameApiError(
    'bad-response',
    l10n.t({
      message:
        'Unexpected response from {0}: {1} should be {2} but is {3}. The API may have changed or a proxy altered the response; check the log, and report it if it persists.',
      args: [where.request, field || l10n.t('the body'), expected, describe(value, scrub)],
      comment: ['{1} is a field of the response, {2} and {3} are phrases such as "a list" or "the text "…"".'],
    }),
    { url: where.url, field, excerpt: excerptOf(preview(value, scrub)) },
  );
}

function describe(value: unknown, scrub: (text: string) => string): string {
  if (value === null) return 'null';
  if (value === undefined) return l10n.t('missing');
  if (Array.isArray(value)) return l10n.t('a list');
  if (typeof value === 'string') return l10n.t('the text "{0}"', excerptOf(scrub(value), 40));
  // Otherwise a JavaScript type name (number, boolean) and the value: technical words, kept as they are.
  return typeof value === 'object' ? l10n.t('an object') : `${typeof value} ${excerptOf(String(value), 40)}`;
}

/**
 * A short JSON-like preview of a value for an excerpt: at most `max` characters and four levels
 * deep, so it never throws. JSON.stringify (and String() on a list) recurse: a response nested a
 * million levels deep escaped from them as a raw RangeError. Every text is scrubbed whole before
 * anything is cut (a cut credential would no longer match).
 */
export function preview(value: unknown, scrub: (text: string) => string = (t) => t, max = 400): string {
  let out = '';
  const text = (t: string): string => {
    const clean = scrub(t);
    return JSON.stringify(clean.length > max ? clean.slice(0, max) : clean);
  };
  const write = (v: unknown, depth: number): void => {
    if (typeof v === 'string') out += text(v);
    else if (v === null || typeof v !== 'object') out += String(v);
    else if (depth >= 4) out += Array.isArray(v) ? '[…]' : '{…}';
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && out.length <= max; i++) {
        if (i) out += ',';
        write(v[i], depth + 1);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const k in v) {
        if (out.length > max) break;
        if (!Object.hasOwn(v, k)) continue;
        out += `${first ? '' : ','}${text(k)}:`;
        first = false;
        write((v as Record<string, unknown>)[k], depth + 1);
      }
      out += '}';
    }
  };
  write(value, 0);
  return out.length > max ? out.slice(0, max) + '…' : out;
}

export function expectArray(value: unknown, where: Where, field = ''): unknown[] {
  if (!Array.isArray(value)) throw badResponse(where, field, l10n.t('a list'), value);
  return value;
}

export function expectObject(value: unknown, where: Where, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badResponse(where, field, l10n.t('an object'), value);
  return value as Record<string, unknown>;
}

/**
 * A required identifier: a non-empty string, or a whole number (converted to its decimal text; past
 * 2^53 the number read is not the one sent, and 1e21 would come back as "1e+21").
 */
export function requiredId(obj: Record<string, unknown>, key: string, where: Where, path: string): string {
  const v = obj[key];
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return String(v);
    throw badResponse(where, `${path}.${key}`, l10n.t('a non-empty text or a whole number'), v);
  }
  if (typeof v !== 'string' || v.trim() === '') throw badResponse(where, `${path}.${key}`, l10n.t('a non-empty text'), v);
  return v;
}

/** An optional text field: missing or null gives `fallback`; numbers become text; anything else is an error. */
export function optionalText(obj: Record<string, unknown>, key: string, where: Where, path: string, fallback = ''): string {
  const v = obj[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw badResponse(where, `${path}.${key}`, l10n.t('a text'), v);
}

/** Decimal text only: Number() also reads "0x0a", "0b11111101000" and "1e1" (as 10, 2024, 10). */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A required number; decimal text ("1.5") is accepted because some gateways serialize decimals that way. */
export function requiredNumber(obj: Record<string, unknown>, key: string, where: Where, path: string): number {
  const v = obj[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && DECIMAL.test(v.trim()) && Number.isFinite(Number(v))) return Number(v);
  throw badResponse(where, `${path}.${key}`, l10n.t('a number'), v);
}

export function requiredInteger(obj: Record<string, unknown>, key: string, where: Where, path: string, min: number, max: number): number {
  const n = requiredNumber(obj, key, where, path);
  if (!Number.isInteger(n) || n < min || n > max)
    throw badResponse(where, `${path}.${key}`, l10n.t('a whole number from {0} to {1}', min, max), obj[key]);
  return n;
}
