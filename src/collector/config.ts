import path from 'node:path';
import { escrowPublicKeyOf } from './auth/escrow-key';
import type { OidcSettings } from './auth/oidc';

/**
 * The collector is configured by environment only (issue 7). Names are a
 * public interface: deployment scripts use them verbatim.
 *
 * - PORT (default 8787), HOST (default 127.0.0.1: put a TLS proxy in front and
 *   set HOST=0.0.0.0 only behind it)
 * - DATABASE_URL: unset = SQLite file in SIGILO_DATA_DIR (default ./.sigilo/collector);
 *   postgres:// or postgresql:// = PostgreSQL
 * - SIGILO_INGEST_TOKENS: comma-separated bearer tokens uploads must bear
 * - SIGILO_SUPERVISOR_PASSWORD: password of the user "supervisor"
 * - SIGILO_FINGERPRINT_KEY: the organisation's fingerprint key (the policy's
 *   fingerprintKey) for records of extensions that still use it (legacy)
 * - SIGILO_ESCROW_PRIVATE_KEY: the collector's escrow private key (PKCS#8,
 *   base64url; `npm run -s collector:users -- escrow-keygen` makes one): opens
 *   the installs' fingerprint keys for the data-subject report. After a
 *   rotation: "new,old" (the first is the one installs seal to)
 * - SIGILO_ALLOW_UNSIGNED=1: enrol installs that do not sign (older extensions)
 * - SIGILO_COOKIE_SECURE=1: always mark the session cookie Secure (behind a TLS proxy)
 * - SIGILO_OIDC_ISSUER, SIGILO_OIDC_CLIENT_ID, SIGILO_OIDC_CLIENT_SECRET,
 *   SIGILO_OIDC_ROLES_CLAIM (default "roles"), SIGILO_OIDC_REDIRECT_URL
 *   (optional): single sign-on with OpenID Connect
 * - SIGILO_INGEST_RATE: requests per minute allowed per ingest credential (default 600)
 * - SIGILO_RELEASE_DIR: folder of `npm run package` output, served under /extension/
 * - SIGILO_RETENTION_DAYS: events older than this many days are pruned (unset = kept)
 */
export interface CollectorConfig {
  port: number;
  host: string;
  /** null = SQLite in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  ingestTokens: string[];
  supervisorPassword: string | null;
  fingerprintKey: string | null;
  maxBodyBytes: number;
  /** null = no extension updates served. */
  releaseDir?: string | null;
  /** null = events are kept for good. */
  retentionDays?: number | null;
  escrowPrivateKey?: string | null;
  allowUnsigned?: boolean;
  cookieSecure?: boolean;
  /** Uploads per minute per credential (token or install key); 0 = unlimited. */
  ingestRatePerMinute?: number;
  oidc?: OidcSettings | null;
}

export const DEFAULT_PORT = 8787;
/** 10,000 events of about 1 KB each fit; anything larger is refused with 413. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CollectorConfig {
  const portText = env.PORT?.trim() || String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535)
    throw new ConfigError('PORT', 'must be an integer from 0 to 65535');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL',
      'must start with postgres:// or postgresql:// (unset it for SQLite)',
    );
  }
  const ingestTokens = (env.SIGILO_INGEST_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const short = ingestTokens.find((t) => t.length < 16);
  if (short !== undefined) {
    throw new ConfigError('SIGILO_INGEST_TOKENS', 'every token must be at least 16 characters long');
  }
  const supervisorPassword = env.SIGILO_SUPERVISOR_PASSWORD || null;
  if (supervisorPassword !== null && supervisorPassword.length < 8) {
    throw new ConfigError('SIGILO_SUPERVISOR_PASSWORD', 'must be at least 8 characters long');
  }
  const releaseDir = env.SIGILO_RELEASE_DIR?.trim() ? path.resolve(cwd, env.SIGILO_RELEASE_DIR.trim()) : null;
  const retentionText = env.SIGILO_RETENTION_DAYS?.trim() || '';
  const retentionDays = retentionText ? Number(retentionText) : null;
  if (retentionText && (!/^\d+$/.test(retentionText) || (retentionDays ?? 0) < 1)) {
    throw new ConfigError(
      'SIGILO_RETENTION_DAYS',
      'must be a whole number of days >= 1 (unset = keep everything)',
    );
  }
  const escrowPrivateKey = env.SIGILO_ESCROW_PRIVATE_KEY?.trim() || null;
  if (escrowPrivateKey !== null) {
    const keys = escrowPrivateKey.split(',').map((k) => k.trim());
    if (keys.some((k) => !/^[A-Za-z0-9_-]{100,}$/.test(k) || !isEcKey(k))) {
      throw new ConfigError(
        'SIGILO_ESCROW_PRIVATE_KEY',
        'must be PKCS#8 P-256 keys in base64url, comma-separated, current first (see escrow-keygen)',
      );
    }
  }
  const rateText = env.SIGILO_INGEST_RATE?.trim() || '600';
  if (!/^\d+$/.test(rateText)) throw new ConfigError('SIGILO_INGEST_RATE', 'must be an integer >= 0');
  return {
    oidc: readOidc(env),
    escrowPrivateKey,
    allowUnsigned: flag(env.SIGILO_ALLOW_UNSIGNED),
    cookieSecure: flag(env.SIGILO_COOKIE_SECURE),
    ingestRatePerMinute: Number(rateText),
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(cwd, env.SIGILO_DATA_DIR?.trim() || '.sigilo/collector'),
    ingestTokens,
    supervisorPassword,
    fingerprintKey: env.SIGILO_FINGERPRINT_KEY || null,
    maxBodyBytes: MAX_BODY_BYTES,
    releaseDir,
    retentionDays,
  };
}

function isEcKey(pkcs8: string): boolean {
  try {
    escrowPublicKeyOf(pkcs8);
    return true;
  } catch {
    return false;
  }
}

function flag(value: string | undefined): boolean {
  return ['1', 'true', 'yes'].includes((value ?? '').trim().toLowerCase());
}

function readOidc(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = env.SIGILO_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  if (!/^https?:\/\//.test(issuer)) throw new ConfigError('SIGILO_OIDC_ISSUER', 'must be an http(s) URL');
  const clientId = env.SIGILO_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new ConfigError('SIGILO_OIDC_CLIENT_ID', 'is required when SIGILO_OIDC_ISSUER is set');
  const clientSecret = env.SIGILO_OIDC_CLIENT_SECRET?.trim();
  if (!clientSecret)
    throw new ConfigError('SIGILO_OIDC_CLIENT_SECRET', 'is required when SIGILO_OIDC_ISSUER is set');
  return {
    issuer,
    clientId,
    clientSecret,
    rolesClaim: env.SIGILO_OIDC_ROLES_CLAIM?.trim() || 'roles',
    redirectUrl: env.SIGILO_OIDC_REDIRECT_URL?.trim() || null,
  };
}
