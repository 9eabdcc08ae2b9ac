/**
 * The webview's UI state: restored from vscode.getState() (hide/show), else InitData.ui (window
 * reload, via the host's serializer), else defaults; saved to both on every change. Saved state
 * is checked field by field: an older extension version may have stored another shape.
 */
import { TABLE_COLUMNS, type InitData, type ReportsPanelState, type ReportsUiState, type UsagePreset } from '../../src/protocol/reports';
import { defaultMonth, isDay, presetRange, PRESETS } from './dates';
import { debounce } from './dom';
import type { VsCodeApi } from './vscodeApi';

const DIMENSIONS = ['instance_type', 'server_type', 'datacenter'] as const;

export function defaultState(init: InitData): ReportsUiState {
  const month = defaultMonth(init.months, init.todayPacific);
  return {
    tab: 'usage',
    usage: { preset: 'last30', ...presetRange('last30', init.todayPacific), scope: 'account', dimension: 'instance_type' },
    sessions: { months: month ? [month] : [], recent: false },
    sort: { column: 'start', descending: true },
    filter: '',
  };
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

/** Merges what is valid in `saved` over the defaults. */
export function sanitize(saved: unknown, init: InitData): ReportsUiState {
  const s = defaultState(init);
  const o = obj(saved);
  if (!o) return s;
  if (o.tab === 'usage' || o.tab === 'sessions') s.tab = o.tab;
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
  return s;
}

/** The state to start from: getState() first (it is the freshest), then the host's copy. */
export function initialState(api: VsCodeApi, init: InitData): ReportsUiState {
  const local = obj(api.getState());
  if (local && local.ui) return sanitize(local.ui, init);
  if (init.ui) return sanitize(init.ui, init);
  return defaultState(init);
}

export class StateStore {
  private readonly pushToHost: () => void;

  constructor(
    private readonly api: VsCodeApi,
    private readonly panel: InitData['panel'],
    readonly state: ReportsUiState,
    saveToHost: (ui: ReportsUiState) => void,
  ) {
    // The host writes it into the panel's serializer state: no need to do that on every keystroke.
    this.pushToHost = debounce(() => saveToHost(structuredClone(this.state)), 400);
  }

  /** Applies a change and saves it; setState is cheap and synchronous, so it runs at once. */
  update(change: (s: ReportsUiState) => void): void {
    change(this.state);
    const saved: ReportsPanelState = { ...this.panel, ui: this.state };
    this.api.setState(saved);
    this.pushToHost();
  }
}
