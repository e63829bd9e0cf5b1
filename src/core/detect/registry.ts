import { addressDetector } from './address';
import { bankAccountDetector } from './bank-account';
import { cardDetector } from './card';
import { cepDetector } from './cep';
import { cnhDetector } from './cnh';
import { cnpjDetector } from './cnpj';
import { cnsDetector } from './cns';
import { cpfDetector } from './cpf';
import { dateOfBirthDetector } from './date-of-birth';
import type { Detector, ScanState } from './detector';
import { emailDetector } from './email';
import { ibanDetector } from './iban';
import { ipv4Detector, ipv6Detector } from './ip';
import { nameDetector } from './name';
import { phoneDetector } from './phone';
import { pisDetector } from './pis';
import { rgDetector } from './rg';
import type { Sequence } from './sequence';
import { ssnDetector } from './ssn';
import { DETECTOR_TYPES, type DetectorType } from './types';

/** Every detector (IP has two: dotted IPv4 groups and a text pass for IPv6). */
export const DETECTORS: readonly Detector[] = [
  cpfDetector,
  cnpjDetector,
  cardDetector,
  phoneDetector,
  emailDetector,
  cepDetector,
  pisDetector,
  cnhDetector,
  cnsDetector,
  rgDetector,
  ibanDetector,
  ipv4Detector,
  ipv6Detector,
  ssnDetector,
  bankAccountDetector,
  dateOfBirthDetector,
  nameDetector,
  addressDetector,
];

/** Longest first group any digit detector accepts; longer groups go to the MAX_LEN list (empty). */
export const MAX_LEN = 32;

/** A detector's `atGroup`, called as a plain function value. */
export type GroupFn = (seq: Sequence, i: number, st: ScanState) => void;

/**
 * Detectors of the enabled types, split by how the scanner triggers them. The lists hold the
 * `atGroup` functions themselves: reading `d.atGroup` from a dozen differently shaped detector
 * objects was a megamorphic property load on every call.
 */
export interface DetectorSet {
  /** Digit detectors indexed by the length of the value's first group (capped at MAX_LEN). */
  digitsByLen: readonly (readonly GroupFn[])[];
  /** The same for digit detectors whose values can have fewer than 8 digits. */
  shortByLen: readonly (readonly GroupFn[])[];
  /** 'upper' detectors that can start on an all-digit group of a given length (CNPJ; IBAN starts with letters). */
  upperNumericByLen: readonly (readonly GroupFn[])[];
  upper: readonly GroupFn[];
  label: readonly GroupFn[];
  text: readonly Detector[];
}

function build(types: readonly DetectorType[] | undefined): DetectorSet {
  const on = new Set<DetectorType>(types ?? DETECTOR_TYPES);
  const pick = (t: Detector['trigger']) => DETECTORS.filter((d) => d.trigger === t && on.has(d.type));
  const fns = (list: readonly Detector[]): GroupFn[] => list.map((d) => d.atGroup!);
  const digits = pick('digits');
  const shortDigits = digits.filter((d) => d.short === true);
  const byLen = (list: readonly Detector[]) =>
    Array.from({ length: MAX_LEN + 1 }, (_, len) =>
      fns(list.filter((d) => !d.firstLengths || d.firstLengths.includes(len))),
    );
  return {
    digitsByLen: byLen(digits),
    shortByLen: byLen(shortDigits),
    upperNumericByLen: byLen(pick('upper').filter((d) => d.firstLengths !== undefined)),
    upper: fns(pick('upper')),
    label: fns(pick('label')),
    text: pick('text'),
  };
}

const ALL = build(undefined);
const cache = new Map<string, DetectorSet>();
/**
 * Callers pass the same `types` array on every call (the content script per policy, the CLI), so
 * the set is found by identity without building a key; the copy catches an array changed since.
 */
const byArray = new WeakMap<readonly DetectorType[], { set: DetectorSet; copy: DetectorType[] }>();

function same(a: readonly DetectorType[], b: readonly DetectorType[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Cached per distinct `types` list so filtering costs nothing per scan. */
export function detectorSet(types: readonly DetectorType[] | undefined): DetectorSet {
  if (!types) return ALL;
  const known = byArray.get(types);
  if (known && same(known.copy, types)) return known.set;
  const key = types.join(',');
  let set = cache.get(key);
  if (!set) {
    set = build(types);
    if (cache.size > 64) cache.clear();
    cache.set(key, set);
  }
  byArray.set(types, { set, copy: [...types] });
  return set;
}
