import type { Candidates } from './detector';
import type { DetectorType, Match } from './types';

// Overlapping candidates ("11987654321" as CPF and as PHONE, a phone inside a longer phone) are
// resolved per cluster of transitively overlapping spans: higher confidence wins, then the longer
// span, then the earlier one. Occupancy is tracked per character of the cluster so the work is
// proportional to the total candidate length, never quadratic in the number of candidates.

let occupied = new Uint8Array(256);
/** Indices of the kept candidates in start order (reused: a short text allocates only its matches). */
let order = new Int32Array(64);
/** A cluster's members (positions in `order`) in rank order, and which of them won; reused. */
let ranked = new Int32Array(16);
let won = new Uint8Array(16);

// Candidates come as a few sorted runs: the tokenizer's in text order (nearly), then each
// whole-text pass's (e-mail, IPv6) in text order. A natural merge sort finds those runs and
// merges them in typed arrays: O(n log runs), stable like the library sort it replaces, and
// without Array.from + sort with a closure per scan (~3% of a dense text's profile).
let scratch = new Int32Array(64);
let runs = new Int32Array(64);

/** Must candidate a come strictly before b? By start, the longer first at the same start. */
function before(a: number, b: number, S: Int32Array, E: Int32Array): boolean {
  return S[a]! < S[b]! || (S[a] === S[b] && E[a]! > E[b]!);
}

/** Sorts idx[0, m) into start order (stable). */
function sortByStart(idx: Int32Array, m: number, S: Int32Array, E: Int32Array): void {
  if (runs.length < m + 1) {
    runs = new Int32Array(m * 2 + 1);
    scratch = new Int32Array(m * 2);
  }
  let count = 0;
  runs[count++] = 0;
  for (let q = 1; q < m; q++) if (before(idx[q]!, idx[q - 1]!, S, E)) runs[count++] = q;
  if (count === 1) return;
  let src: Int32Array = idx;
  let dst: Int32Array = scratch;
  while (count > 1) {
    let w = 0;
    for (let k = 0; k < count; k += 2) {
      const lo = runs[k]!;
      const mid = k + 1 < count ? runs[k + 1]! : m;
      const hi = k + 2 < count ? runs[k + 2]! : m;
      // Stable merge: on a tie the left run's element goes first.
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) dst[o++] = before(src[j]!, src[i]!, S, E) ? src[j++]! : src[i++]!;
      while (i < mid) dst[o++] = src[i++]!;
      while (j < hi) dst[o++] = src[j++]!;
      runs[w++] = lo;
    }
    count = w;
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== idx) idx.set(src.subarray(0, m));
}

/** Past this many moves per member a cluster's insertion sort gives way to the library sort. */
const MOVES_PER_ITEM = 8;

/** Rank order inside a cluster: higher confidence, then longer, then earlier (> 0: y first). */
function cmpRank(x: number, y: number, S: Int32Array, E: Int32Array, C: Float64Array): number {
  return C[y]! - C[x]! || E[y]! - S[y]! - (E[x]! - S[x]!) || S[x]! - S[y]!;
}

export function resolveOverlaps(c: Candidates, keep: (k: number) => boolean): Match[] {
  const out: Match[] = [];
  const n = c.count;
  if (n === 0) return out;
  if (order.length < n) order = new Int32Array(n * 2);
  let m = 0;
  for (let k = 0; k < n; k++) if (keep(k)) order[m++] = k;
  if (m === 0) return out;
  const idx = order;
  const S = c.start;
  const E = c.end;
  const C = c.confidence;
  sortByStart(idx, m, S, E);
  let a = 0;
  while (a < m) {
    let b = a + 1;
    let clusterEnd = E[idx[a]!]!;
    while (b < m && S[idx[b]!]! < clusterEnd) {
      const e = E[idx[b]!]!;
      if (e > clusterEnd) clusterEnd = e;
      b++;
    }
    if (b === a + 1) {
      const k = idx[a]!;
      out.push(toMatch(S[k]!, E[k]!, c.type[k]!, C[k]!));
    } else {
      const base = S[idx[a]!]!;
      const span = clusterEnd - base;
      if (occupied.length < span) occupied = new Uint8Array(span * 2);
      occupied.fill(0, 0, span);
      const size = b - a;
      if (ranked.length < size) {
        ranked = new Int32Array(size * 2);
        won = new Uint8Array(size * 2);
      }
      let budget = MOVES_PER_ITEM * size;
      for (let q = 0; q < size && budget >= 0; q++) {
        const kx = idx[q + a]!;
        let p = q - 1;
        while (p >= 0 && cmpRank(idx[ranked[p]!]!, kx, S, E, C) > 0) {
          ranked[p + 1] = ranked[p]!;
          p--;
          budget--;
        }
        ranked[p + 1] = q + a;
      }
      if (budget < 0) {
        const members = Array.from({ length: size }, (_, q) => q + a);
        members.sort((x, y) => cmpRank(idx[x]!, idx[y]!, S, E, C));
        ranked.set(members);
      }
      // In rank order, each candidate whose characters are all still free wins them.
      won.fill(0, 0, size);
      for (let q = 0; q < size; q++) {
        const k = idx[ranked[q]!]!;
        const s = S[k]! - base;
        const e = E[k]! - base;
        let free = true;
        for (let p = s; p < e; p++)
          if (occupied[p]) {
            free = false;
            break;
          }
        if (!free) continue;
        occupied.fill(1, s, e);
        won[ranked[q]! - a] = 1;
      }
      // Winners never overlap (spans are never empty), so start order, the order of `idx`, is
      // their output order.
      for (let q = a; q < b; q++)
        if (won[q - a] === 1) {
          const k = idx[q]!;
          out.push(toMatch(S[k]!, E[k]!, c.type[k]!, C[k]!));
        }
    }
    a = b;
  }
  return out;
}

function toMatch(start: number, end: number, type: DetectorType, confidence: number): Match {
  return { start, end, type, confidence: Math.round(confidence * 100) / 100 };
}
