/**
 * The Sessions table narrowed to the sessions behind a click in the Capacity tab (a timeline minute
 * or a weekday × hour cell), in the table's own sort and text filter. No vscode: the controller
 * uses it for `rows` and `sessionDetails`, the unit tests in bare Node.
 *
 * Same definitions as src/core/insights (capacity.ts): a session occupies [start, start + duration)
 * on the report's clock; one without a start is never shown; one with an empty or zero duration
 * occupies nothing (it is a start, never "open").
 */
import { ALL, rowsWhere, sessionsOpenDuring } from '../core/insights';
import { fromFloat32, type SessionTable } from '../core/reports/sessionTable';
import type { CapacityDrill, TableSort } from '../protocol/reports';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_HOURS = 7 * 24;

/** Weekday × hour cell of an hour number floor(ms / 3,600,000): (ISO weekday - 1) × 24 + hour. 1970-01-01 was a Thursday. */
function cellOfHour(hour: number): number {
  const day = Math.floor(hour / 24);
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
  return weekday * 24 + (hour - day * 24);
}

function durationMs(seconds: number): number {
  return Number.isInteger(seconds) ? seconds * 1000 : Math.round(fromFloat32(seconds) * 1000);
}

/** Table rows of the sessions of one weekday × hour cell (see CapacityDrill), in table order. */
export function sessionsInCell(table: SessionTable, cell: number, what: 'starts' | 'open', key: string = ALL): Uint32Array {
  const out: number[] = [];
  const types = table.dictionaries.systemType;
  let row = 0;
  for (const p of table.parts) {
    const { start, duration } = p.columns;
    const ids = p.columns.systemType;
    const remap = p.remap.systemType;
    for (let r = 0; r < p.rows; r++, row++) {
      const s = start[r]!;
      if (s !== s) continue;
      if (key !== ALL && types[remap[ids[r]!]!] !== key) continue;
      const first = Math.floor(s / HOUR_MS);
      if (what === 'starts') {
        if (cellOfHour(first) === cell) out.push(row);
        continue;
      }
      const d = duration[r]!;
      if (!(d > 0)) continue;
      const end = s + durationMs(d);
      if (end - s >= 7 * DAY_MS) {
        out.push(row);
        continue;
      }
      // The hours it touches: [first, last]; at most a week of them.
      const last = Math.ceil(end / HOUR_MS) - 1;
      const from = cellOfHour(first);
      if ((((cell - from) % WEEK_HOURS) + WEEK_HOURS) % WEEK_HOURS <= last - first) out.push(row);
    }
  }
  return Uint32Array.from(out);
}

/** Table rows behind a drill-down, in table order. */
export function drillRows(table: SessionTable, drill: CapacityDrill): Uint32Array {
  if (drill.kind === 'span') return sessionsOpenDuring(table, drill.from, drill.to, drill.key);
  if (drill.kind === 'match') return rowsWhere(table, drill.column, drill.value);
  return sessionsInCell(table, (drill.weekday - 1) * 24 + drill.hour, drill.what, drill.key);
}

/**
 * The table's order (sort + text filter) kept to the rows of a drill-down; the last one is cached
 * (a scrolling table asks for page after page of the same order).
 */
export class DrilledOrder {
  private cached: { table: SessionTable; key: string; order: Uint32Array } | undefined;

  order(table: SessionTable, sort: TableSort, filter: string, drill: CapacityDrill): Uint32Array {
    const key = JSON.stringify([sort, filter, drill]);
    if (this.cached?.table === table && this.cached.key === key) return this.cached.order;
    const member = new Uint8Array(table.size);
    for (const r of drillRows(table, drill)) member[r] = 1;
    const all = table.rowIndexes(0, table.size, sort, filter);
    const order = Uint32Array.from(all.filter((r) => member[r] === 1));
    this.cached = { table, key, order };
    return order;
  }

  /** A page of rows as SessionTable.page gives them, of the drill-down's rows only. */
  page(table: SessionTable, offset: number, limit: number, sort: TableSort, filter: string, drill: CapacityDrill) {
    const order = this.order(table, sort, filter, drill);
    const start = Math.min(offset, order.length);
    const end = Math.min(order.length, start + limit);
    const rows = [];
    for (let i = start; i < end; i++) rows.push(table.row(order[i]!));
    return { total: order.length, offset: start, rows };
  }
}
