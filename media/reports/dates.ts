/** Usage date ranges. Days are Pacific-time calendar days (yyyy-MM-dd), handled as plain dates. */
import * as l10n from '@vscode/l10n';
import { addDays, type MonthRef, type UsagePreset } from '../../src/protocol/reports';

export { daysBetween, isDay } from '../../src/protocol/reports';

export const PRESETS: { id: UsagePreset; label: string }[] = [
  { id: 'last7', label: l10n.t('Last 7 days') },
  { id: 'last30', label: l10n.t('Last 30 days') },
  { id: 'last90', label: l10n.t('Last 90 days') },
  { id: 'thisMonth', label: l10n.t('This month') },
  { id: 'lastMonth', label: l10n.t('Last month') },
  { id: 'custom', label: l10n.t('Custom range') },
];

/** The inclusive range of a preset, relative to today (Pacific). Custom keeps its own dates. */
export function presetRange(preset: Exclude<UsagePreset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': {
      const firstThis = `${today.slice(0, 7)}-01`;
      const lastPrev = addDays(firstThis, -1);
      return { from: `${lastPrev.slice(0, 7)}-01`, to: lastPrev };
    }
  }
}

/**
 * The monthly report the Sessions tab starts with: the last complete month. The newest listed
 * month is the current one (still filling up, often nearly empty) when it is today's month.
 * `months` is newest first, as InitData lists them.
 */
export function defaultMonth(months: readonly MonthRef[], todayPacific: string): string | undefined {
  const [newest, previous] = months;
  return newest?.key === todayPacific.slice(0, 7) && previous ? previous.key : newest?.key;
}
