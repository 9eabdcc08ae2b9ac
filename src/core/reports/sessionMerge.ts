/**
 * Many segments (months, pieces of a month, recent sessions) → one table and one aggregate: the
 * dictionaries are merged, each segment gets a local → merged id map, and the aggregate states
 * are added up. Work and memory grow with distinct values, not rows: the rows stay in the
 * segments' own arrays.
 */
import type { DurationHistogram, SessionAggregate } from './aggregateTypes';
import { KEY_COLUMNS, SessionAggregateBuilder, type KeyColumn } from './sessionAggregate';
import {
  TABLE_TEXT_COLUMNS,
  TEXT_COLUMNS,
  type SegmentColumns,
  type SessionSegment,
  type TableTextColumn,
  type TextColumn,
} from './sessionColumns';
import { SessionTable, type TablePart } from './sessionTable';
import { mergeOrders, newestFirstOf } from './sortOrder';

export interface MergedSessions {
  table: SessionTable;
  aggregate: SessionAggregate;
  histogram: DurationHistogram;
}

/** Values of one column across segments, each once. */
class MergedDictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  remap(local: readonly string[]): Uint32Array {
    const map = new Uint32Array(local.length);
    local.forEach((v, i) => {
      let id = this.ids.get(v);
      if (id === undefined) {
        id = this.values.length;
        this.values.push(v);
        this.ids.set(v, id);
      }
      map[i] = id;
    });
    return map;
  }
}

/** Key columns of the aggregate, as the readers name their dictionaries. */
const KEY_DICTIONARY: Record<KeyColumn, TextColumn> = { application: 'application', user: 'user', country: 'country', region: 'region' };

export function mergeSegments(
  segments: readonly SessionSegment[],
  options: { topN?: number; relativeAccuracy?: number } = {},
): MergedSessions {
  const dicts = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, new MergedDictionary()])) as Record<TextColumn, MergedDictionary>;
  const builder = new SessionAggregateBuilder(options.relativeAccuracy ?? segments[0]?.aggregate.durations.relativeAccuracy ?? 0.005);
  const parts: TablePart[] = [];
  for (const s of segments) {
    const remap = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, dicts[c].remap(s.dictionaries[c])])) as Record<TextColumn, Uint32Array>;
    builder.merge(s.aggregate, Object.fromEntries(KEY_COLUMNS.map((k) => [k, remap[KEY_DICTIONARY[k]]])) as Record<KeyColumn, Uint32Array>);
    const tableRemap = Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, remap[c]])) as Record<TableTextColumn, Uint32Array>;
    parts.push({ rows: s.rows, columns: s.columns, remap: tableRemap, source: s.source, newestFirst: s.newestFirst });
  }
  const values = (c: TextColumn) => dicts[c].values;
  return {
    table: new SessionTable(parts, Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, values(c)])) as Record<TableTextColumn, string[]>),
    aggregate: builder.result(
      { application: values('application'), user: values('user'), country: values('country'), region: values('region') },
      options.topN ?? 10,
    ),
    histogram: builder.histogramResult(),
  };
}

/**
 * Parts of one file read side by side → the segment of the whole file, as if read in one go
 * (columns joined, ids mapped onto merged dictionaries, aggregates and counts added up).
 */
export function concatSegments(parts: readonly SessionSegment[]): SessionSegment {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const dicts = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, new MergedDictionary()])) as Record<TextColumn, MergedDictionary>;
  const remaps = parts.map(
    (p) => Object.fromEntries(TEXT_COLUMNS.map((c) => [c, dicts[c].remap(p.dictionaries[c])])) as Record<TextColumn, Uint32Array>,
  );
  const builder = new SessionAggregateBuilder(first.aggregate.durations.relativeAccuracy);
  parts.forEach((p, k) =>
    builder.merge(
      p.aggregate,
      Object.fromEntries(KEY_COLUMNS.map((c) => [c, remaps[k]![KEY_DICTIONARY[c]]])) as Record<KeyColumn, Uint32Array>,
    ),
  );
  const join = <T extends Float64Array | Float32Array | Uint32Array | Uint16Array>(
    pick: (p: SessionSegment) => ArrayLike<number>,
    make: (n: number) => T,
  ): T => {
    const out = make(rows);
    let at = 0;
    for (const p of parts) {
      out.set(pick(p), at);
      at += p.rows;
    }
    return out;
  };
  const ids = (c: TableTextColumn) => {
    const out = dicts[c].values.length <= 0x10000 ? new Uint16Array(rows) : new Uint32Array(rows);
    let at = 0;
    parts.forEach((p, k) => {
      const local = p.columns[c];
      const map = remaps[k]![c];
      for (let r = 0; r < p.rows; r++) out[at++] = map[local[r]!]!;
    });
    return out;
  };
  const wide = parts.some((p) => p.columns.offsets instanceof Float64Array);
  const columns: SegmentColumns = {
    start: join(
      (p) => p.columns.start,
      (n) => new Float64Array(n),
    ),
    duration: join(
      (p) => p.columns.duration,
      (n) => new Float32Array(n),
    ),
    latency: join(
      (p) => p.columns.latency,
      (n) => new Float32Array(n),
    ),
    bandwidth: join(
      (p) => p.columns.bandwidth,
      (n) => new Float32Array(n),
    ),
    framerate: join(
      (p) => p.columns.framerate,
      (n) => new Float32Array(n),
    ),
    user: ids('user'),
    application: ids('application'),
    country: ids('country'),
    city: ids('city'),
    state: ids('state'),
    systemType: ids('systemType'),
    account: ids('account'),
    region: ids('region'),
    userAgent: ids('userAgent'),
    resolution: ids('resolution'),
    email: ids('email'),
    offsets: join<Uint32Array | Float64Array>(
      (p) => p.columns.offsets,
      (n) => (wide ? new Float64Array(n) : new Uint32Array(n)),
    ),
  };
  const sum = (f: (p: SessionSegment) => number) => parts.reduce((n, p) => n + f(p), 0);
  return {
    rows,
    columns,
    dictionaries: Object.fromEntries(TEXT_COLUMNS.map((c) => [c, dicts[c].values])) as Record<TextColumn, string[]>,
    aggregate: builder.state(),
    summary: {
      ...first.summary,
      records: sum((p) => p.summary.records),
      malformedRecords: sum((p) => p.summary.malformedRecords),
      raggedRecords: sum((p) => p.summary.raggedRecords),
      blankLines: sum((p) => p.summary.blankLines),
      issues: parts.flatMap((p) => p.summary.issues).slice(0, Math.max(20, first.summary.issues.length)),
    },
    source: first.source,
    newestFirst: parts.every((p) => p.newestFirst)
      ? mergeOrders(
          parts.map((p) => ({ keys: p.columns.start, order: p.newestFirst! })),
          true,
        )
      : newestFirstOf(columns.start),
  };
}
