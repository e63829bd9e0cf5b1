import type { ContextCache } from './context';
import type { Sequence } from './sequence';
import type { DetectorType } from './types';

/** Candidate matches collected during one scan, in reusable typed arrays. */
export class Candidates {
  count = 0;
  start = new Int32Array(32);
  end = new Int32Array(32);
  type: DetectorType[] = [];
  confidence = new Float64Array(32);

  reset(): void {
    this.count = 0;
  }

  add(start: number, end: number, type: DetectorType, confidence: number): void {
    if (confidence < MIN_CONFIDENCE) return;
    const k = this.count;
    if (k === this.start.length) {
      const grow32 = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow32(this.start);
      this.end = grow32(this.end);
      const c = new Float64Array(this.confidence.length * 2);
      c.set(this.confidence);
      this.confidence = c;
    }
    this.start[k] = start;
    this.end[k] = end;
    this.type[k] = type;
    this.confidence[k] = Math.min(confidence, 0.99);
    this.count = k + 1;
  }
}

/** Below this a candidate is noise: detectors do not report it at all. */
export const MIN_CONFIDENCE = 0.5;

export interface ScanState {
  text: string;
  ctx: ContextCache;
  out: Candidates;
}

/**
 * A detector. `atGroup` runs for each group that can start its value (see `trigger`);
 * `scanText` runs once over the whole text for formats that are not digit groups (e-mail, IPv6).
 */
export interface Detector {
  type: DetectorType;
  /**
   * Which groups start a value: 'digits' (group has a digit), 'upper' (digits/upper-case letters only),
   * 'label' (a letters-only label word, see labels.ts), 'text' (uses scanText only).
   */
  trigger: 'digits' | 'upper' | 'label' | 'text';
  /** Lengths the first group of a value can have (a per-length dispatch table skips the rest). */
  firstLengths?: readonly number[];
  /** True when a value may hold fewer than 8 digits (the scanner skips the others for short numbers). */
  short?: boolean;
  atGroup?(seq: Sequence, i: number, st: ScanState): void;
  scanText?(text: string, st: ScanState): void;
}

/** Confidence after positive context: context makes a checked value near-certain. */
export function boosted(base: number): number {
  const v = base + 0.25;
  return v < 0.95 ? 0.95 : Math.min(v, 0.99);
}

/** Confidence after negative context (an order/ticket/version number nearby). */
export function penalised(base: number): number {
  return base - 0.4;
}
