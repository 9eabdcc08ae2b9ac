/**
 * The settings the Experience and People views read (`frameAdmin.experience.*`,
 * `frameAdmin.offHours.*`), made valid: what is not usable falls back to the default, except the
 * quiet hours and time zone, which are checked where they are used (a clear error naming them).
 * Imports only the core's settings: the activation bundle reads settings through it without the insights.
 */
import { clampSetting } from '../settings';

/** The common VDI thresholds: over 100 ms is noticeable, over 200 ms poor. */
export const DEFAULT_LATENCY_THRESHOLDS_MS: readonly number[] = [100, 200];

export interface InsightSettings {
  latencyThresholdsMs: number[];
  /** Users in the "worst users" list, and the sessions with a latency a user needs to be ranked. */
  worstUsers: number;
  worstMinSessions: number;
  quietStart: string;
  quietEnd: string;
  /** IANA name; '' = the report's clock. */
  timeZone: string;
  weekends: boolean;
}

export const DEFAULT_INSIGHT_SETTINGS: InsightSettings = {
  latencyThresholdsMs: [...DEFAULT_LATENCY_THRESHOLDS_MS],
  worstUsers: 20,
  worstMinSessions: 5,
  quietStart: '19:00',
  quietEnd: '07:00',
  timeZone: '',
  weekends: true,
};

/** Settings from raw configuration values (keys without the `frameAdmin.` prefix). */
export function insightSettingsFrom(raw: Record<string, unknown>): InsightSettings {
  const d = DEFAULT_INSIGHT_SETTINGS;
  const thresholds = Array.isArray(raw['experience.latencyThresholdsMs'])
    ? (raw['experience.latencyThresholdsMs'] as unknown[]).filter(
        (t): t is number => typeof t === 'number' && Number.isFinite(t) && t >= 0 && t <= 100_000,
      )
    : [];
  const text = (k: string, fallback: string) => (typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 100) : fallback);
  return {
    latencyThresholdsMs: thresholds.length
      ? [...new Set(thresholds.map(Math.round))].sort((a, b) => a - b).slice(0, 5)
      : [...d.latencyThresholdsMs],
    worstUsers: clampSetting('experience.worstUsers', raw['experience.worstUsers']),
    worstMinSessions: clampSetting('experience.worstUsersMinSessions', raw['experience.worstUsersMinSessions']),
    quietStart: text('offHours.quietStart', d.quietStart),
    quietEnd: text('offHours.quietEnd', d.quietEnd),
    timeZone: text('offHours.timeZone', d.timeZone),
    weekends: typeof raw['offHours.weekends'] === 'boolean' ? (raw['offHours.weekends'] as boolean) : d.weekends,
  };
}

/** The configuration keys read, for the host to collect. */
export const INSIGHT_SETTING_KEYS = [
  'experience.latencyThresholdsMs',
  'experience.worstUsers',
  'experience.worstUsersMinSessions',
  'offHours.quietStart',
  'offHours.quietEnd',
  'offHours.timeZone',
  'offHours.weekends',
] as const;
