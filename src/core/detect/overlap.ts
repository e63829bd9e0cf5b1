import type { Candidates } from './detector';
import type { DetectorType, Match } from './types';

// Overlapping candidates ("11987654321" as CPF and as PHONE, a phone inside a longer phone) are
// resolved per cluster of transitively overlapping spans: higher confidence wins, then the longer
// span, then the earlier one. Occupancy is tracked per character of the cluster so the work is
// proportional to the total candidate length, never quadratic in the number of candidates.

let occupied = new Uint8Array(256);
/** Indices of the kept candidates in start order (reused: a short text allocates only its matches). */
let order = new Int32Array(64);

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
  // Detectors mostly report in text order; sort only when they did not.
  let sorted = true;
  for (let q = 1; q < m && sorted; q++) {
    const a = idx[q - 1]!;
    const b = idx[q]!;
    if (S[a]! - S[b]! > 0 || (S[a] === S[b] && E[b]! - E[a]! > 0)) sorted = false;
  }
  if (!sorted) idx.set(Array.from(idx.subarray(0, m)).sort((a, b) => S[a]! - S[b]! || E[b]! - E[a]!));
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
      const members = Array.from(idx.subarray(a, b));
      members.sort((x, y) => C[y]! - C[x]! || E[y]! - S[y]! - (E[x]! - S[x]!) || S[x]! - S[y]!);
      const chosen: Match[] = [];
      for (const k of members) {
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
        chosen.push(toMatch(S[k]!, E[k]!, c.type[k]!, C[k]!));
      }
      chosen.sort((x, y) => x.start - y.start);
      for (const m of chosen) out.push(m);
    }
    a = b;
  }
  return out;
}

function toMatch(start: number, end: number, type: DetectorType, confidence: number): Match {
  return { start, end, type, confidence: Math.round(confidence * 100) / 100 };
}
