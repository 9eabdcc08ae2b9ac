/** A benchmark section: `bench/run.ts` runs each in turn. Add new ones (e.g. HTTP) to `sections`. */
export interface BenchSection {
  /** Short id, selectable with BENCH_ONLY=name[,name]. */
  name: string;
  title: string;
  /** Prints figures through `log`; throws only on errors or disagreement, never on timings. */
  run(log: (line: string) => void): Promise<void>;
}
