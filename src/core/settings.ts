/**
 * The extension's numeric settings with the ranges package.json declares (a unit test keeps the
 * two in step). settings.json can hold anything (1.2345 seconds, 1e6 retries, a page size of 0),
 * and each of those broke something: values are rounded and clamped on the way in.
 */
export const NUMERIC_SETTINGS = {
  'http.timeoutSeconds': { min: 1, max: 600, fallback: 30 },
  'http.maxRetries': { min: 0, max: 10, fallback: 3 },
  'teamMembers.pageSize': { min: 20, max: 5000, fallback: 200 },
  'adminApi.pageSize': { min: 5, max: 100, fallback: 50 },
  'adminApi.publishWatchMinutes': { min: 1, max: 240, fallback: 30 },
  'search.months': { min: 1, max: 36, fallback: 12 },
  'experience.worstUsers': { min: 1, max: 500, fallback: 20 },
  'experience.worstUsersMinSessions': { min: 1, max: 10000, fallback: 5 },
} as const;

export type NumericSetting = keyof typeof NUMERIC_SETTINGS;

/** A finite number, rounded and clamped to the setting's range; the default for anything else. */
export function clampSetting(name: NumericSetting, raw: unknown): number {
  const { min, max, fallback } = NUMERIC_SETTINGS[name];
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fallback;
  return Math.min(max, Math.max(min, Math.round(raw)));
}
