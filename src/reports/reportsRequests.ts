/**
 * The reports webview's requests, checked as if the webview were hostile: a message is only data
 * from another process. Every parameter is type-checked and bounded; months must be ones Frame
 * lists for the account, once each. A bad request gets an invalid-request error (which the webview
 * shows like any other) and nothing is read or downloaded for it. No vscode import.
 */
import { isDay, parseMonthKey } from '../core/dates';
import * as l10n from '@vscode/l10n';
import { FrameError } from '../core/errors';
import { jsonStringify } from '../core/json';
import { EXPERIENCE_DIMENSIONS, type ExperienceDimension, type SeatStatus } from '../core/insights';
import {
  CAPACITY_CSV_TABLES,
  INSIGHT_CSV_TABLES,
  MATCH_COLUMNS,
  type InsightCsvTable,
  type MatchColumn,
  SQL_FIGURES,
  type SqlFigure,
  TABLE_COLUMNS,
  type CapacityCsvTable,
  type CapacityDrill,
  type RowsQuery,
  type SessionsQuery,
  type UsageQuery,
} from '../protocol/reports';

/** Monthly reports one load may read (a year and then some). */
export const MAX_MONTHS_PER_LOAD = 24;
/** Rows one page may ask for. */
export const MAX_ROWS_PER_PAGE = 1000;
/** Characters of a table filter. */
export const MAX_FILTER_LENGTH = 200;
/** Days one usage query may span (the API is asked for all of them). */
export const MAX_USAGE_DAYS = 400;

/** `what`: what was wrong, translated (a bare field name such as "offset" is the protocol's and stays as it is). */
function refuse(what: string): never {
  throw new FrameError(
    'invalid-request',
    l10n.t('The reports view sent an invalid request ({0}). Close the panel and open it again.', what),
  );
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) refuse(l10n.t('{0} is not an object', what));
  return v as Record<string, unknown>;
}

export function checkUsageQuery(v: unknown): UsageQuery {
  const o = record(v, l10n.t('usage query'));
  if (!isDay(o.from) || !isDay(o.to)) refuse(l10n.t('dates must be yyyy-MM-dd'));
  if (o.from > o.to) refuse(l10n.t('the range starts after it ends'));
  if ((Date.parse(o.to) - Date.parse(o.from)) / 86_400_000 > MAX_USAGE_DAYS)
    refuse(l10n.t('the range is longer than {0} days', MAX_USAGE_DAYS));
  if (o.scope !== 'account' && o.scope !== 'all') refuse(l10n.t('unknown scope'));
  return { from: o.from, to: o.to, scope: o.scope };
}

/** A sessions query whose months are all in `listed` (yyyy-MM keys Frame lists), each once. */
export function checkSessionsQuery(v: unknown, listed: ReadonlySet<string>): SessionsQuery {
  const o = record(v, l10n.t('sessions query'));
  if (!Array.isArray(o.months) || o.months.length > MAX_MONTHS_PER_LOAD) refuse(l10n.t('at most {0} months', MAX_MONTHS_PER_LOAD));
  const months = o.months.map((m) => checkMonth(m, listed));
  if (new Set(months).size !== months.length) refuse(l10n.t('a month is asked for twice'));
  if (typeof o.recent !== 'boolean') refuse(l10n.t('recent must be true or false'));
  return { months, recent: o.recent };
}

export function checkMonth(v: unknown, listed: ReadonlySet<string>): string {
  if (!parseMonthKey(v)) refuse(l10n.t('a month must be yyyy-MM'));
  if (!listed.has(v as string)) refuse(l10n.t('Frame lists no session report for {0}', String(v)));
  return v as string;
}

/** A request without parameters (the webview sends null). */
export function checkNoParams(v: unknown, what: string): null {
  if (v !== null && v !== undefined) refuse(l10n.t('{0} takes no parameters', what));
  return null;
}

export function checkRowsQuery(v: unknown): RowsQuery {
  const o = record(v, l10n.t('rows query'));
  const offset = o.offset;
  const limit = o.limit;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) refuse('offset');
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) refuse('limit');
  const sort = record(o.sort, 'sort');
  const column = TABLE_COLUMNS.find((c) => c.id === sort.column)?.id;
  if (!column || typeof sort.descending !== 'boolean') refuse('sort');
  if (typeof o.filter !== 'string') refuse('filter');
  return {
    offset,
    limit: Math.min(limit, MAX_ROWS_PER_PAGE),
    sort: { column, descending: sort.descending },
    filter: o.filter.slice(0, MAX_FILTER_LENGTH),
    drill: o.drill === undefined || o.drill === null ? null : checkDrill(o.drill),
  };
}

/** A details request: the position of a row in the table as sorted and filtered. */
export function checkDetailsQuery(v: unknown): Omit<RowsQuery, 'limit'> {
  const { offset, sort, filter, drill } = checkRowsQuery({ ...record(v, l10n.t('details query')), limit: 1 });
  return { offset, sort, filter, drill };
}

/** Characters of a system type name the Capacity requests take (report values are far shorter). */
export const MAX_KEY_LENGTH = 500;
/** A timeline span a drill-down may cover (a zoomed range of the timeline, at most a year and then some). */
export const MAX_DRILL_SPAN_MS = 400 * 86_400_000;

/** A Capacity key: "*" or a system type name (whether the loaded sessions have it is the controller's check). */
export function checkCapacityKey(v: unknown): string {
  if (typeof v !== 'string' || !v.length || v.length > MAX_KEY_LENGTH) refuse(l10n.t('a system type must be a non-empty string'));
  return v;
}

/** The Capacity key and the max the admin typed ("sessions that would have waited at max = M"). */
export function checkWaitedQuery(v: unknown): { key: string; max: number } {
  const o = record(v, l10n.t('waited query'));
  const max = o.max;
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 0 || max > 1_000_000_000)
    refuse(l10n.t('max must be a whole number of 0 or more'));
  return { key: checkCapacityKey(o.key), max };
}

export function checkCapacityExport(v: unknown): { table: CapacityCsvTable; key: string } {
  const o = record(v, l10n.t('capacity export'));
  const table = CAPACITY_CSV_TABLES.find((t) => t === o.table);
  if (!table) refuse(l10n.t('unknown capacity table'));
  return { table, key: checkCapacityKey(o.key) };
}

/** Bytes of a chart image the webview may send (a PNG of a wide chart is well under this). */
export const MAX_CHART_IMAGE_BYTES = 16 * 1024 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Save as PNG / SVG: a PNG data URL whose bytes are a PNG, or SVG text made of the elements the
 * webview draws with (no script, no event handler, no link, no foreign content: the file may be
 * opened in a browser later).
 */
export function checkChartImage(v: unknown): { chart: 'timeline'; key: string; format: 'png' | 'svg'; bytes: Uint8Array } {
  const o = record(v, l10n.t('chart image'));
  if (o.chart !== 'timeline') refuse(l10n.t('unknown chart'));
  const key = checkCapacityKey(o.key);
  if (typeof o.data !== 'string' || o.data.length > MAX_CHART_IMAGE_BYTES * 1.4) refuse(l10n.t('the image is missing or too large'));
  if (o.format === 'png') {
    const prefix = 'data:image/png;base64,';
    if (!o.data.startsWith(prefix) || !/^[A-Za-z0-9+/]*={0,2}$/.test(o.data.slice(prefix.length))) refuse(l10n.t('not a PNG data URL'));
    const bytes = Buffer.from(o.data.slice(prefix.length), 'base64');
    if (bytes.length < PNG_MAGIC.length || PNG_MAGIC.some((b, i) => bytes[i] !== b)) refuse(l10n.t('not a PNG image'));
    return { chart: 'timeline', key, format: 'png', bytes };
  }
  if (o.format === 'svg') {
    const svg = o.data;
    if (!/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg) || !svg.trimEnd().endsWith('</svg>'))
      refuse(l10n.t('not an SVG image'));
    const tags = svg.match(/<\/?([A-Za-z][\w:-]*)/g)?.map((t) => t.replace(/^<\/?/, '').toLowerCase()) ?? [];
    const allowed = new Set(['svg', 'g', 'path', 'line', 'rect', 'text', 'title']);
    if (tags.some((t) => !allowed.has(t)) || /\son\w+\s*=|href|url\(|<!|<\?/i.test(svg))
      refuse(l10n.t('the SVG holds something other than the chart'));
    return { chart: 'timeline', key, format: 'svg', bytes: Buffer.from(svg, 'utf8') };
  }
  return refuse(l10n.t('the format must be png or svg'));
}

/** Copy as DuckDB SQL: a known figure of a key. */
export function checkSqlQuery(v: unknown): { figure: SqlFigure; key: string } {
  const o = record(v, l10n.t('SQL query'));
  const figure = SQL_FIGURES.find((f) => f === o.figure);
  if (!figure) refuse(l10n.t('unknown figure'));
  return { figure, key: checkCapacityKey(o.key) };
}

export function checkTimelineQuery(v: unknown): { key: string } {
  return { key: checkCapacityKey(record(v, l10n.t('timeline query')).key) };
}

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** A drill-down from the Capacity tab: a span of the timeline or a weekday × hour cell. */
export function checkDrill(v: unknown): CapacityDrill {
  const o = record(v, 'drill-down');
  const key = checkCapacityKey(o.key);
  if (o.kind === 'span') {
    if (!isMs(o.from) || !isMs(o.to) || o.from >= o.to) refuse(l10n.t('a drill-down span needs whole-millisecond from < to'));
    if (o.to - o.from > MAX_DRILL_SPAN_MS) refuse(l10n.t('the drill-down span is too long'));
    return { kind: 'span', key, from: o.from, to: o.to };
  }
  if (o.kind === 'cell') {
    const { weekday, hour, what } = o;
    if (typeof weekday !== 'number' || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) refuse(l10n.t('weekday must be 1..7'));
    if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23) refuse(l10n.t('hour must be 0..23'));
    if (what !== 'starts' && what !== 'open') refuse(l10n.t('a cell drill-down is of starts or open sessions'));
    return { kind: 'cell', key, weekday, hour, what };
  }
  if (o.kind === 'match') {
    if (!(MATCH_COLUMNS as readonly unknown[]).includes(o.column)) refuse(l10n.t('a match drill-down names a column it may match'));
    if (typeof o.value !== 'string' || o.value.length > MAX_VALUE_LENGTH) refuse(l10n.t('a match drill-down needs a value'));
    return { kind: 'match', key, column: o.column as MatchColumn, value: o.value };
  }
  refuse(l10n.t('unknown drill-down'));
}

/** Characters of a column value a request may name (a user, a city, a client string). */
const MAX_VALUE_LENGTH = 4096;

export function checkExperienceQuery(v: unknown): { dimension: ExperienceDimension } {
  const d = record(v, l10n.t('experience query')).dimension;
  if (!(EXPERIENCE_DIMENSIONS as readonly unknown[]).includes(d)) refuse(l10n.t('unknown experience breakdown'));
  return { dimension: d as ExperienceDimension };
}

export function checkPeopleQuery(v: unknown): { scope: 'account' | 'all'; refresh: boolean; seat: SeatStatus | 'all' } {
  const o = record(v, l10n.t('people query'));
  if (o.scope !== 'account' && o.scope !== 'all') refuse(l10n.t('unknown scope'));
  if (typeof o.refresh !== 'boolean') refuse(l10n.t('refresh must be true or false'));
  return { scope: o.scope, refresh: o.refresh, seat: checkSeat(o.seat) };
}

function checkSeat(v: unknown): SeatStatus | 'all' {
  if (v === undefined) return 'all';
  if (!(SEATS as readonly unknown[]).includes(v)) refuse(l10n.t('unknown seat status'));
  return v as SeatStatus | 'all';
}

/** E-mail addresses to copy (at most a large team's worth, each of a sane length), or a People filter's members. */
export function checkEmails(v: unknown): string[] | { scope: 'account' | 'all'; seat: SeatStatus | 'all' } {
  const o = record(v, l10n.t('copy e-mails'));
  if (o.emails === undefined) {
    if (o.scope !== 'account' && o.scope !== 'all') refuse(l10n.t('unknown scope'));
    return { scope: o.scope, seat: checkSeat(o.seat) };
  }
  const emails = o.emails;
  if (!Array.isArray(emails) || emails.length > 100_000) refuse(l10n.t('at most 100,000 e-mail addresses'));
  if (!emails.every((e) => typeof e === 'string' && e.length <= 320))
    refuse(l10n.t('an e-mail address is not text of at most 320 characters'));
  return emails as string[];
}

const SEATS = ['all', 'pending', 'never', 'dormant90', 'dormant60', 'dormant30', 'active', 'notLoaded'] as const;

export function checkInsightExport(v: unknown): {
  table: InsightCsvTable;
  dimension: ExperienceDimension;
  scope: 'account' | 'all';
  seat: SeatStatus | 'all';
} {
  const o = record(v, 'export');
  if (!(INSIGHT_CSV_TABLES as readonly unknown[]).includes(o.table)) refuse(l10n.t('unknown table'));
  const dimension = o.dimension === undefined ? 'country' : checkExperienceQuery({ dimension: o.dimension }).dimension;
  if (o.scope !== undefined && o.scope !== 'account' && o.scope !== 'all') refuse(l10n.t('unknown scope'));
  const seat = checkSeat(o.seat);
  return {
    table: o.table as InsightCsvTable,
    dimension,
    scope: (o.scope as 'account' | 'all' | undefined) ?? 'account',
    seat,
  };
}

export function checkOpenCsv(v: unknown, listed: ReadonlySet<string>): { month: string } | { recent: true } {
  const o = record(v, l10n.t('open CSV'));
  if (o.recent === true) return { recent: true };
  return { month: checkMonth(o.month, listed) };
}

export function checkWhat(v: unknown): 'usage' | 'sessions' | 'people' {
  const what = record(v, 'cancel').what;
  if (what !== 'usage' && what !== 'sessions' && what !== 'people') refuse(l10n.t('cancel what'));
  return what;
}

/** UI state is the webview's own (it checks it field by field when restoring): the host only bounds its size. */
export function checkUiState<T>(v: unknown): T {
  const o = record(v, l10n.t('UI state'));
  if (jsonStringify(o).length > 64 * 1024) refuse(l10n.t('the UI state is too large'));
  return o as T;
}
