/**
 * Capacity and cost insights over the reports panel's session table (and the usage endpoint's
 * records): the figures of the "Capacity" view, without vscode or the webview protocol. See each
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
