/**
 * Row orders for the sessions table: a radix argsort (stable, NaN last), k-way merges of parts
 * that are each in order, and the start order a segment carries (computed where the segment is
 * read, kept in the columnar cache) so that reopening a month does not sort it again.
 */

/**
 * Indexes of `keys` in ascending (or descending) order, NaN last either way, ties in index order:
 * a stable LSD radix sort over the keys' bits (16 bits a pass, passes where every row has the same
 * digit skipped). A comparator sort of 12 million rows takes seconds; this takes a few passes.
 * The keys are the caller's scratch copy: their bits are rewritten in place.
 */
export function argsort(keys: Float64Array, descending: boolean): Uint32Array {
  const n = keys.length;
  const sorted = alreadySorted(keys, descending);
  if (sorted) return sorted;
  // Known values first (in index order), NaN after them.
  let idx = new Uint32Array(n);
  let known = 0;
  for (let i = 0; i < n; i++) if (keys[i] === keys[i]) idx[known++] = i;
  let nan = known;
  for (let i = 0; i < n; i++) if (keys[i] !== keys[i]) idx[nan++] = i;
  const byInteger = integerArgsort(keys, idx, known, descending);
  if (byInteger) return byInteger;
  // Each key as an unsigned 64-bit pattern that orders like the number: flip the sign bit of
  // positives, every bit of negatives; for descending, invert it all. Computed in place, over the
  // keys' own bits (the keys are this sort's own copy), so no second pair of arrays is needed.
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1]!;
    let l = bits[2 * i]!;
    if (keys[i] === 0) {
      h = 0; // -0 and 0 are equal
      l = 0;
    } else if (keys[i] !== keys[i]) {
      continue; // NaN rows are already last
    }
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else {
      h |= 0x80000000;
    }
    if (descending) {
      h = ~h;
      l = ~l;
    }
    bits[2 * i + 1] = h >>> 0;
    bits[2 * i] = l >>> 0;
  }
  let tmp = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const hiWord = pass < 2 ? 0 : 1;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let k = 0; k < known; k++) count[(bits[2 * idx[k]! + hiWord]! >>> shift) & 0xffff]!++;
    let distinct = 0;
    for (let d = 0; d < 65536 && distinct < 2; d++) if (count[d]! > 0) distinct++;
    if (distinct < 2) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < known; k++) {
      const i = idx[k]!;
      tmp[count[(bits[2 * i + hiWord]! >>> shift) & 0xffff]!++] = i;
    }
    for (let k = known; k < n; k++) tmp[k] = idx[k]!;
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  return idx;
}

/**
 * The order of keys that are already in ascending order without NaN (a month's start times
 * usually are): the identity, or for descending the reverse with each run of equal keys put back
 * in index order. One pass; undefined when the keys are not in order.
 */
function alreadySorted(keys: Float64Array, descending: boolean): Uint32Array | undefined {
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (k !== k || (i > 0 && k < keys[i - 1]!)) return undefined;
  }
  const idx = new Uint32Array(n);
  if (!descending) {
    for (let i = 0; i < n; i++) idx[i] = i;
    return idx;
  }
  let at = 0;
  for (let end = n; end > 0;) {
    let start = end - 1;
    while (start > 0 && keys[start - 1] === keys[end - 1]) start--;
    for (let i = start; i < end; i++) idx[at++] = i;
    end = start;
  }
  return idx;
}

/** Whether a column is in ascending order with no unknown (NaN) value. */
export function isAscending(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v !== v || (i > 0 && v < a[i - 1]!)) return false;
  }
  return true;
}

/**
 * Table row order of runs (parts) that are each ascending: a k-way merge (ties by row order, as
 * the sort's contract says), reading the parts' own columns; descending walks each run backwards.
 */
export function mergeRuns(runs: readonly ArrayLike<number>[], descending: boolean): Uint32Array {
  const first: number[] = [];
  let total = 0;
  for (const r of runs) {
    first.push(total);
    total += r.length;
  }
  const out = new Uint32Array(total);
  const k = runs.length;
  // Per run, the next position to take (descending: from the end, ties taken in row order).
  const pos = runs.map((r) => (descending ? r.length - 1 : 0));
  let n = 0;
  // With a dozen runs a linear scan for the best head is as fast as a heap.
  const heads = new Float64Array(k);
  const live = new Uint8Array(k);
  for (let j = 0; j < k; j++) {
    live[j] = runs[j]!.length > 0 ? 1 : 0;
    if (live[j]) heads[j] = runs[j]![pos[j]!]!;
  }
  while (n < total) {
    let best = -1;
    for (let j = 0; j < k; j++) {
      if (!live[j]) continue;
      if (best < 0 || (descending ? heads[j]! > heads[best]! : heads[j]! < heads[best]!)) best = j;
    }
    const r = runs[best]!;
    if (!descending) {
      out[n++] = first[best]! + pos[best]!;
      pos[best]!++;
      if (pos[best]! < r.length) heads[best] = r[pos[best]!]!;
      else live[best] = 0;
    } else {
      // The whole run of equal values at the end, in row order.
      const end = pos[best]!;
      const start = tieStart(r, end);
      for (let i = start; i <= end; i++) out[n++] = first[best]! + i;
      pos[best] = start - 1;
      if (start > 0) heads[best] = r[start - 1]!;
      else live[best] = 0;
    }
  }
  return out;
}

/** First index of the run of values equal to a[end] that ends at `end` (a is ascending). */
function tieStart(a: ArrayLike<number>, end: number): number {
  let s = end;
  while (s > 0 && a[s - 1] === a[end]) s--;
  return s;
}

/**
 * argsort's shortcut for integer keys less than 2^32 apart (epoch milliseconds within a month):
 * each key as a 32-bit offset from the smallest (from the largest when descending), two 16-bit
 * passes instead of four. `idx` holds the known rows then the NaN rows, both in index order.
 * Undefined when the keys are not such integers.
 */
function integerArgsort(keys: Float64Array, idx: Uint32Array, known: number, descending: boolean): Uint32Array | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < known; k++) {
    const v = keys[idx[k]!]!;
    if (v !== Math.floor(v)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max - min <= 0xffffffff)) return undefined;
  const n = idx.length;
  const rel = new Uint32Array(n);
  for (let k = 0; k < known; k++) {
    const i = idx[k]!;
    rel[i] = descending ? max - keys[i]! : keys[i]! - min;
  }
  let from: Uint32Array = idx;
  let to: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let k = 0; k < known; k++) count[(rel[from[k]!]! >>> shift) & 0xffff]!++;
    let distinct = 0;
    for (let d = 0; d < 65536 && distinct < 2; d++) if (count[d]! > 0) distinct++;
    if (distinct < 2) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < known; k++) {
      const i = from[k]!;
      to[count[(rel[i]! >>> shift) & 0xffff]!++] = i;
    }
    for (let k = known; k < n; k++) to[k] = from[k]!;
    const t = from;
    from = to;
    to = t;
  }
  return from;
}

/**
 * Row indexes of a segment newest first, the table's default view: descending start, ties and
 * then unknown (NaN) starts in row order (what argsort gives descending).
 */
export function newestFirstOf(start: Float64Array): Uint32Array {
  return argsort(Float64Array.from(start), true);
}

/**
 * Whether `order` is a permutation of `rows` rows: as long, every index in range, none twice. A
 * stored order is untrusted input (the cache folder may hold anything): one that fails this is
 * computed again. (Whether it is sorted is not checked: that costs a random read per row, and
 * the entry's checksums already hold; a permutation, sorted or not, is all the table relies on.)
 */
export function isPermutation(order: Uint32Array, rows: number): boolean {
  if (order.length !== rows) return false;
  const seen = new Uint8Array(rows);
  for (let k = 0; k < rows; k++) {
    const i = order[k]!;
    if (i >= rows || seen[i]) return false;
    seen[i] = 1;
  }
  return true;
}

/** A part to merge: its start column and its rows newest first (`newestFirstOf`). */
export interface OrderedRun {
  keys: Float64Array;
  order: Uint32Array;
}

/**
 * Table row order of parts each with its rows newest first (`newestFirstOf`), by start
 * descending or ascending: a k-way merge through the orders (ties by table row order, unknown
 * starts last in table row order), walking each order forwards for newest first and backwards,
 * a run of equal starts at a time, for oldest first: the order argsort gives over all the parts.
 * With one part, newest first is a copy: no start is even read.
 */
export function mergeOrders(runs: readonly OrderedRun[], descending: boolean): Uint32Array {
  const k = runs.length;
  const first = new Float64Array(k);
  const known = new Float64Array(k);
  let total = 0;
  runs.forEach(({ keys, order }, j) => {
    first[j] = total;
    total += order.length;
    let m = order.length;
    while (m > 0 && Number.isNaN(keys[order[m - 1]!]!)) m--;
    known[j] = m;
  });
  const out = new Uint32Array(total);
  let n = 0;
  if (k === 1) n = descending ? copyKnown(runs[0]!.order, known[0]!, out) : reverseGroups(runs[0]!, known[0]!, out);
  else n = mergeKnown(runs, first, known, descending, out);
  runs.forEach(({ order }, j) => {
    const base = first[j]!;
    for (let i = known[j]!; i < order.length; i++) out[n++] = base + order[i]!;
  });
  return out;
}

function copyKnown(order: Uint32Array, known: number, out: Uint32Array): number {
  out.set(order.subarray(0, known));
  return known;
}

/** One part, oldest first: its order backwards, each run of equal starts kept in row order. */
function reverseGroups({ keys, order }: OrderedRun, known: number, out: Uint32Array): number {
  let n = 0;
  let end = known - 1;
  while (end >= 0) {
    const v = keys[order[end]!]!;
    let start = end;
    while (start > 0 && keys[order[start - 1]!] === v) start--;
    for (let i = start; i <= end; i++) out[n++] = order[i]!;
    end = start - 1;
  }
  return n;
}

/** The known starts of several parts merged (with a dozen parts a linear scan for the best head is as fast as a heap). */
function mergeKnown(runs: readonly OrderedRun[], first: Float64Array, known: Float64Array, descending: boolean, out: Uint32Array): number {
  const k = runs.length;
  const pos = new Float64Array(k);
  const heads = new Float64Array(k);
  const live = new Uint8Array(k);
  let left = 0;
  for (let j = 0; j < k; j++) {
    const { keys, order } = runs[j]!;
    left += known[j]!;
    pos[j] = descending ? 0 : known[j]! - 1;
    live[j] = known[j]! > 0 ? 1 : 0;
    if (live[j]) heads[j] = keys[order[pos[j]!]!]!;
  }
  let n = 0;
  while (left > 0) {
    let best = -1;
    for (let j = 0; j < k; j++) {
      if (!live[j]) continue;
      if (best < 0 || (descending ? heads[j]! > heads[best]! : heads[j]! < heads[best]!)) best = j;
    }
    const { keys, order } = runs[best]!;
    const base = first[best]!;
    if (descending) {
      const p = pos[best]!;
      out[n++] = base + order[p]!;
      left--;
      pos[best] = p + 1;
      if (p + 1 < known[best]!) heads[best] = keys[order[p + 1]!]!;
      else live[best] = 0;
    } else {
      // The run of equal starts at this end, in row order (the order keeps ties in row order).
      const end = pos[best]!;
      const v = keys[order[end]!]!;
      let start = end;
      while (start > 0 && keys[order[start - 1]!] === v) start--;
      for (let i = start; i <= end; i++) out[n++] = base + order[i]!;
      left -= end - start + 1;
      pos[best] = start - 1;
      if (start > 0) heads[best] = keys[order[start - 1]!]!;
      else live[best] = 0;
    }
  }
  return n;
}
