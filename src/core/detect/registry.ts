import { cardDetector } from './card';
import { cnpjDetector } from './cnpj';
import { cpfDetector } from './cpf';
import type { Detector } from './detector';
import { emailDetector } from './email';
import { phoneDetector } from './phone';
import { DETECTOR_TYPES, type DetectorType } from './types';

/** Every detector, in the order the scanner runs them at a group (order only matters for ties). */
export const DETECTORS: readonly Detector[] = [
  cpfDetector,
  cnpjDetector,
  cardDetector,
  phoneDetector,
  emailDetector,
];

/** Detectors of the enabled types, split by how the scanner triggers them. */
export interface DetectorSet {
  digits: readonly Detector[];
  upper: readonly Detector[];
  label: readonly Detector[];
  text: readonly Detector[];
}

function build(types: readonly DetectorType[] | undefined): DetectorSet {
  const on = new Set<DetectorType>(types ?? DETECTOR_TYPES);
  const pick = (t: Detector['trigger']) => DETECTORS.filter((d) => d.trigger === t && on.has(d.type));
  return { digits: pick('digits'), upper: pick('upper'), label: pick('label'), text: pick('text') };
}

const ALL = build(undefined);
const cache = new Map<string, DetectorSet>();

/** Cached per distinct `types` list so filtering costs nothing per scan. */
export function detectorSet(types: readonly DetectorType[] | undefined): DetectorSet {
  if (!types) return ALL;
  const key = types.join(',');
  let set = cache.get(key);
  if (!set) {
    set = build(types);
    if (cache.size > 64) cache.clear();
    cache.set(key, set);
  }
  return set;
}
