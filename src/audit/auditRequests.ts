/**
 * The audit-trail webview's requests, checked as hostile input (a message is only data from
 * another process): types, bounds, and entry numbers that exist. A bad request gets an
 * invalid-request error and nothing is read for it. No vscode import.
 */
import { FrameError } from '../core/errors';
import { jsonStringify } from '../core/json';
import type { AuditFilters, AuditRowsQuery, AuditSort, AuditUiState } from '../protocol/audit';

export const MAX_FILTER_LENGTH = 200;
export const MAX_ROWS_PER_PAGE = 1000;

function refuse(what: string): never {
  throw new FrameError('invalid-request', `The audit-trail view sent an invalid request (${what}). Close the panel and open it again.`);
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) refuse(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') refuse(`${what} must be text`);
  if (v.length > MAX_FILTER_LENGTH) refuse(`${what} is longer than ${MAX_FILTER_LENGTH} characters`);
  return v;
}

export function checkFilters(v: unknown): AuditFilters {
  const o = record(v, 'filters');
  return { search: text(o.search, 'search').trim(), kind: text(o.kind, 'kind').trim() };
}

/** A sort on one of `columns` (keys), or null. */
export function checkSort(v: unknown, columns: ReadonlySet<string>): AuditSort | null {
  if (v === null) return null;
  const o = record(v, 'sort');
  if (typeof o.key !== 'string' || !columns.has(o.key)) refuse('sort column');
  if (typeof o.descending !== 'boolean') refuse('sort direction');
  return { key: o.key, descending: o.descending };
}

export function checkRowsQuery(v: unknown, columns: ReadonlySet<string>): AuditRowsQuery {
  const o = record(v, 'rows query');
  const { offset, limit } = o;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) refuse('offset');
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) refuse('limit');
  return { offset, limit: Math.min(limit, MAX_ROWS_PER_PAGE), sort: checkSort(o.sort, columns) };
}

/** An entry number below `loaded`. */
export function checkEntry(v: unknown, loaded: number): number {
  const n = record(v, 'entry').n;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n >= loaded) refuse('no such entry');
  return n;
}

/** UI state is the webview's own (it checks it when restoring): the host only bounds its size. */
export function checkUiState(v: unknown): AuditUiState {
  const o = record(v, 'UI state');
  if (jsonStringify(o).length > 16 * 1024) refuse('the UI state is too large');
  return o as unknown as AuditUiState;
}
