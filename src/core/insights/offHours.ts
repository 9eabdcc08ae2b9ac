/**
 * Off-hours usage: session hours that fall in the admin's quiet hours, per account (`account_id`),
 * ranked. Quiet hours are a daily span of local time in one time zone (e.g. 19:00 to 07:00 in
 * America/Chicago, across midnight when the start is later than the end), optionally with whole
 * weekends (local Saturday and Sunday).
 *
 * Clock: the report's `starttime` is read as UTC (what reports write, see clock.ts); with a time
 * zone the quiet spans are placed in UTC by that zone's offset on each local day (taken at local
 * noon, so the hour around a daylight-saving change may be off by that hour); with no zone, the
 * report clock is the local clock. A session occupies [start, start + session_duration); empty or
 * zero durations occupy nothing; sessions without a start are left out.
 *
 * Given the accounts of the scope (a panel of every account, or of an organization), each of them
 * is ranked, those without a session (in the table, or in quiet hours) with 0: an account that
 * never works at night is an answer, not a gap.
 */
import * as l10n from '@vscode/l10n';
import { FrameError } from '../errors';
import { fromFloat32, type SessionTable } from '../reports/sessionTable';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './clock';

export interface QuietHours {
  /** Local minute of the day the quiet hours start, 0..1439. */
  startMinute: number;
  /** Local minute they end (exclusive); equal to the start: all day. */
  endMinute: number;
  /** IANA time zone; '' = the report's clock. */
  timeZone: string;
  weekends: boolean;
}

export interface AccountOffHours {
  accountId: string;
  sessions: number;
  /** Sessions with some time in quiet hours. */
  quietSessions: number;
  hours: number;
  quietHours: number;
  /** quietHours / hours × 100; null without hours. */
  quietPct: number | null;
}

export interface OffHoursResult {
  quiet: QuietHours;
  /** Most quiet hours first. */
  accounts: AccountOffHours[];
  totalQuietHours: number;
}

/** "19:00" → 1140; a clear error naming `setting` for anything else. */
export function parseClockTime(text: string, setting: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!(h >= 0 && h <= 24 && min >= 0 && min < 60) || h * 60 + min > 1440)
    throw new FrameError(
      'invalid-request',
      l10n.t({
        message: 'The setting {0} is "{1}", not a time like 19:00: set it as HH:MM (24-hour clock).',
        args: [setting, text],
        comment: ['{0} is a setting name, e.g. frameAdmin.offHours.quietStart.'],
      }),
    );
  return (h * 60 + min) % 1440;
}

/** Checks a time zone name; '' is the report's clock. */
export function checkTimeZone(zone: string): string {
  const z = zone.trim();
  if (!z) return '';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: z }).resolvedOptions().timeZone;
  } catch {
    throw new FrameError(
      'invalid-request',
      l10n.t(
        '"{0}" is not a time zone this system knows: use an IANA name such as {1}, or leave it empty for the report\'s clock.',
        z,
        'America/Chicago',
      ),
    );
  }
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return Math.round((local - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

/** The quiet spans [from, to) in UTC ms over local days [firstDay, lastDay], merged and sorted. */
export function quietSpans(quiet: QuietHours, firstDay: number, lastDay: number): { from: Float64Array; to: Float64Array } {
  const format = quiet.timeZone
    ? new Intl.DateTimeFormat('en-US', {
        timeZone: quiet.timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    : undefined;
  const spans: [number, number][] = [];
  const { startMinute: a, endMinute: b } = quiet;
  for (let day = firstDay; day <= lastDay; day++) {
    const local = day * DAY_MS;
    const offset = format ? offsetMinutes(format, local + 12 * HOUR_MS) * MINUTE_MS : 0;
    const at = (minute: number) => local + minute * MINUTE_MS - offset;
    const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
    if ((quiet.weekends && weekday >= 5) || a === b) spans.push([at(0), at(1440)]);
    else if (a < b) spans.push([at(a), at(b)]);
    else {
      spans.push([at(0), at(b)]);
      spans.push([at(a), at(1440)]);
    }
  }
  spans.sort((x, y) => x[0] - y[0]);
  const from: number[] = [];
  const to: number[] = [];
  for (const [s, e] of spans) {
    if (e <= s) continue;
    if (to.length && s <= to[to.length - 1]!) to[to.length - 1] = Math.max(to[to.length - 1]!, e);
    else {
      from.push(s);
      to.push(e);
    }
  }
  return { from: Float64Array.from(from), to: Float64Array.from(to) };
}

/**
 * Quiet ms before any instant, through prefix sums over the spans; the spans that start before a
 * UTC day are indexed by day, so finding the last span starting before t is a step or two from
 * its day's first, not a binary search over every span.
 */
class QuietClock {
  private readonly before: Float64Array;
  /** Per UTC day from day0: how many spans start before that day's midnight. */
  private readonly byDay: Uint32Array;

  constructor(
    private readonly from: Float64Array,
    private readonly to: Float64Array,
    private readonly day0: number,
    days: number,
  ) {
    this.before = new Float64Array(from.length);
    for (let k = 1; k < from.length; k++) this.before[k] = this.before[k - 1]! + to[k - 1]! - from[k - 1]!;
    this.byDay = new Uint32Array(days + 1);
    let k = 0;
    for (let d = 0; d <= days; d++) {
      const midnight = (day0 + d) * DAY_MS;
      while (k < from.length && from[k]! < midnight) k++;
      this.byDay[d] = k;
    }
  }

  /** Quiet ms in (-∞, t). */
  at(t: number): number {
    const d = Math.floor(t / DAY_MS) - this.day0;
    let k = d < 0 ? 0 : d >= this.byDay.length ? this.byDay[this.byDay.length - 1]! : this.byDay[d]!;
    while (k < this.from.length && this.from[k]! < t) k++;
    if (k === 0) return 0;
    k--;
    return this.before[k]! + Math.min(t, this.to[k]!) - this.from[k]!;
  }
}

const noUsage = (accountId: string): AccountOffHours => ({
  accountId,
  sessions: 0,
  quietSessions: 0,
  hours: 0,
  quietHours: 0,
  quietPct: null,
});

export function offHoursUsage(table: SessionTable, quiet: QuietHours, scopeAccounts: readonly string[] = []): OffHoursResult {
  const zone = checkTimeZone(quiet.timeZone);
  const q = { ...quiet, timeZone: zone };
  let first = Infinity;
  let last = -Infinity;
  for (const p of table.parts) {
    const { start, duration } = p.columns;
    for (let r = 0; r < p.rows; r++) {
      const s = start[r]!;
      if (s !== s) continue;
      if (s < first) first = s;
      const e = s + (duration[r]! > 0 ? fromFloat32(duration[r]!) * 1000 : 0);
      if (e > last) last = e;
    }
  }
  const accounts = new Map<string, AccountOffHours>();
  if (first <= last) {
    // A day either side for the zone's offset; a broken row's endless session stops the spans after 40 years.
    const lastDay = Math.min(Math.floor(last / DAY_MS), Math.floor(first / DAY_MS) + 40 * 366) + 1;
    const firstDay = Math.floor(first / DAY_MS) - 1;
    const { from, to } = quietSpans(q, firstDay, lastDay);
    const clock = new QuietClock(from, to, firstDay, lastDay - firstDay + 1);
    const names = table.dictionaries.account;
    const perId: (AccountOffHours | undefined)[] = new Array(names.length);
    for (const p of table.parts) {
      const { start, duration, account } = p.columns;
      const remap = p.remap.account;
      for (let r = 0; r < p.rows; r++) {
        const s = start[r]!;
        if (s !== s) continue;
        const id = remap[account[r]!]!;
        let a = perId[id];
        if (!a) perId[id] = a = noUsage(names[id]!);
        a.sessions++;
        const d = duration[r]!;
        if (!(d > 0)) continue;
        const e = s + (Number.isInteger(d) ? d * 1000 : fromFloat32(d) * 1000);
        const inQuiet = clock.at(e) - clock.at(s);
        a.hours += (e - s) / HOUR_MS;
        if (inQuiet > 0) {
          a.quietSessions++;
          a.quietHours += inQuiet / HOUR_MS;
        }
      }
    }
    // Ids of the same account in different parts are one table id already (merged dictionaries).
    for (const a of perId) if (a) accounts.set(a.accountId, a);
  }
  for (const id of scopeAccounts) if (!accounts.has(id)) accounts.set(id, noUsage(id));
  const list = [...accounts.values()];
  for (const a of list) a.quietPct = a.hours > 0 ? (100 * a.quietHours) / a.hours : null;
  list.sort((x, y) => y.quietHours - x.quietHours || (x.accountId < y.accountId ? -1 : 1));
  return { quiet: q, accounts: list, totalQuietHours: list.reduce((n, a) => n + a.quietHours, 0) };
}
