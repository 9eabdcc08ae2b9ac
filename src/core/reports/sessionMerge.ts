/**
 * Many segments (months, pieces of a month, recent sessions) → one table and one aggregate: the
 * dictionaries are merged, each segment gets a local → merged id map, and the aggregate states
 * are added up. Work and memory grow with distinct values, not rows: the rows stay in the
 * segments' own arrays.
 */
import type { DurationHistogram, SessionAggregate } from './aggregateTypes';
import { KEY_COLUMNS, SessionAggregateBuilder, type KeyColumn } from './sessionAggregate';
import { TABLE_TEXT_COLUMNS, TEXT_COLUMNS, type SessionSegment, type TableTextColumn, type TextColumn } from './sessionColumns';
import { SessionTable, type TablePart } from './sessionTable';

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
    parts.push({ rows: s.rows, columns: s.columns, remap: tableRemap, source: s.source });
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
