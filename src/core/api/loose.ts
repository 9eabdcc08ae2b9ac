/**
 * Lenient reading of responses whose shape Frame's documents do not show ("response not
 * retrieved"): take what is clearly there, never throw, and keep the rest for people to see
 * (callers keep the raw object). Strict validation of documented fields lives in validate.ts.
 */
import { jsonStringify } from '../json';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A value by a dotted path (`task.id`), or undefined. */
export function at(v: unknown, path: string): unknown {
  let cur: unknown = v;
  for (const key of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The first of `paths` holding text or a finite number, as text ('' when none does). */
export function textAt(v: unknown, ...paths: string[]): string {
  for (const p of paths) {
    const x = at(v, p);
    if (typeof x === 'string' && x.trim() !== '') return x;
    if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  }
  return '';
}

/** A boolean (also the text "true"/"false"), or undefined. */
export function boolAt(v: unknown, path: string): boolean | undefined {
  const x = at(v, path);
  if (typeof x === 'boolean') return x;
  if (x === 'true' || x === 'false') return x === 'true';
  return undefined;
}

/** The list in a body: a bare array, or one under a usual envelope key; undefined when neither. */
export function listIn(body: unknown, keys: readonly string[] = ['items', 'data', 'results']): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (isObject(body)) {
    for (const k of keys) {
      const v = body[k];
      if (Array.isArray(v)) return v;
    }
  }
  return undefined;
}

/** Pretty JSON of anything (never throws: cycles and BigInts become text). */
export function jsonText(v: unknown): string {
  // Any depth (no recursion): a response nested 5,000 deep is still its JSON, never "[object Object]".
  const text = jsonStringify(v, 2);
  return text === '' ? String(v) : text;
}
