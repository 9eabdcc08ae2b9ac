/**
 * The capacity advisor: min / buffer / max for a pool of one `system_type`, from its history, with
 * the reasoning in words. Frame's guidance: a pool's max "should be determined based on peak
 * session concurrency" (a hard limit: the next user waits), its buffer by the users expected to
 * connect within a 2-minute window (about the time an instance takes to start). The rules:
 * - max = the peak concurrency (the most sessions that were ever open at once);
 * - buffer = the 95th percentile of 2-minute arrivals over busy hours (hours with at least half
 *   the starts of the busiest hour: the hours a pool is sized for), at least 1 when anyone
 *   connected, at most max (the worst 2 minutes are named beside it);
 * - min = the median concurrency over the minutes of busy hours (instances that were in use at
 *   least half of the busy time), at most max.
 * Advice from history, not a forecast: the text says so.
 */
import type { KeyCapacity } from './capacity';
import { formatClock } from './clock';

export interface CapacityAdvice {
  key: string;
  min: number;
  buffer: number;
  max: number;
  /** One sentence per setting, then the caveat. */
  reasons: string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function adviseCapacity(f: KeyCapacity): CapacityAdvice {
  const max = f.peakConcurrency;
  const buffer = Math.min(max, f.maxArrivals2min > 0 ? Math.max(1, f.p95Arrivals2minBusy) : 0);
  const min = Math.min(max, f.medianConcurrencyBusy);
  const who = f.key === '*' ? 'all system types together' : `system type "${f.key}"`;
  if (f.sessions === 0)
    return { key: f.key, min: 0, buffer: 0, max: 0, reasons: [`No sessions of ${who} in these reports: nothing to advise.`] };
  const reasons = [
    max > 0 && f.peakAt !== null
      ? `Max ${max}: at most ${plural(max, 'session')} of ${who} were open at once (first at ${formatClock(f.peakAt)}); a lower max would have made users wait then.`
      : `Max 0: no session of ${who} has a known duration, so none was seen open.`,
    `Buffer ${buffer}: in 95% of the 2-minute windows of busy hours (${plural(f.busyHours, 'hour')} with at least half the starts of the busiest hour), at most ${plural(f.p95Arrivals2minBusy, 'user')} connected; the busiest 2 minutes had ${plural(f.maxArrivals2min, 'start')}${f.maxArrivalsAt !== null ? ` (from ${formatClock(f.maxArrivalsAt)})` : ''}.`,
    `Min ${min}: during busy hours, at least ${plural(min, 'session')} were open half of the time.`,
    'This is advice from history (the report clock, the months loaded), not a forecast: growth, new users or a different schedule change it.',
  ];
  return { key: f.key, min, buffer, max, reasons };
}
