"""pandas baseline for bench/csv.ts: read_csv + groupby computing the same aggregates as
SessionAggregator, printed as one JSON line in bench/summary.ts's shape.
Usage: python3 bench/pandas_aggregate.py <file.csv>"""
import json
import os
import resource
import sys
import time

import numpy as np
import pandas as pd

TOP_N = 10
USED = {"username", "application", "country", "region", "starttime", "session_duration", "avg_latency", "avg_bandwidth",
        "avg_framerate"}


def nearest_rank(values, q):
    # Same definition as QuantileSketch: the ceil(q*n)-th smallest value.
    return None if len(values) == 0 else float(np.quantile(values, q, method="inverted_cdf"))


def top(df, column):
    g = df.groupby(column, sort=False).agg(sessions=("seconds", "size"), seconds=("seconds", "sum")).reset_index()
    g = g.sort_values(["sessions", column], ascending=[False, True]).head(TOP_N)
    return [{"key": str(k), "sessions": int(n), "seconds": float(s)} for k, n, s in zip(g[column], g["sessions"], g["seconds"])]


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    c0 = time.process_time()
    # Idiomatic, lean read_csv: only the columns the aggregates use (as our reader), the numeric
    # ones inferred in C; empty text becomes NaN, so the grouping keys get '' back (as in the
    # TypeScript aggregation).
    df = pd.read_csv(path, encoding="utf-8", usecols=lambda c: c.strip().lower() in USED)
    df.columns = [c.strip().lower() for c in df.columns]
    for c in ("application", "username", "country", "region"):
        df[c] = df[c].fillna("").astype(str)
    duration = pd.to_numeric(df["session_duration"], errors="coerce")
    start = pd.to_datetime(df["starttime"], format="%Y-%m-%d %H:%M:%S", errors="coerce", utc=True)
    frame = pd.DataFrame({
        "application": df["application"], "username": df["username"], "country": df["country"], "region": df["region"],
        # Day as datetime64[D] (fast); formatted only for the few distinct days below.
        "seconds": duration.fillna(0.0), "day": start.dt.tz_localize(None).values.astype("datetime64[D]"),
    })
    days = frame.dropna(subset=["day"]).groupby("day").agg(sessions=("seconds", "size"), seconds=("seconds", "sum"))
    q = {}
    d = duration.dropna().to_numpy()
    q["duration_mean"] = float(d.mean()) if len(d) else None
    q["duration_p50"] = nearest_rank(d, 0.5)
    q["duration_p95"] = nearest_rank(d, 0.95)
    for name, column in (("latency", "avg_latency"), ("bandwidth", "avg_bandwidth"), ("framerate", "avg_framerate")):
        v = pd.to_numeric(df[column], errors="coerce").dropna().to_numpy()
        for p in (50, 90, 95, 99):
            q[f"{name}_p{p}"] = nearest_rank(v, p / 100)
    summary = {
        "sessions": int(len(df)),
        "undated": int(start.isna().sum()),
        "totalSeconds": float(duration.sum()),
        "uniqueUsers": int(df["username"].nunique()),
        "days": {str(day)[:10]: [int(r.sessions), float(r.seconds)] for day, r in days.iterrows()},
        "top": {
            "applications": top(frame, "application"),
            "users": top(frame, "username"),
            "countries": top(frame, "country"),
            "regions": top(frame, "region"),
        },
        "quantiles": q,
    }
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"impl": "pandas", "bytes": os.path.getsize(path), "rows": int(len(df)), "seconds": seconds, "cpuSeconds": cpu_seconds,
                      "maxRssMB": max_rss_mb, "summary": summary}))


if __name__ == "__main__":
    main()
