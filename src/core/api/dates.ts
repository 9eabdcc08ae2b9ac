/**
 * Usage dates. The Web API documents `date_from`/`date_to` as yyyy-MM-dd "in the PST time zone";
 * we read that as Pacific time (America/Los_Angeles, PST in winter and PDT in summer), which is
 * what a Frame admin on the US west coast sees as "today".
 */
import { FrameApiError } from '../http/errors';

export const FRAME_USAGE_TIME_ZONE = 'America/Los_Angeles';

const pacificDay = new Intl.DateTimeFormat('en-CA', { timeZone: FRAME_USAGE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Pacific-time calendar day of an instant, as yyyy-MM-dd. */
export function toPacificDay(instant: Date): string {
  const parts = Object.fromEntries(pacificDay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Validates a yyyy-MM-dd day (a real calendar date). */
export function isDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** yyyy-MM-dd for the API from a day string or a Date; a clear error for anything else. */
export function toApiDay(value: string | Date, what: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new FrameApiError('invalid-request', `The ${what} date is not a valid date.`);
    return toPacificDay(value);
  }
  if (!isDay(value)) throw new FrameApiError('invalid-request', `The ${what} date "${value.slice(0, 40)}" is not a valid yyyy-MM-dd date.`);
  return value;
}

/** Adds whole days to a yyyy-MM-dd day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
