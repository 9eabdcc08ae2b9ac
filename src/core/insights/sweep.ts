/**
 * The inner loops of the capacity figures (capacity.ts): the events of each minute put in order and
 * swept once, and nearest-rank quantiles from histograms. Split from capacity.ts, which says what
 * the figures mean; these only say how they are counted fast.
 */
import { MINUTE_MS } from './clock';

/**
 * Distinct `system_type` values the sweep can tell apart: 13 bits of each event, so that an event
 * (17 bits of time in its minute, 13 of key) stays below 2^30, a small integer to V8 (no boxing).
 */
export const TYPE_BITS = 13;
export const MAX_TYPES = (1 << TYPE_BITS) - 1;
/** Nearest-rank quantile of values given as a histogram (counts[v] = how many equal v). */
export function histogramQuantile(counts: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let v = 0; v < counts.length; v++) total += counts[v]!;
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v]!;
    if (seen >= rank) return v;
  }
  return counts.length - 1;
}

export function histogramOf(values: ArrayLike<number>, from: number, to: number, into: Float64Array[], k: number): void {
  let h = into[k]!;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v >= h.length) {
      const g = new Float64Array(Math.max(v + 1, h.length * 2));
      g.set(h);
      h = into[k] = g;
    }
    h[v]!++;
  }
}

/**
 * Puts a minute's events in order into `out` (from index 0). Frame writes whole seconds, so a
 * counting sort on the second and the kind (ends before starts) puts nearly all of them in order;
 * one insertion pass then orders what milliseconds within a second left (nothing, for whole
 * seconds). A minute holds some fifty events over sixty seconds: the seconds that have any are
 * kept as bits of two words and visited in order, so the empty ones cost nothing (no pass over
 * all 120 bins). `bins` (120, all zero) is the caller's and left all zero.
 */
function sortMinute(ev: Int32Array, from: number, to: number, bins: Int32Array, out: Int32Array): void {
  const n = to - from;
  if (n <= 16) {
    for (let i = 0; i < n; i++) out[i] = ev[from + i]!;
  } else {
    bins.fill(0);
    for (let i = from; i < to; i++) bins[secondBin(ev[i]!) + 1]!++;
    for (let b = 1; b < 120; b++) bins[b]! += bins[b - 1]!;
    for (let i = from; i < to; i++) {
      const e = ev[i]!;
      out[bins[secondBin(e)]!++] = e;
    }
  }
  for (let i = 1; i < n; i++) {
    const e = out[i]!;
    let j = i - 1;
    while (j >= 0 && out[j]! > e) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = e;
  }
}

/** Second of the minute × 2 + 1 for a start: the counting sort's bin of an event. */
function secondBin(e: number): number {
  return Math.floor((e >> (TYPE_BITS + 1)) / 1000) * 2 + ((e >> TYPE_BITS) & 1);
}

/**
 * The sweep over the events placed by minute (see computeCapacity), in a function of its own so
 * that the engine optimizes its loop by itself. Session hours are not counted here (see
 * computeCapacity): they need no order.
 */
export function sweep(events: Int32Array, bucketStart: Uint32Array, minutes: number, firstMinute: number, nKeys: number) {
  const open = new Int32Array(nKeys);
  const peak = new Int32Array(nKeys);
  const peakAt = new Float64Array(nKeys).fill(NaN);
  const timeline = Array.from({ length: nKeys }, () => new Int32Array(minutes));
  let stride = 64;
  let admitted = new Float64Array(stride * nKeys);
  const minuteMax = new Int32Array(nKeys);
  const bins = new Int32Array(121);
  let ordered = new Int32Array(1024);
  for (let m = 0; m < minutes; m++) {
    const from = bucketStart[m]!;
    const to = bucketStart[m + 1]!;
    const n = to - from;
    if (n > ordered.length) ordered = new Int32Array(2 * n);
    sortMinute(events, from, to, bins, ordered);
    const base = (firstMinute + m) * MINUTE_MS;
    let initialised = false;
    for (let i = 0; i < n; i++) {
      const e = ordered[i]!;
      const offset = e >> (TYPE_BITS + 1);
      // The counts open at the minute's start, once the events at :00.000 are applied.
      if (!initialised && offset !== 0) {
        minuteMax.set(open);
        initialised = true;
      }
      const k = e & MAX_TYPES;
      if ((e >> TYPE_BITS) & 1) {
        const c = ++open[k]!;
        const all = ++open[0]!;
        if (c >= stride || all >= stride) {
          const wider = Math.max(stride * 2, all + 1);
          const next = new Float64Array(wider * nKeys);
          for (let kk = 0; kk < nKeys; kk++) next.set(admitted.subarray(kk * stride, (kk + 1) * stride), kk * wider);
          admitted = next;
          stride = wider;
        }
        admitted[k * stride + c]!++;
        admitted[all]!++;
        // Ends come first at an instant, so after a start the count is at most the instant's and,
        // after its last start, the instant's: checking here finds each maximum and its first instant.
        if (c > peak[k]!) {
          peak[k] = c;
          peakAt[k] = base + offset;
        }
        if (all > peak[0]!) {
          peak[0] = all;
          peakAt[0] = base + offset;
        }
        if (c > minuteMax[k]!) minuteMax[k] = c;
        if (all > minuteMax[0]!) minuteMax[0] = all;
      } else {
        open[k]!--;
        open[0]!--;
      }
    }
    if (!initialised) minuteMax.set(open);
    for (let k = 0; k < nKeys; k++) timeline[k]![m] = minuteMax[k]!;
  }
  return { peak, peakAt, timeline, admitted, stride };
}
