import type { AuditRecord } from '../core/audit/types';
import type {
  EventIntegrity,
  Facets,
  InstallSummary,
  IntegrityFinding,
  StoredEvent,
  VolumeRow,
} from './store/types';

/**
 * JSON shapes of the collector's HTTP API, shared by the server and its web UI
 * (type-only imports: the UI bundle carries none of the server code).
 */
export type { EventIntegrity, Facets, InstallSummary, IntegrityFinding, StoredEvent, VolumeRow };

export interface ApiError {
  error: string;
  /** Human-readable, names the field or the rule; never echoes a submitted value. */
  reason: string;
}

export interface IngestResponse {
  ok: true;
  batchId: string;
  duplicateBatch: boolean;
  accepted: number;
  duplicates: number;
  findings: { kind: IntegrityFinding['kind']; seq: number; toSeq: number }[];
}

export interface SessionInfo {
  username: string;
  csrfToken: string;
  /** Whether SIGILO_FINGERPRINT_KEY is set (the data-subject report needs it). */
  subjectReportAvailable: boolean;
}

export interface EventsResponse {
  total: number;
  events: StoredEvent[];
}

export interface VolumeResponse {
  bucket: 'hour' | 'day';
  rows: VolumeRow[];
}

export interface IntegrityResponse {
  installs: InstallSummary[];
  findings: IntegrityFinding[];
}

export interface AnomaliesResponse {
  /** Anomaly records, flagged reveals (e.g. over-limit) and refused reveals. */
  events: StoredEvent[];
  /** Agent-hours far above the team's usual hourly volume (see review/volume-spikes.ts). */
  spikes: { agentId: string; bucket: string; count: number; median: number }[];
}

export interface SubjectReportResponse {
  /** Matches of the typed value, keyed by the organisation's key. */
  events: StoredEvent[];
  /** Reveals fingerprinted with a per-install key (no organisation key in the policy then): they cannot be matched. */
  unmatchableEvents: number;
}

export type { AuditRecord };
