/**
 * Audit-trail entries, whose fields Frame's documents do not show: the columns are the ones that
 * are clearly there in the first page (a time, the user, the kind, a description… under the usual
 * names: who did what, first), then a few other simple fields most entries have. Every cell is text; each entry's raw
 * object is kept (click a row to see it). The CSV export goes through the formula-safe writer.
 */
import * as l10n from '@vscode/l10n';
import { csvLine, csvText } from '../csvWriter';
import { jsonStringify } from '../json';
import { formatUtcTime, parseApiTime } from '../time';
import { at, isObject } from './loose';

export interface AuditColumn {
  /** The entry field (a dotted path for nested ones). */
  key: string;
  /** What the panel shows (in the display language). */
  title: string;
  /** The CSV header when it differs from the title: English, like every machine-readable format. */
  csvTitle?: string;
  /** Times are shown as UTC text and sort as times. */
  time: boolean;
}

/** Known roles, each a list of usual field names, first found wins. Titles in English: they are the CSV headers (see roleTitle). */
const ROLES: { title: string; keys: string[]; time?: boolean }[] = [
  {
    title: 'Time',
    keys: ['inserted_at', 'created_at', 'timestamp', 'time', 'date', 'event_time', 'occurred_at', 'created', 'updated_at'],
    time: true,
  },
  { title: 'User', keys: ['user_full_name', 'user_name', 'full_name', 'user.full_name', 'user.name', 'actor.name', 'username', 'user'] },
  { title: 'Kind', keys: ['kind', 'type', 'event_type', 'event', 'action'] },
  { title: 'Description', keys: ['description', 'message', 'details', 'summary', 'text'] },
  { title: 'Email', keys: ['user_email', 'email', 'user.email', 'actor.email'] },
  { title: 'Identity provider', keys: ['identity_provider', 'idp', 'provider', 'user.identity_provider'] },
];
const MAX_EXTRA = 4;

/** A role's column title in the display language (the roles' English titles are the CSV headers). */
function roleTitle(title: string): string {
  switch (title) {
    case 'Time':
      return l10n.t('Time');
    case 'User':
      return l10n.t('User');
    case 'Kind':
      return l10n.t('Kind');
    case 'Description':
      return l10n.t('Description');
    case 'Email':
      return l10n.t('Email');
    case 'Identity provider':
      return l10n.t('Identity provider');
    default:
      return title;
  }
}

/** The columns for these entries (normally the first page). */
export function auditColumns(entries: readonly Record<string, unknown>[]): AuditColumn[] {
  const sample = entries.slice(0, 200);
  const present = (key: string) => sample.some((e) => isShown(at(e, key)));
  const columns: AuditColumn[] = [];
  const used = new Set<string>();
  for (const role of ROLES) {
    const key = role.keys.find(present);
    if (!key) continue;
    columns.push({ key, title: roleTitle(role.title), csvTitle: role.title, time: !!role.time });
    used.add(key.split('.')[0]!);
  }
  // Other simple top-level fields most entries have (ids last: they are long and rarely read).
  const counts = new Map<string, number>();
  for (const e of sample) for (const [k, v] of Object.entries(e)) if (!used.has(k) && isScalar(v)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const extras = [...counts]
    .filter(([k, n]) => k !== 'id' && n * 2 >= sample.length)
    .map(([k]) => k)
    .sort((a, b) => Number(isIdKey(a)) - Number(isIdKey(b)));
  for (const key of extras.slice(0, MAX_EXTRA)) columns.push({ key, title: titleOf(key), csvTitle: titleOf(key), time: false });
  if (!columns.length) columns.push({ key: '', title: l10n.t('Entry'), csvTitle: 'Entry', time: false });
  return columns;
}

/** A cell as text: times as UTC, objects as compact JSON, nothing as ''. */
export function auditCell(entry: Record<string, unknown>, column: AuditColumn): string {
  const v = column.key === '' ? entry : at(entry, column.key);
  if (v === undefined || v === null) return '';
  if (column.time) {
    const ms = parseApiTime(v);
    if (ms !== undefined) return formatUtcTime(ms);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v) && column.key !== '') {
    const name = at(v, 'full_name') ?? at(v, 'name') ?? at(v, 'email');
    if (typeof name === 'string') return name;
  }
  // Any depth (no recursion), cycles and BigInts included: never "[object Object]".
  return jsonStringify(v);
}

/** Epoch ms of the entry's time column, for sorting newest first. */
export function auditTime(entry: Record<string, unknown>, columns: readonly AuditColumn[]): number | undefined {
  const c = columns.find((x) => x.time);
  return c ? parseApiTime(at(entry, c.key)) : undefined;
}

/** CSV of the entries (header of column titles), every cell formula-safe text. */
export function auditCsv(columns: readonly AuditColumn[], entries: readonly Record<string, unknown>[]): string {
  let out = csvLine(columns.map((c) => csvText(c.csvTitle ?? c.title)));
  for (const e of entries) out += csvLine(columns.map((c) => csvText(auditCell(e, c))));
  return out;
}

function isShown(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** A field that holds an id (`account_id`, `organization_id`…): the audit panel shows the name it knows for it. */
export function isIdKey(k: string): boolean {
  return /(^|_)id$/i.test(k);
}

/** A field's name as a title (the field is data: not translated). `ip_address` → "IP address", `account_id` → "Account ID". */
function titleOf(key: string): string {
  const words = key.split(/[_\s.]+/).filter(Boolean);
  const text = words.map((w) => (/^(id|ip|url|uuid)$/i.test(w) ? w.toUpperCase() : w.toLowerCase())).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
