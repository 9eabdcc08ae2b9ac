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
import * as l10n from '@vscode/l10n';
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

/** "1 session" / "1,234 sessions": each count phrase a string of its own (plurals differ between languages). */
function count(n: number, unit: 'session' | 'hour' | 'user' | 'start'): string {
  const text = n.toLocaleString('en-US');
  const one = n === 1;
  switch (unit) {
    case 'session':
      return one ? l10n.t('1 session') : l10n.t('{0} sessions', text);
    case 'hour':
      return one ? l10n.t('1 hour') : l10n.t('{0} hours', text);
    case 'user':
      return one ? l10n.t('1 user') : l10n.t('{0} users', text);
    case 'start':
      return one ? l10n.t('1 start') : l10n.t('{0} starts', text);
  }
}

export function adviseCapacity(f: KeyCapacity): CapacityAdvice {
  const max = f.peakConcurrency;
  const buffer = Math.min(max, f.maxArrivals2min > 0 ? Math.max(1, f.p95Arrivals2minBusy) : 0);
  const min = Math.min(max, f.medianConcurrencyBusy);
  const who = f.key === '*' ? l10n.t('all system types together') : l10n.t('system type "{0}"', f.key);
  if (f.sessions === 0)
    return { key: f.key, min: 0, buffer: 0, max: 0, reasons: [l10n.t('No sessions of {0} in these reports: nothing to advise.', who)] };
  const busiest =
    f.maxArrivalsAt !== null
      ? l10n.t('the busiest 2 minutes had {0} (from {1})', count(f.maxArrivals2min, 'start'), formatClock(f.maxArrivalsAt))
      : l10n.t('the busiest 2 minutes had {0}', count(f.maxArrivals2min, 'start'));
  const reasons = [
    max > 0 && f.peakAt !== null
      ? l10n.t(
          'Max {0}: at most {1} of {2} were open at once (first at {3}); a lower max would have made users wait then.',
          max,
          count(max, 'session'),
          who,
          formatClock(f.peakAt),
        )
      : l10n.t('Max 0: no session of {0} has a known duration, so none was seen open.', who),
    l10n.t({
      message:
        'Buffer {0}: in 95% of the 2-minute windows of busy hours ({1} with at least half the starts of the busiest hour), at most {2} connected; {3}.',
      args: [buffer, count(f.busyHours, 'hour'), count(f.p95Arrivals2minBusy, 'user'), busiest],
      comment: ['{3} is "the busiest 2 minutes had … starts (from …)".'],
    }),
    l10n.t('Min {0}: during busy hours, at least {1} were open half of the time.', min, count(min, 'session')),
    l10n.t(
      'This is advice from history (the report clock, the months loaded), not a forecast: growth, new users or a different schedule change it.',
    ),
  ];
  return { key: f.key, min, buffer, max, reasons };
}
