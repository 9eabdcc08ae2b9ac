/**
 * Streaming statistics with memory bounded by the value range, not the row count.
 *
 * `QuantileSketch` is a DDSketch-style log histogram: bucket i holds values in (γ^(i-1), γ^i] with
 * γ = (1+α)/(1-α), so any quantile it returns is within a relative error α of the exact value at
 * that rank (α = 0.5% by default: ~1,000 buckets cover 5 s .. 1 day). Count, sum, min and max are
 * exact. Ranks follow the nearest-rank definition: the q-quantile of n values is the
 * ceil(q·n)-th smallest (q = 0 gives the minimum).
 */
import type { Percentiles } from './aggregateTypes';

/** Values closer to zero than this are counted as zero (and returned as 0). */
const MIN_INDEXABLE = 1e-9;

interface StoreState {
  offset: number;
  counts: Float64Array;
}

/** A sketch as plain data: what crosses a worker boundary and goes into the columnar cache. */
export interface SketchState {
  relativeAccuracy: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  zeros: number;
  positive: StoreState;
  negative: StoreState;
}

/** Counts per integer bucket index, in a typed array that grows in both directions. */
class DenseStore {
  private counts = new Float64Array(0);
  private offset = 0; // bucket index of counts[0]
  total = 0;

  add(index: number, n = 1): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(64);
      this.offset = index - 32;
    }
    let k = index - this.offset;
    if (k < 0 || k >= this.counts.length) {
      this.grow(index);
      k = index - this.offset;
    }
    this.counts[k] = (this.counts[k] ?? 0) + n;
    this.total += n;
  }

  mergeFrom(other: DenseStore): void {
    const c = other.counts;
    for (let k = 0; k < c.length; k++) if (c[k]! > 0) this.add(k + other.offset, c[k]!);
  }

  state(): StoreState {
    return { offset: this.offset, counts: this.counts.slice() };
  }

  static fromState(s: StoreState): DenseStore {
    const d = new DenseStore();
    d.offset = s.offset;
    d.counts = Float64Array.from(s.counts);
    d.total = d.counts.reduce((a, b) => a + b, 0);
    return d;
  }

  /** Bucket index holding the given 0-based rank, walking up (ascending) or down (descending). */
  indexAtRank(rank: number, ascending: boolean): number {
    let seen = 0;
    const len = this.counts.length;
    for (let j = 0; j < len; j++) {
      const k = ascending ? j : len - 1 - j;
      seen += this.counts[k] ?? 0;
      if (seen > rank) return k + this.offset;
    }
    return (ascending ? len - 1 : 0) + this.offset;
  }

  private grow(index: number): void {
    const lo = Math.min(this.offset, index);
    const hi = Math.max(this.offset + this.counts.length - 1, index);
    const span = hi - lo + 1;
    // Double the room, with slack on both sides, so growth is amortized.
    const size = Math.max(span + 32, this.counts.length * 2);
    const newOffset = lo - Math.floor((size - span) / 2);
    const next = new Float64Array(size);
    next.set(this.counts, this.offset - newOffset);
    this.counts = next;
    this.offset = newOffset;
  }
}

export class QuantileSketch {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  private readonly logGamma: number;
  private readonly gamma: number;
  private positive = new DenseStore();
  private negative = new DenseStore();
  private zeros = 0;
  /** Bucket index of recently seen values (reports repeat values a lot): a log saved per hit. */
  private readonly memoValue = new Float64Array(1024).fill(NaN);
  private readonly memoIndex = new Int32Array(1024);

  constructor(readonly relativeAccuracy = 0.005) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new RangeError('relativeAccuracy must be in (0, 1)');
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
  }

  /** Adds a value; non-finite values are ignored (they never reach the statistics). */
  add(v: number): void {
    if (!Number.isFinite(v)) return;
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (v > MIN_INDEXABLE) {
      const slot = ((v * 997) | 0) & 1023;
      let index: number;
      if (this.memoValue[slot] === v) {
        index = this.memoIndex[slot]!;
      } else {
        index = Math.ceil(Math.log(v) / this.logGamma);
        this.memoValue[slot] = v;
        this.memoIndex[slot] = index;
      }
      this.positive.add(index);
    } else if (v < -MIN_INDEXABLE) this.negative.add(Math.ceil(Math.log(-v) / this.logGamma));
    else this.zeros++;
  }

  /** Adds another sketch's values (same accuracy): sketches of parts give the sketch of the whole. */
  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) throw new RangeError('cannot merge sketches of different accuracy');
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.zeros += other.zeros;
    this.positive.mergeFrom(other.positive);
    this.negative.mergeFrom(other.negative);
  }

  state(): SketchState {
    return {
      relativeAccuracy: this.relativeAccuracy,
      count: this.count,
      sum: this.sum,
      min: this.min,
      max: this.max,
      zeros: this.zeros,
      positive: this.positive.state(),
      negative: this.negative.state(),
    };
  }

  static fromState(s: SketchState): QuantileSketch {
    const q = new QuantileSketch(s.relativeAccuracy);
    q.count = s.count;
    q.sum = s.sum;
    q.min = s.min;
    q.max = s.max;
    q.zeros = s.zeros;
    q.positive = DenseStore.fromState(s.positive);
    q.negative = DenseStore.fromState(s.negative);
    return q;
  }

  get mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }

  /** The q-quantile (0 ≤ q ≤ 1), within relative error α; null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    if (!(q >= 0 && q <= 1)) throw new RangeError('quantile must be in [0, 1]');
    const rank = Math.max(0, Math.ceil(q * this.count) - 1); // 0-based nearest rank
    let v: number;
    if (rank < this.negative.total) {
      // Negative values, most negative first: walk the magnitude buckets downwards.
      v = -this.valueOf(this.negative.indexAtRank(rank, false));
    } else if (rank < this.negative.total + this.zeros) {
      v = 0;
    } else {
      v = this.valueOf(this.positive.indexAtRank(rank - this.negative.total - this.zeros, true));
    }
    // The exact extremes are known: never answer outside them.
    return Math.min(this.max, Math.max(this.min, v));
  }

  private valueOf(index: number): number {
    return (2 * Math.pow(this.gamma, index)) / (this.gamma + 1);
  }
}

export type { Percentiles };

export function percentilesOf(s: QuantileSketch): Percentiles {
  return { count: s.count, mean: s.mean, p50: s.quantile(0.5), p90: s.quantile(0.9), p95: s.quantile(0.95), p99: s.quantile(0.99) };
}

/** Exact nearest-rank quantile of a sorted array (tests and small inputs). */
export function exactQuantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(0, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.min(rank, sorted.length - 1)] ?? null;
}
