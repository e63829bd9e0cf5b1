import type { DetectorType } from '../detect/types';

/**
 * The policy an admin pushes (managed storage) or an agent edits (local).
 * Key names are a public interface: admins' GPO/JSON files use them verbatim.
 */
export type MaskStyle = 'full' | 'partial' | 'chip';
export type OnExceed = 'refuse' | 'flag';
export type UploadFormat = 'sigilo' | 'splunk-hec';
export type LogUrlDetail = 'path' | 'origin';

export interface FieldRule {
  /** Stable id recorded as the reveal event's kind ("rule:<id>"); derived from the index when absent. */
  id: string;
  /** CSS selector of elements whose whole text/value is sensitive. */
  selector: string;
  /** A detector type, or an admin's own label (e.g. "PROTOCOLO"). */
  kind: string;
  /** Match patterns limiting the rule to some sites; all active sites when absent. */
  sites?: string[];
}

export interface Reason {
  id: string;
  /** What the agent reads; Spanish is optional (absent: the English label is shown in Spanish). */
  label: { pt: string; en: string; es?: string };
  requiresText: boolean;
}

export interface Limits {
  perHour: number;
  perFiveMinutes: number;
  onExceed: OnExceed;
}

export interface UploadSettings {
  /** https only; http allowed for localhost/127.0.0.1. Empty = no upload. */
  url: string;
  token: string;
  intervalMinutes: number;
  format: UploadFormat;
}

export interface Policy {
  sites: string[];
  excludeSites: string[];
  detectors: {
    enabled: DetectorType[];
    minConfidence: Partial<Record<DetectorType, number>>;
  };
  fieldRules: FieldRule[];
  ignoreSelectors: string[];
  maskStyle: MaskStyle;
  keepLast: number;
  revealSeconds: number;
  reasons: Reason[];
  limits: Limits;
  upload: UploadSettings;
  retentionDays: number;
  agentId: string;
  fingerprintKey: string;
  logUrl: LogUrlDetail;
}

export type PolicyKey = keyof Policy;

/** What a content script receives: no secrets (fingerprintKey, upload token) ever reach a page's process. */
export type ContentPolicy = Omit<
  Policy,
  'fingerprintKey' | 'upload' | 'agentId' | 'retentionDays' | 'limits'
>;

export interface PolicyError {
  /** Field path, e.g. "fieldRules[2].selector". */
  path: string;
  /** English text (logs, CLI). */
  message: string;
  /** The same text for extension pages, in pt and en, and in es where it exists (else en is shown). */
  text?: { pt: string; en: string; es?: string };
  source: 'managed' | 'local';
}
