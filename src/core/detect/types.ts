/** Every kind of value a detector can find. Names are part of the public interface (policy, CLI, logs). */
export const DETECTOR_TYPES = [
  'CPF',
  'CNPJ',
  'CARD',
  'EMAIL',
  'PHONE',
  'CEP',
  'PIS',
  'CNH',
  'CNS',
  'RG',
  'IBAN',
  'IP',
  'SSN',
  'BANK_ACCOUNT',
  'DATE_OF_BIRTH',
  'NAME',
  'ADDRESS',
] as const;

export type DetectorType = (typeof DETECTOR_TYPES)[number];

export function isDetectorType(value: unknown): value is DetectorType {
  return typeof value === 'string' && (DETECTOR_TYPES as readonly string[]).includes(value);
}

/** A detected value: UTF-16 offsets into the scanned string, end exclusive. Confidence in [0, 1]. */
export interface Match {
  start: number;
  end: number;
  type: DetectorType;
  confidence: number;
}

export interface ScanOptions {
  /** Detectors to run; all when absent. */
  types?: readonly DetectorType[];
  /** Matches below this confidence (per type) are dropped. */
  minConfidence?: Partial<Record<DetectorType, number>>;
}
