/**
 * The inner loops of the capacity figures (capacity.ts): the events of each minute put in order and
 * swept once, and nearest-rank quantiles from histograms. Split from capacity.ts, which says what
 * the figures mean; these only say how they are counted fast.
 */
import { MINUTE_MS } from './clock';

/**
 * Distinct `system_type` values the sweep can tell apart. An event is one int32 below 2^30 (a small
 * integer to V8, never boxed): its time in its bucket (ms × 2 + 1 for a start) above the key's bits.
 */
export const MAX_TYPES = (1 << 13) - 1;

/**
 * How the sweep's events are laid out for `nKeys` keys: `keyBits` low bits of an event name its key,
 * the rest its time in its bucket of `bucketMinutes` minutes. An hour's bucket (ms × 2 needs 23
 * bits) keeps the placing of the events in a few hundred places a month that stay in the cache;
 * with more than 127 keys it does not fit, and the buckets are minutes (17 bits).
 */
export function eventLayout(nKeys: number): { keyBits: number; bucketMinutes: number } {
  const keyBits = Math.max(1, 32 - Math.clz32(nKeys - 1));
  return { keyBits, bucketMinutes: keyBits <= 7 ? 60 : 1 };
}

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
 * Puts a bucket's events in order into `out` (from index 0): a counting sort on the event's time
 * in 1.024-second steps (its bits above the 11 lowest of ms × 2 + kind: no division), then one
 * insertion pass for the order within a step (ends before starts at an instant, milliseconds).
 * A step holds about one event of Frame's reports, so that pass moves little. `bins` (one per step
 * of the bucket, and one more) is the caller's.
 */
function sortBucket(ev: Int32Array, from: number, to: number, keyBits: number, bins: Int32Array, out: Int32Array): void {
  const n = to - from;
  const shift = keyBits + STEP_BITS;
  if (n <= 16) {
    for (let i = 0; i < n; i++) out[i] = ev[from + i]!;
  } else {
    bins.fill(0);
    for (let i = from; i < to; i++) bins[(ev[i]! >> shift) + 1]!++;
    for (let b = 1; b < bins.length; b++) bins[b]! += bins[b - 1]!;
    for (let i = from; i < to; i++) {
      const e = ev[i]!;
      out[bins[e >> shift]!++] = e;
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

/** Bits of an event's time (ms × 2 + kind) below the counting sort's step: 2^11 = 1.024 s. */
const STEP_BITS = 11;

/**
 * The sweep over the events placed by bucket (see computeCapacity and eventLayout), in a function
 * of its own so that the engine optimizes its loop by itself. `bucketStart[b]`: where bucket b's
 * events begin (and the end of the last); bucket 0 starts at minute `firstBucketMinute`, the
 * timeline (`minutes` long) at `firstMinute`. Session hours are not counted here: they need no order.
 */
export function sweep(
  events: Int32Array,
  bucketStart: Uint32Array,
  layout: { keyBits: number; bucketMinutes: number; firstBucketMinute: number },
  firstMinute: number,
  minutes: number,
  nKeys: number,
) {
  const { keyBits, bucketMinutes, firstBucketMinute } = layout;
  const keyMask = (1 << keyBits) - 1;
  const open = new Int32Array(nKeys);
  const peak = new Int32Array(nKeys);
  const peakAt = new Float64Array(nKeys).fill(NaN);
  const timeline = Array.from({ length: nKeys }, () => new Int32Array(minutes));
  let stride = 64;
  let admitted = new Int32Array(stride * nKeys);
  const minuteMax = new Int32Array(nKeys);
  const bins = new Int32Array(((bucketMinutes * MINUTE_MS * 2) >> STEP_BITS) + 2);
  let ordered = new Int32Array(1024);
  const buckets = bucketStart.length - 1;
  for (let b = 0; b < buckets; b++) {
    const from = bucketStart[b]!;
    const n = bucketStart[b + 1]! - from;
    if (n > ordered.length) ordered = new Int32Array(2 * n);
    sortBucket(events, from, from + n, keyBits, bins, ordered);
    const bucketMinute = firstBucketMinute + b * bucketMinutes;
    let i = 0;
    for (let mm = 0; mm < bucketMinutes; mm++) {
      const m = bucketMinute + mm - firstMinute;
      if (m < 0 || m >= minutes) continue; // before the first start, after the last end: no events
      const base = (bucketMinute + mm) * MINUTE_MS;
      const minuteFrom = mm * MINUTE_MS;
      const minuteTo = minuteFrom + MINUTE_MS;
      let initialised = false;
      for (; i < n; i++) {
        const e = ordered[i]!;
        const offset = e >> (keyBits + 1);
        if (offset >= minuteTo) break;
        // The counts open at the minute's start, once the events at :00.000 are applied.
        if (!initialised && offset !== minuteFrom) {
          minuteMax.set(open);
          initialised = true;
        }
        const k = e & keyMask;
        // +1 for a start, -1 for an end, without a branch (the two come in no predictable order).
        const start = (e >> keyBits) & 1;
        const c = (open[k]! += 2 * start - 1);
        const all = (open[0]! += 2 * start - 1);
        if (c >= stride || all >= stride) {
          const wider = Math.max(stride * 2, all + 1);
          const next = new Int32Array(wider * nKeys);
          for (let kk = 0; kk < nKeys; kk++) next.set(admitted.subarray(kk * stride, (kk + 1) * stride), kk * wider);
          admitted = next;
          stride = wider;
        }
        // After an end the counts are lower than before: adding 0 and the maxima keep their values.
        admitted[k * stride + c]! += start;
        admitted[all]! += start;
        // Ends come first at an instant, so after a start the count is at most the instant's and,
        // after its last start, the instant's: checking here finds each maximum and its first instant.
        if (c > peak[k]!) {
          peak[k] = c;
          peakAt[k] = base + offset - minuteFrom;
        }
        if (all > peak[0]!) {
          peak[0] = all;
          peakAt[0] = base + offset - minuteFrom;
        }
        minuteMax[k] = Math.max(minuteMax[k]!, c);
        minuteMax[0] = Math.max(minuteMax[0]!, all);
      }
      if (!initialised) minuteMax.set(open);
      for (let k = 0; k < nKeys; k++) timeline[k]![m] = minuteMax[k]!;
    }
  }
  return { peak, peakAt, timeline, admitted, stride };
}
