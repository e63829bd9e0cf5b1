import path from 'node:path';

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
 *   fingerprintKey), needed only by the data-subject report
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
  return {
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
