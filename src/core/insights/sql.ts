/**
 * "Copy as DuckDB SQL": each Capacity figure written as one SQL query over the Parquet export
 * (src/core/reports/parquetExport.ts: `<folder>/account=<id>/month=YYYY-MM/part-0.parquet`, read
 * with hive_partitioning), the same definitions as capacity.ts, so that years of a large customer
 * can be computed where the data is (DuckDB; the SQL keeps to what Spark SQL also has where it
 * can). `test/unit/insights/duckdbSql.test.ts` runs every query in DuckDB over an exported month
 * and compares it with the panel's numbers.
 *
 * The definitions, as in capacity.ts: times are the report clock (`starttime` is written as the
 * clock's wall time in a UTC timestamp, so epoch_ms gives the table's ms); rows without a start
 * are left out; a session occupies [start, start + duration) when its duration is > 0, ending at
 * the latest 31 days after the last start of the export; at an instant ends come before starts;
 * busy hours have at least BUSY_HOUR_SHARE of the busiest hour's starts; percentiles are nearest
 * rank (the ⌈0.95·n⌉-th smallest).
 */
import { BUSY_HOUR_SHARE } from './busyHours';

export const SQL_FIGURES = [
  'peak_concurrency',
  'p95_concurrency',
  'concurrency_timeline',
  'max_arrivals_2min',
  'p95_arrivals_2min_busy',
  'session_hours_by_day',
  'sessions_by_hour_weekday',
] as const;
export type SqlFigure = (typeof SQL_FIGURES)[number];

/** Where the queries read: replace it with the folder the export was written to. */
export const EXPORT_FOLDER = '<export folder>';

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The sessions of `key` ("*": all) with a start, and the horizon every session ends by. */
function base(key: string, folder: string): string {
  const source = `read_parquet(${literal(`${folder}/**/*.parquet`)}, hive_partitioning = true)`;
  const ofKey = key === '*' ? '' : ` AND coalesce(system_type, '') = ${literal(key)}`;
  return `WITH rows AS (
  SELECT epoch_ms(starttime) AS t0, session_duration AS d, system_type
  FROM ${source}
  WHERE starttime IS NOT NULL
),
horizon AS (SELECT max(t0) + CAST(31 AS BIGINT) * 86400000 AS h FROM rows),
s AS (SELECT t0, d FROM rows WHERE true${ofKey}),
-- Sessions that occupy time: [t0, t1), t1 clamped to the horizon.
occ AS (SELECT t0, least(t0 + CAST(round(d * 1000) AS BIGINT), h) AS t1 FROM s, horizon WHERE d > 0)`;
}

/**
 * The timeline: per minute [m, m + 60 s), the most sessions open at any instant in it, from the first
 * start's minute to the last (clamped) end's minute of every system type. What is open at the
 * minute's first instant (every earlier event, and those at that instant), or after any later instant
 * in it (at an instant ends come first, so the count in between never exceeds the larger of before
 * and after).
 */
const TIMELINE = `bounds AS (
  SELECT CAST(floor(min(t0) / 60000) AS BIGINT) AS m0,
    greatest(CAST(floor(max(t0) / 60000) AS BIGINT),
      coalesce(max(CASE WHEN d > 0 THEN CAST(floor((least(t0 + CAST(round(d * 1000) AS BIGINT), h) - 1) / 60000) AS BIGINT) END), 0)) AS m1
  FROM rows, horizon
),
minutes AS (SELECT unnest(range(m0, m1 + 1)) AS m FROM bounds),
events AS (SELECT t0 AS t, 1 AS delta FROM occ UNION ALL SELECT t1 AS t, -1 AS delta FROM occ),
instants AS (SELECT t, sum(sum(delta)) OVER (ORDER BY t ROWS UNBOUNDED PRECEDING) AS open FROM events GROUP BY t),
inside AS (SELECT CAST(floor(t / 60000) AS BIGINT) AS m, max(open) AS top FROM instants GROUP BY 1),
deltas AS (
  SELECT CAST(floor(t / 60000) AS BIGINT) AS m, sum(delta) AS d, sum(CASE WHEN t % 60000 = 0 THEN delta ELSE 0 END) AS at_start
  FROM events GROUP BY 1
),
line AS (
  SELECT minutes.m,
    greatest(
      coalesce(sum(deltas.d) OVER (ORDER BY minutes.m ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) + coalesce(deltas.at_start, 0),
      coalesce(inside.top, 0)
    ) AS open
  FROM minutes LEFT JOIN deltas ON deltas.m = minutes.m LEFT JOIN inside ON inside.m = minutes.m
)`;

/** The SQL of one figure of `key` ("*": every system type), reading the export in `folder`. */
export function sqlFor(figure: SqlFigure, key: string, folder: string = EXPORT_FOLDER): string {
  const head = `-- Frame Admin: ${figure} of ${key === '*' ? 'all system types' : `system type ${key}`}, report clock.\n${base(key, folder)}`;
  switch (figure) {
    case 'peak_concurrency':
      // A running sum over starts (+1) and ends (-1), ends first at an instant; its first maximum.
      return `${head},
events AS (SELECT t0 AS t, 1 AS delta FROM occ UNION ALL SELECT t1 AS t, -1 AS delta FROM occ),
running AS (SELECT t, sum(delta) OVER (ORDER BY t, delta ROWS UNBOUNDED PRECEDING) AS open FROM events)
SELECT open AS peak_concurrency, strftime(epoch_ms(t), '%Y-%m-%d %H:%M:%S') AS peak_at
FROM running ORDER BY open DESC, t ASC LIMIT 1;`;
    case 'concurrency_timeline':
      return `${head},
${TIMELINE}
SELECT strftime(epoch_ms(m * 60000), '%Y-%m-%d %H:%M') AS minute, open AS most_open FROM line ORDER BY m;`;
    case 'p95_concurrency':
      // Nearest rank over every minute of the timeline, idle minutes included.
      return `${head},
${TIMELINE},
ranked AS (SELECT open, row_number() OVER (ORDER BY open) AS rn, count(*) OVER () AS total FROM line)
SELECT open AS p95_concurrency FROM ranked WHERE rn = greatest(1, CAST(ceil(0.95 * total) AS BIGINT));`;
    case 'max_arrivals_2min':
      // Starts per clock-aligned 2-minute bucket floor(epoch seconds / 120); the first fullest one.
      return `${head},
buckets AS (SELECT CAST(floor(t0 / 120000) AS BIGINT) AS b, count(*) AS n FROM s GROUP BY 1)
SELECT n AS max_arrivals_2min, strftime(epoch_ms(b * 120000), '%Y-%m-%d %H:%M:%S') AS max_arrivals_at
FROM buckets ORDER BY n DESC, b ASC LIMIT 1;`;
    case 'p95_arrivals_2min_busy':
      // Every 2-minute bucket of the busy hours (empty ones too), then the nearest-rank 95th percentile.
      return `${head},
hours AS (SELECT CAST(floor(t0 / 3600000) AS BIGINT) AS hr, count(*) AS n FROM s GROUP BY 1),
busy AS (SELECT hr FROM hours WHERE n >= ${BUSY_HOUR_SHARE} * (SELECT max(n) FROM hours)),
slots AS (SELECT hr * 30 + j AS b FROM busy CROSS JOIN range(30) AS r(j)),
arrivals AS (SELECT CAST(floor(t0 / 120000) AS BIGINT) AS b, count(*) AS n FROM s GROUP BY 1),
ranked AS (
  SELECT coalesce(arrivals.n, 0) AS n, row_number() OVER (ORDER BY coalesce(arrivals.n, 0)) AS rn, count(*) OVER () AS total
  FROM slots LEFT JOIN arrivals ON arrivals.b = slots.b
)
SELECT (SELECT count(*) FROM busy) AS busy_hours,
  coalesce((SELECT n FROM ranked WHERE rn = greatest(1, CAST(ceil(0.95 * total) AS BIGINT))), 0) AS p95_arrivals_2min_busy;`;
    case 'session_hours_by_day':
      // Each session split at the clock's midnights.
      return `${head},
days AS (SELECT t0, t1, unnest(range(CAST(floor(t0 / 86400000) AS BIGINT), CAST(floor((t1 - 1) / 86400000) AS BIGINT) + 1)) AS day FROM occ)
SELECT strftime(epoch_ms(day * 86400000), '%Y-%m-%d') AS day,
  sum(least(t1, (day + 1) * 86400000) - greatest(t0, day * 86400000)) / 3600000.0 AS session_hours
FROM days GROUP BY days.day ORDER BY days.day;`;
    case 'sessions_by_hour_weekday':
      // ISO weekday (1 = Monday) and hour of each start.
      return `${head}
SELECT isodow(epoch_ms(t0)) AS weekday, hour(epoch_ms(t0)) AS hour, count(*) AS starts
FROM s GROUP BY 1, 2 ORDER BY 1, 2;`;
  }
}
