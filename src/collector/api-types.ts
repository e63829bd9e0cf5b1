import type { AuditRecord, UploadBatch } from '../core/audit/types';
import type {
  AccessEntry,
  EventIntegrity,
  Facets,
  InstallSummary,
  IntegrityFinding,
  OverviewFigures,
  RevealRow,
  Role,
  SeriesGroup,
  SeriesRow,
  StoredEvent,
  VolumeRow,
} from './store/types';

/**
 * The collector's HTTP API, declared once: each route's method and path, the
 * body it takes and the JSON it answers. The server's handler table is typed
 * against RouteMap (a missing or mistyped handler fails to compile) and so is
 * the UI's client (src/collector/ui/api.ts). Type-only imports: the UI bundle
 * carries none of the server code.
 */
export type {
  AccessEntry,
  EventIntegrity,
  Facets,
  InstallSummary,
  IntegrityFinding,
  OverviewFigures,
  RevealRow,
  Role,
  SeriesGroup,
  SeriesRow,
  StoredEvent,
  VolumeRow,
};

export interface ApiError {
  error: string;
  /** Human-readable, names the field or the rule; never echoes a submitted value. */
  reason: string;
}

export interface IngestResponse {
  ok: true;
  /** The batch this answer acknowledges: the extension counts a batch delivered only when it matches. */
  batchId: string;
  /** Highest seq of the acknowledged batch (0 for a head-only heartbeat). */
  lastSeq: number;
  duplicateBatch: boolean;
  accepted: number;
  duplicates: number;
  findings: { kind: IntegrityFinding['kind']; seq: number; toSeq: number }[];
}

export interface EnrolmentInfo {
  /** SPKI DER base64url of the key installs seal their fingerprint key to; null when not configured. */
  escrowPublicKey: string | null;
  signaturesRequired: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface SessionInfo {
  username: string;
  role: Role;
  csrfToken: string;
  /** Whether this account may run data-subject reports and read the access log. */
  auditor: boolean;
  /** Whether the collector can match values at all (escrow key or organisation key set). */
  subjectReportAvailable: boolean;
  /** Whether single sign-on is configured (the login page offers it). */
  sso: boolean;
}

export interface LoginOptions {
  sso: boolean;
}

export interface OkResponse {
  ok: true;
}

export interface EventsResponse {
  total: number;
  events: StoredEvent[];
}

/** One row per reveal, its re-mask joined (refused and cancelled reveals have none). */
export interface RevealsResponse {
  total: number;
  reveals: RevealRow[];
}

export interface SeriesResponse {
  group: SeriesGroup;
  /** Hours with at least one reveal; the UI fills the empty hours with zero. */
  rows: SeriesRow[];
}

/** The first screen: figures since `from` (the viewer's midnight), anomalies first. */
export interface OverviewResponse extends OverviewFigures {
  from: string;
  /** The newest anomaly records, flagged and refused reveals since `from`. */
  attention: StoredEvent[];
  attentionTotal: number;
}

export interface VolumeResponse {
  bucket: 'hour' | 'day';
  rows: VolumeRow[];
}

export interface IntegrityResponse {
  installs: InstallSummary[];
  /** Newest findings, at most FINDINGS_PER_INSTALL of each install, so one install cannot crowd out the rest. */
  findings: IntegrityFinding[];
  findingsTotal: number;
}

export interface FindingsResponse {
  total: number;
  findings: IntegrityFinding[];
}

export interface AnomaliesResponse {
  /** Anomaly records, flagged reveals (e.g. over-limit) and refused reveals. */
  events: StoredEvent[];
  /** Agent-hours far above the team's usual hourly volume (see review/volume-spikes.ts). */
  spikes: { agentId: string; bucket: string; count: number; median: number }[];
}

export interface SubjectReportRequest {
  value: string;
}

export interface SubjectReportResponse {
  /** Matches of the typed value, across every install's key. */
  events: StoredEvent[];
  /** How many matched in all; more than `events.length` when the report was cut. */
  total: number;
  /** True when more events matched than the report lists (`limit`). */
  truncated: boolean;
  limit: number;
  /** Reveals whose fingerprint key the collector cannot open (no escrow): they cannot be matched. */
  unmatchableEvents: number;
}

export interface AccessLogResponse {
  total: number;
  entries: AccessEntry[];
  /** The whole chain checked on this request. */
  verification: { ok: boolean; entries: number; brokenAt: number | null };
}

/** A response the handler writes itself (a file download, a redirect, metrics text). */
export interface Raw {
  readonly raw: true;
}

export interface RouteMap {
  'POST /api/v1/events': { body: UploadBatch; response: IngestResponse };
  'GET /api/v1/enrolment': { body: null; response: EnrolmentInfo };
  'GET /api/v1/login-options': { body: null; response: LoginOptions };
  'POST /api/v1/login': { body: LoginRequest; response: SessionInfo };
  'GET /api/v1/session': { body: null; response: SessionInfo };
  'POST /api/v1/logout': { body: null; response: OkResponse };
  'GET /api/v1/events': { body: null; response: EventsResponse };
  'GET /api/v1/facets': { body: null; response: Facets };
  'GET /api/v1/volume': { body: null; response: VolumeResponse };
  'GET /api/v1/reveals': { body: null; response: RevealsResponse };
  'GET /api/v1/series': { body: null; response: SeriesResponse };
  'GET /api/v1/overview': { body: null; response: OverviewResponse };
  'GET /api/v1/anomalies': { body: null; response: AnomaliesResponse };
  'GET /api/v1/integrity': { body: null; response: IntegrityResponse };
  'GET /api/v1/integrity/findings': { body: null; response: FindingsResponse };
  'POST /api/v1/subject-report': { body: SubjectReportRequest; response: SubjectReportResponse };
  'GET /api/v1/access-log': { body: null; response: AccessLogResponse };
  'GET /api/v1/access-log/export': { body: null; response: Raw };
  'GET /api/v1/export': { body: null; response: Raw };
  'GET /api/v1/sso/login': { body: null; response: Raw };
  'GET /api/v1/sso/callback': { body: null; response: Raw };
  'GET /healthz': { body: null; response: { ok: boolean; store: string } };
  'GET /metrics': { body: null; response: Raw };
}

export type Route = keyof RouteMap;
export type RouteMethod<R extends Route> = R extends `${infer M} ${string}` ? M : never;
export type RoutePath<R extends Route> = R extends `${string} ${infer P}` ? P : never;

export type { AuditRecord };
