/**
 * Capacity, cost, experience, seat and off-hours insights over the reports panel's session table
 * (and the usage endpoint's records, the team members): the figures of the "Capacity", "Experience"
 * and "People" views, without vscode or the webview protocol. See each
 * module's doc comment for the definitions.
 */
export { ALL, CapacityInsights, capacityOf, computeCapacity, sessionsOpenDuring } from './capacity';
export type { CapacityCounts, CapacityOptions, KeyCapacity } from './capacity';
export { adviseCapacity, type CapacityAdvice } from './advisor';
export { usageVsSessions, type UsageSessionRow, type UsageVsSessions } from './usageVsSessions';
export { estimateCost, type AccountCost, type CostEstimate, type CostInput, type InstancePrice, type PriceTable } from './cost';
export { clockDay, formatClock, isoWeekday, hourOfDay } from './clock';
export type { AccountGroups, CostForecast, GroupCost } from './cost';
export { ACCOUNTS_SETTING, PRICES_SETTING, accountInputs, parseCostSettings, type AccountFacts, type CostSettings } from './costSettings';
export {
  DEFAULT_LATENCY_THRESHOLDS_MS,
  dimensionTitle,
  EXPERIENCE_DIMENSIONS,
  checkThresholds,
  experienceBreakdown,
  latencyOverPctBy,
  monthOverMonth,
  prepareExperience,
  rowsWhere,
  worstUsers,
} from './experience';
export type { ExperienceBreakdown, ExperienceDimension, ExperienceFigures, ExperienceGroup } from './experience';
export { DORMANT_DAYS, emailKey, seatHygiene, seatStatus } from './people';
export type { AccountMatching, AccountMembers, SeatHygiene, SeatRow, SeatStatus, UnmatchedUser } from './people';
export { checkTimeZone, offHoursUsage, parseClockTime, quietSpans } from './offHours';
export type { AccountOffHours, OffHoursResult, QuietHours } from './offHours';
export { DEFAULT_INSIGHT_SETTINGS, INSIGHT_SETTING_KEYS, insightSettingsFrom, type InsightSettings } from './settings';
