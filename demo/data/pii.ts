import type { DetectorType } from '../../src/core/detect/types';

/** A sensitive value placed on a demo page, named with the detector type that should find it. */
export interface PiiValue {
  type: DetectorType;
  value: string;
}
