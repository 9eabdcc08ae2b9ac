/**
 * The audit-trail webview's requests, checked as hostile input (a message is only data from
 * another process): types, bounds, and entry numbers that exist. A bad request gets an
 * invalid-request error and nothing is read for it. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import { FrameError } from '../core/errors';
import { jsonStringify } from '../core/json';
import type { AuditFilters, AuditRowsQuery, AuditSort, AuditUiState } from '../protocol/audit';

export const MAX_FILTER_LENGTH = 200;
export const MAX_ROWS_PER_PAGE = 1000;

/** `what`: what was wrong, translated (a bare field name such as "offset" is the protocol's and stays as it is). */
function refuse(what: string): never {
  throw new FrameError(
    'invalid-request',
    l10n.t('The audit-trail view sent an invalid request ({0}). Close the panel and open it again.', what),
  );
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) refuse(l10n.t('{0} is not an object', what));
  return v as Record<string, unknown>;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') refuse(l10n.t('{0} must be text', what));
  if (v.length > MAX_FILTER_LENGTH) refuse(l10n.t('{0} is longer than {1} characters', what, MAX_FILTER_LENGTH));
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
  if (typeof o.key !== 'string' || !columns.has(o.key)) refuse(l10n.t('sort column'));
  if (typeof o.descending !== 'boolean') refuse(l10n.t('sort direction'));
  return { key: o.key, descending: o.descending };
}

export function checkRowsQuery(v: unknown, columns: ReadonlySet<string>): AuditRowsQuery {
  const o = record(v, l10n.t('rows query'));
  const { offset, limit } = o;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) refuse('offset');
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) refuse('limit');
  return { offset, limit: Math.min(limit, MAX_ROWS_PER_PAGE), sort: checkSort(o.sort, columns) };
}

/** An entry number below `loaded`. */
export function checkEntry(v: unknown, loaded: number): number {
  const n = record(v, 'entry').n;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n >= loaded) refuse(l10n.t('no such entry'));
  return n;
}

/** UI state is the webview's own (it checks it when restoring): the host only bounds its size. */
export function checkUiState(v: unknown): AuditUiState {
  const o = record(v, l10n.t('UI state'));
  if (jsonStringify(o).length > 16 * 1024) refuse(l10n.t('the UI state is too large'));
  return o as unknown as AuditUiState;
}
