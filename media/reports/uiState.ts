/**
 * The reports page's UI state (ReportsUiState): its defaults, and saved state made valid field by
 * field (the kit's StateStore restores and saves it).
 */
import {
  MATCH_COLUMNS,
  TABLE_COLUMNS,
  type MatchColumn,
  type CapacityDrill,
  type InitData,
  type ReportsUiState,
  type UsagePreset,
} from '../../src/protocol/reports';
import { savedColumnWidths } from '../shared/columnLayout';
import { savedObject as obj } from '../shared/stateStore';
import { defaultMonth, isDay, presetRange, PRESETS } from './dates';

/** The page's tabs, in their order (page.ts builds them). */
export const TAB_IDS = ['usage', 'sessions', 'capacity', 'experience', 'people'] as const satisfies readonly ReportsUiState['tab'][];
const EXPERIENCE_DIMENSIONS = ['region', 'country', 'city', 'application', 'userAgent', 'resolution'] as const;
const SEATS = ['all', 'pending', 'never', 'dormant90', 'dormant60', 'dormant30', 'active', 'notLoaded'] as const;
const DIMENSIONS = ['instance_type', 'server_type', 'datacenter', 'account'] as const;

export function defaultState(init: InitData): ReportsUiState {
  const month = defaultMonth(init.months, init.todayPacific);
  return {
    tab: 'usage',
    usage: { preset: 'last30', ...presetRange('last30', init.todayPacific), scope: 'account', dimension: 'instance_type' },
    sessions: { months: month ? [month] : [], recent: false },
    sort: { column: 'start', descending: true },
    filter: '',
    drill: null,
    capacityKey: '*',
    experienceDimension: 'country',
    peopleScope: 'account',
    peopleSeat: 'all',
  };
}

/** A saved drill-down, if it has the shape the host takes (the host checks it again). */
function savedDrill(v: unknown): CapacityDrill | null {
  const o = obj(v);
  if (!o || typeof o.key !== 'string') return null;
  if (o.kind === 'span' && Number.isSafeInteger(o.from) && Number.isSafeInteger(o.to) && (o.from as number) < (o.to as number))
    return { kind: 'span', key: o.key, from: o.from as number, to: o.to as number };
  const int = (n: unknown, lo: number, hi: number) => Number.isInteger(n) && (n as number) >= lo && (n as number) <= hi;
  if (o.kind === 'cell' && int(o.weekday, 1, 7) && int(o.hour, 0, 23) && (o.what === 'starts' || o.what === 'open'))
    return { kind: 'cell', key: o.key, weekday: o.weekday as number, hour: o.hour as number, what: o.what };
  if (
    o.kind === 'match' &&
    (MATCH_COLUMNS as readonly unknown[]).includes(o.column) &&
    typeof o.value === 'string' &&
    o.value.length <= 4096
  )
    return { kind: 'match', key: o.key, column: o.column as MatchColumn, value: o.value };
  return null;
}

/** Merges what is valid in `saved` over the defaults. */
export function sanitize(saved: unknown, init: InitData): ReportsUiState {
  const s = defaultState(init);
  const o = obj(saved);
  // A command asked for this tab ("Frame: Show Capacity…"): it wins over the saved one.
  const asked = (TAB_IDS as readonly unknown[]).includes(init.tab) ? init.tab : undefined;
  if (!o) return asked ? { ...s, tab: asked } : s;
  if ((TAB_IDS as readonly unknown[]).includes(o.tab)) s.tab = o.tab as ReportsUiState['tab'];
  const u = obj(o.usage);
  if (u) {
    if (PRESETS.some((p) => p.id === u.preset)) s.usage.preset = u.preset as UsagePreset;
    if (u.scope === 'account' || u.scope === 'all') s.usage.scope = u.scope;
    if ((DIMENSIONS as readonly unknown[]).includes(u.dimension)) s.usage.dimension = u.dimension as (typeof DIMENSIONS)[number];
    if (s.usage.preset === 'custom' && isDay(u.from) && isDay(u.to) && u.from <= u.to) {
      s.usage.from = u.from;
      s.usage.to = u.to;
    } else if (s.usage.preset === 'custom') {
      s.usage.preset = 'last30';
    }
    // A preset means "relative to today": recompute it, the saved dates may be days old.
    if (s.usage.preset !== 'custom') Object.assign(s.usage, presetRange(s.usage.preset, init.todayPacific));
  }
  const q = obj(o.sessions);
  if (q) {
    const known = new Set(init.months.map((m) => m.key));
    if (Array.isArray(q.months)) s.sessions.months = q.months.filter((m): m is string => typeof m === 'string' && known.has(m));
    if (typeof q.recent === 'boolean') s.sessions.recent = q.recent;
  }
  const sort = obj(o.sort);
  if (sort && TABLE_COLUMNS.some((c) => c.id === sort.column) && typeof sort.descending === 'boolean') {
    s.sort = { column: sort.column as ReportsUiState['sort']['column'], descending: sort.descending };
  }
  if (typeof o.filter === 'string') s.filter = o.filter.slice(0, 200);
  s.drill = savedDrill(o.drill);
  if (typeof o.capacityKey === 'string' && o.capacityKey.length <= 500) s.capacityKey = o.capacityKey;
  if ((EXPERIENCE_DIMENSIONS as readonly unknown[]).includes(o.experienceDimension))
    s.experienceDimension = o.experienceDimension as (typeof EXPERIENCE_DIMENSIONS)[number];
  if (o.peopleScope === 'account' || o.peopleScope === 'all') s.peopleScope = o.peopleScope;
  if ((SEATS as readonly unknown[]).includes(o.peopleSeat)) s.peopleSeat = o.peopleSeat as (typeof SEATS)[number];
  const widths = savedColumnWidths(
    o.sessionColumnWidths,
    TABLE_COLUMNS.map((c) => c.id),
  );
  if (Object.keys(widths).length) s.sessionColumnWidths = widths;
  if (asked) s.tab = asked;
  return s;
}
