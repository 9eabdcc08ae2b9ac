"""The lean pandas baseline for bench/csv.ts: what a pandas user would write for the panel's main
figures, with no extra work (issue 19): read_csv of only the 5 columns needed (usecols), no NA
detection (na_filter=False), the day as the first 10 characters of starttime (no date parsing),
groupby for sessions and hours per day, application and user, and the duration's quantiles.
It computes fewer figures than pandas_aggregate.py, so it is timed, not compared.
Usage: python3 bench/pandas_lean.py <file.csv>"""
import json
import os
import resource
import sys
import time

import pandas as pd

COLUMNS = ["username", "application", "country", "starttime", "session_duration"]


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    c0 = time.process_time()
    df = pd.read_csv(path, usecols=COLUMNS, na_filter=False, dtype={"session_duration": "float64"}, engine="c")
    day = df["starttime"].str.slice(0, 10)
    seconds = df["session_duration"]
    by_day = seconds.groupby(day).agg(["size", "sum"])
    by_app = seconds.groupby(df["application"]).agg(["size", "sum"]).nlargest(10, "size")
    by_user = seconds.groupby(df["username"]).agg(["size", "sum"]).nlargest(10, "size")
    by_country = seconds.groupby(df["country"]).agg(["size", "sum"]).nlargest(10, "size")
    q = seconds.quantile([0.5, 0.95]).tolist()
    summary = {
        "sessions": int(len(df)),
        "totalSeconds": float(seconds.sum()),
        "uniqueUsers": int(df["username"].nunique()),
        "days": len(by_day),
        "topApplication": str(by_app.index[0]) if len(by_app) else None,
        "topUser": str(by_user.index[0]) if len(by_user) else None,
        "topCountry": str(by_country.index[0]) if len(by_country) else None,
        "duration_p50": q[0],
        "duration_p95": q[1],
    }
    print(json.dumps({"impl": "pandas-lean", "bytes": os.path.getsize(path), "rows": int(len(df)),
                      "seconds": time.perf_counter() - t0, "cpuSeconds": time.process_time() - c0,
                      "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "summary": summary}))


if __name__ == "__main__":
    main()
