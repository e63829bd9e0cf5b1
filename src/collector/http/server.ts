import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openEscrow } from '../../core/audit/escrow';
import { fingerprint } from '../../core/audit/fingerprint';
import type { EscrowBox } from '../../core/audit/types';
import { scan } from '../../core/detect/scanner';
import type { Raw, Route, RouteMap, SessionInfo } from '../api-types';
import type { EscrowKeys } from '../auth/escrow-key';
import type { OidcClient } from '../auth/oidc';
import { hashPassword, verifyPassword } from '../auth/password';
import { sha256, tokenAllowed } from '../auth/tokens';
import type { CollectorConfig } from '../config';
import { csvHeader, csvRow, ndjsonRow } from '../export-format';
import { ingestBatch } from '../ingest/ingest-batch';
import { validateBatch } from '../ingest/validate-batch';
import type { Logger } from '../ops/log';
import { silentLogger } from '../ops/log';
import type { CollectorMetrics } from '../ops/metrics';
import { RateLimiter } from '../ops/rate-limit';
import { volumeSpikes } from '../review/volume-spikes';
import { verifyAccessLog } from '../store/access-chain';
import type { AccessEntry, ActiveSession, CollectorStore, Role, StoredEvent } from '../store/types';
import { parseBucket, parseFilter, parseGroup, parsePage } from './filters';
import { isReleasePath, serveReleaseFile } from './release-files';
import { HttpError, readJson, securityHeaders, sendError, sendJson } from './respond';
import {
  checkCsrf,
  checkOrigin,
  currentSession,
  endSession,
  readCookie,
  requireSession,
  type SessionCookieOptions,
  startSession,
} from './sessions';
import { serveStatic } from './static';

export interface CollectorServerOptions {
  config: Pick<
    CollectorConfig,
    | 'ingestTokens'
    | 'fingerprintKey'
    | 'maxBodyBytes'
    | 'allowUnsigned'
    | 'cookieSecure'
    | 'ingestRatePerMinute'
  >;
  store: CollectorStore;
  /** Folder of the built review UI (index.html + assets/). */
  uiDir: string;
  log?: Logger;
  metrics?: CollectorMetrics;
  escrow?: EscrowKeys | null;
  oidc?: OidcClient | null;
  /** Folder of `npm run package` output served under /extension/ (SIGILO_RELEASE_DIR). */
  releaseDir?: string | null;
}

export const SUPERVISOR = 'supervisor';
const LOGIN_BODY_LIMIT = 4 * 1024;
const EXPORT_PAGE = 1000;
/** The data-subject report lists at most this many events and says when it was cut. */
export const SUBJECT_REPORT_LIMIT = 1000;
/** The integrity overview shows at most this many findings per install; the rest are paged per install. */
export const FINDINGS_PER_INSTALL = 20;
/** The first screen lists at most this many events that need a look (the Anomalies tab has them all). */
export const OVERVIEW_ATTENTION = 20;
const SSO_COOKIE = 'sigilo_sso';
const FINGERPRINT_CHUNK = 5_000;
const SSO_FLOW_MINUTES = 10;

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

type Handlers = { [R in Route]: (ctx: Ctx) => Promise<RouteMap[R]['response']> };

const RAW: Raw = { raw: true };

export interface CollectorServer extends Server {
  /** Stop accepting, let in-flight requests (uploads) finish, then close. */
  drain(timeoutMs?: number): Promise<void>;
}

export function createCollectorServer(options: CollectorServerOptions): CollectorServer {
  const { store, config } = options;
  const log = options.log ?? silentLogger;
  const metrics = options.metrics;
  const limiter = new RateLimiter(config.ingestRatePerMinute ?? 0);
  const cookie: SessionCookieOptions = { forceSecure: config.cookieSecure === true };

  const audit = (
    actor: string,
    action: string,
    detail: Record<string, string | number | boolean | null> = {},
  ) => store.appendAccess({ at: new Date().toISOString(), actor, action, detail: JSON.stringify(detail) });

  const sessionInfo = (session: ActiveSession): SessionInfo => ({
    username: session.username,
    role: session.role,
    csrfToken: session.csrfToken,
    auditor: session.role === 'auditor',
    subjectReportAvailable: Boolean(options.escrow || config.fingerprintKey),
    sso: Boolean(options.oidc),
  });

  const requireRole = async (req: IncomingMessage, role: Role): Promise<ActiveSession> => {
    const session = await requireSession(store, req);
    if (role === 'auditor' && session.role !== 'auditor') {
      throw new HttpError(403, 'forbidden', 'this needs the auditor role');
    }
    return session;
  };

  const refuse: (status: number, code: string, reason: string) => never = (status, code, reason) => {
    metrics?.refusals.inc({ reason: code });
    metrics?.batches.inc({ result: 'refused' });
    throw new HttpError(status, code, reason);
  };

  const handlers: Handlers = {
    'POST /api/v1/events': async ({ req, res }) => {
      const auth = req.headers.authorization;
      let tokenValid = false;
      if (auth !== undefined) {
        const match = /^Bearer\s+(\S{1,512})$/i.exec(auth);
        if (!match || !tokenAllowed(match[1] as string, config.ingestTokens)) {
          res.setHeader('WWW-Authenticate', 'Bearer');
          refuse(401, 'bad-token', 'a valid bearer token is required (Authorization: Bearer <token>)');
        }
        tokenValid = true;
      }
      const body = await readJson(req, config.maxBodyBytes);
      const checked = validateBatch(body);
      if (!checked.ok) refuse(422, 'invalid-batch', `${checked.path} ${checked.reason}`);
      const batch = checked.batch;
      if (!tokenValid && !batch.auth?.signature) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        refuse(401, 'bad-token', 'a valid bearer token or an install signature is required');
      }
      // The budget follows the credential that speaks: a signed batch is its install's
      // (the whole fleet shares one token), an unsigned one its token's.
      const credential = batch.auth?.signature
        ? `install:${batch.installId}`
        : `token:${sha256(/^Bearer\s+(\S+)$/i.exec(auth ?? '')?.[1] ?? '').toString('hex')}`;
      const wait = limiter.take(credential);
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        refuse(429, 'rate-limited', 'too many uploads with this credential; retry later');
      }
      const result = await ingestBatch(store, batch, {
        tokenValid,
        requireSignature: config.allowUnsigned !== true,
      });
      for (const f of result.findings) metrics?.findings.inc({ kind: f.kind });
      if (result.refused) {
        log('warn', 'upload refused', { reason: result.refused.code, findings: result.findings.length });
        refuse(result.refused.status, result.refused.code, result.refused.reason);
      }
      metrics?.batches.inc({ result: result.duplicateBatch ? 'duplicate' : 'stored' });
      metrics?.events.inc({ result: 'accepted' }, result.accepted);
      metrics?.events.inc({ result: 'duplicate' }, result.duplicates);
      return {
        ok: true,
        batchId: batch.batchId,
        lastSeq: batch.events.reduce((m, e) => Math.max(m, e.seq), 0),
        duplicateBatch: result.duplicateBatch,
        accepted: result.accepted,
        duplicates: result.duplicates,
        findings: result.findings.map((f) => ({ kind: f.kind, seq: f.seq, toSeq: f.toSeq })),
      };
    },
    'GET /api/v1/enrolment': async () => ({
      escrowPublicKey: options.escrow?.publicKey ?? null,
      signaturesRequired: config.allowUnsigned !== true,
    }),
    'GET /api/v1/login-options': async () => ({ sso: Boolean(options.oidc) }),
    'POST /api/v1/login': async ({ req, res }) => {
      checkOrigin(req);
      const body = (await readJson(req, LOGIN_BODY_LIMIT)) as {
        username?: unknown;
        password?: unknown;
      } | null;
      const username = typeof body?.username === 'string' ? body.username.trim().slice(0, 128) : '';
      const password = typeof body?.password === 'string' ? body.password : '';
      if (!username || !password) throw new HttpError(401, 'bad-credentials', 'wrong user name or password');
      const gate = await store.takeLoginAttempt(username, new Date());
      if (!gate.allowed) {
        await audit(username, 'login-refused', { reason: 'backing-off' });
        throw new HttpError(
          429,
          'too-many-attempts',
          'too many failed logins for this account; wait and retry',
        );
      }
      const account = await store.getAccount(username);
      // Unknown, disabled and SSO-only names cost one scrypt too, so timing does not tell them apart.
      const usable = account !== null && !account.disabled && account.passwordHash !== null;
      const checked = await verifyPassword(
        password,
        usable ? (account.passwordHash as string) : await dummyHash(),
      );
      const ok = usable && checked;
      if (!ok || !account) {
        await audit(username, 'login-failed');
        throw new HttpError(401, 'bad-credentials', 'wrong user name or password');
      }
      await store.loginSucceeded(username);
      const session = await startSession(store, req, res, account.username, cookie);
      await audit(username, 'login', { method: 'password', role: account.role });
      return sessionInfo({ ...session, role: account.role });
    },
    'GET /api/v1/session': async ({ req }) => sessionInfo(await requireSession(store, req)),
    'POST /api/v1/logout': async ({ req, res }) => {
      const session = await currentSession(store, req);
      if (session) checkCsrf(req, session);
      await endSession(store, req, res);
      if (session) await audit(session.username, 'logout');
      return { ok: true };
    },
    'GET /api/v1/events': async ({ req, url }) => {
      await requireSession(store, req);
      return store.queryEvents(parseFilter(url.searchParams), parsePage(url.searchParams));
    },
    'GET /api/v1/facets': async ({ req }) => {
      await requireSession(store, req);
      return store.facets();
    },
    'GET /api/v1/volume': async ({ req, url }) => {
      await requireSession(store, req);
      const bucket = parseBucket(url.searchParams);
      return { bucket, rows: await store.volume(parseFilter(url.searchParams), bucket) };
    },
    'GET /api/v1/reveals': async ({ req, url }) => {
      await requireSession(store, req);
      return store.reveals(parseFilter(url.searchParams), parsePage(url.searchParams));
    },
    'GET /api/v1/series': async ({ req, url }) => {
      await requireSession(store, req);
      const group = parseGroup(url.searchParams);
      return { group, rows: await store.series(parseFilter(url.searchParams), group) };
    },
    'GET /api/v1/overview': async ({ req, url }) => {
      await requireSession(store, req);
      const filter = parseFilter(url.searchParams);
      // The viewer's midnight comes from the browser (only it knows the viewer's zone); a day back otherwise.
      if (!filter.from) filter.from = new Date(Date.now() - 86_400_000).toISOString();
      const attention = await store.queryEvents(
        { ...filter, anomalous: true },
        { offset: 0, limit: OVERVIEW_ATTENTION },
      );
      return {
        ...(await store.overview(filter)),
        from: filter.from,
        attention: attention.events,
        attentionTotal: attention.total,
      };
    },
    'GET /api/v1/anomalies': async ({ req, url }) => {
      await requireSession(store, req);
      const filter = { ...parseFilter(url.searchParams), anomalous: true };
      return {
        events: (await store.queryEvents(filter, parsePage(url.searchParams))).events,
        spikes: volumeSpikes(
          await store.volume({ ...parseFilter(url.searchParams), type: 'reveal' }, 'hour'),
        ),
      };
    },
    'GET /api/v1/integrity': async ({ req }) => {
      await requireSession(store, req);
      const page = await store.findings(null, { offset: 0, limit: 500 }, FINDINGS_PER_INSTALL);
      return { installs: await store.installs(), findings: page.findings, findingsTotal: page.total };
    },
    'GET /api/v1/integrity/findings': async ({ req, url }) => {
      await requireSession(store, req);
      const install = url.searchParams.get('install')?.trim();
      if (!install) throw new HttpError(400, 'bad-filter', 'install: required');
      return store.findings(install, parsePage(url.searchParams, 500));
    },
    // POST, not GET: the typed value must never appear in a URL, an access log or browser history.
    'POST /api/v1/subject-report': async ({ req }) => {
      const session = await requireRole(req, 'auditor');
      checkCsrf(req, session);
      const body = (await readJson(req, LOGIN_BODY_LIMIT)) as { value?: unknown } | null;
      const value = typeof body?.value === 'string' ? body.value.trim() : '';
      if (!value) throw new HttpError(400, 'value-required', 'value: type the value to look for');
      if (!options.escrow && !config.fingerprintKey) {
        throw new HttpError(
          409,
          'fingerprint-key-missing',
          'SIGILO_ESCROW_PRIVATE_KEY is not set on the collector, so values cannot be matched',
        );
      }
      // Each install's key is opened in memory for this report only, then dropped.
      const prints = new Set<string>();
      if (options.escrow) {
        for (const { installId, escrow } of await store.escrows()) {
          const key = await openWithAny(
            JSON.parse(escrow) as EscrowBox,
            options.escrow.privateKeys,
            installId,
          );
          if (key) prints.add(await fingerprint(key, value));
          else log('warn', 'escrow box did not open', { install: installId });
        }
      }
      if (config.fingerprintKey) prints.add(await fingerprint(config.fingerprintKey, value));
      const matched = await matchFingerprints([...prints]);
      // Install-keyed reveals whose key the collector does not hold (no escrow box, or no escrow key).
      const unmatchable = (
        await store.queryEvents(
          { fingerprintKeyId: 'install', type: 'reveal', ...(options.escrow ? { withoutEscrow: true } : {}) },
          { offset: 0, limit: 0 },
        )
      ).total;
      // Who looked, when, for what kind of value and how much was found: never the value.
      const kind = scan(value)[0]?.type ?? 'unknown';
      await audit(session.username, 'subject-report', {
        kind,
        matches: matched.total,
        truncated: matched.total > SUBJECT_REPORT_LIMIT,
      });
      return {
        events: matched.events,
        total: matched.total,
        truncated: matched.total > matched.events.length,
        limit: SUBJECT_REPORT_LIMIT,
        unmatchableEvents: unmatchable,
      };
    },
    'GET /api/v1/access-log': async ({ req, url }) => {
      await requireRole(req, 'auditor');
      const page = await store.accessLog(parsePage(url.searchParams));
      return { ...page, verification: verifyAccessLog(await allAccess()) };
    },
    'GET /api/v1/access-log/export': async ({ req, res }) => {
      const session = await requireRole(req, 'auditor');
      await audit(session.username, 'access-log-export');
      const entries = await allAccess();
      download(res, 'ndjson', 'sigilo-access-log');
      for (const entry of entries) res.write(`${JSON.stringify(entry)}\n`);
      res.end();
      return RAW;
    },
    'GET /api/v1/export': async ({ req, res, url }) => {
      const session = await requireSession(store, req);
      const format = url.searchParams.get('format') ?? 'ndjson';
      if (format !== 'csv' && format !== 'ndjson')
        throw new HttpError(400, 'bad-format', 'format: must be csv or ndjson');
      const filter = parseFilter(url.searchParams);
      await audit(session.username, 'export', { format, filtered: Object.keys(filter).length > 0 });
      download(res, format, 'sigilo-events');
      if (format === 'csv') res.write(csvHeader());
      // Oldest pages may shift if uploads land meanwhile; offset paging over a
      // newest-first order can then repeat a row, which SIEMs dedupe by id.
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const page = await store.queryEvents(filter, { offset, limit: EXPORT_PAGE });
        for (const event of page.events) res.write(format === 'csv' ? csvRow(event) : ndjsonRow(event));
        if (page.events.length < EXPORT_PAGE) break;
      }
      res.end();
      return RAW;
    },
    'GET /api/v1/sso/login': async ({ req, res }) => {
      const client = options.oidc;
      if (!client) throw new HttpError(404, 'sso-disabled', 'single sign-on is not configured');
      const redirectUri = client.settings.redirectUrl ?? `${publicOrigin(req, cookie)}/api/v1/sso/callback`;
      const { url, flow } = await client.start(redirectUri);
      await store.putSsoFlow(flow, new Date(Date.now() + SSO_FLOW_MINUTES * 60_000).toISOString());
      // Lax: the provider's redirect back is a cross-site top-level navigation.
      res.setHeader(
        'Set-Cookie',
        `${SSO_COOKIE}=${flow.state}; Path=/api/v1/sso; HttpOnly; SameSite=Lax; Max-Age=${SSO_FLOW_MINUTES * 60}${secureSuffix(req, cookie)}`,
      );
      redirect(res, url.href);
      return RAW;
    },
    'GET /api/v1/sso/callback': async ({ req, res, url }) => {
      const client = options.oidc;
      if (!client) throw new HttpError(404, 'sso-disabled', 'single sign-on is not configured');
      const state = url.searchParams.get('state') ?? '';
      // The flow must have started in this browser (login CSRF).
      if (!state || readCookie(req, SSO_COOKIE) !== state) {
        throw new HttpError(400, 'sso-state', 'the sign-in did not start in this browser; start again');
      }
      const flow = await store.takeSsoFlow(state, new Date().toISOString());
      if (!flow) throw new HttpError(400, 'sso-state', 'this sign-in expired or was used; start again');
      const current = new URL(flow.redirectUri);
      current.search = url.search;
      let identity: Awaited<ReturnType<OidcClient['finish']>>;
      try {
        identity = await client.finish(current, flow);
      } catch (error) {
        await audit('sso', 'login-failed', {
          method: 'oidc',
          error: error instanceof Error ? error.name : 'unknown',
        });
        throw new HttpError(401, 'sso-failed', 'the identity provider did not confirm this sign-in');
      }
      if (!identity.role) {
        await audit(identity.username, 'login-failed', { method: 'oidc', reason: 'no-role' });
        throw new HttpError(
          403,
          'sso-no-role',
          'your account has neither the supervisor nor the auditor role',
        );
      }
      const existing = await store.getAccount(identity.username);
      if (existing?.disabled) {
        await audit(identity.username, 'login-failed', { method: 'oidc', reason: 'disabled' });
        throw new HttpError(403, 'account-disabled', 'this account is disabled on the collector');
      }
      await store.putAccount({
        username: identity.username,
        role: identity.role,
        passwordHash: null,
        source: 'oidc',
      });
      res.setHeader('Set-Cookie', `${SSO_COOKIE}=; Path=/api/v1/sso; HttpOnly; SameSite=Lax; Max-Age=0`);
      await startSession(store, req, res, identity.username, cookie);
      await audit(identity.username, 'login', { method: 'oidc', role: identity.role });
      redirect(res, '/');
      return RAW;
    },
    'GET /healthz': async ({ res }) => {
      try {
        await store.ping();
        return { ok: true, store: store.kind };
      } catch {
        res.statusCode = 503;
        throw new HttpError(503, 'database-unreachable', 'the database did not answer');
      }
    },
    'GET /metrics': async ({ res }) => {
      if (!metrics) throw new HttpError(404, 'not-found', 'metrics are off');
      const text = await metrics.registry.metrics();
      res.statusCode = 200;
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.end(text);
      return RAW;
    },
  };

  /**
   * One fingerprint per install: asked in chunks (SQLite allows ~32k bound values),
   * each chunk's newest events merged into the newest overall.
   */
  async function matchFingerprints(prints: string[]): Promise<{ total: number; events: StoredEvent[] }> {
    let total = 0;
    let events: StoredEvent[] = [];
    for (let i = 0; i < prints.length || i === 0; i += FINGERPRINT_CHUNK) {
      const page = await store.queryEvents(
        { fingerprints: prints.slice(i, i + FINGERPRINT_CHUNK) },
        { offset: 0, limit: SUBJECT_REPORT_LIMIT },
      );
      total += page.total;
      events = [...events, ...page.events]
        .sort((a, b) =>
          a.record.requestedAt === b.record.requestedAt
            ? b.record.id.localeCompare(a.record.id)
            : b.record.requestedAt.localeCompare(a.record.requestedAt),
        )
        .slice(0, SUBJECT_REPORT_LIMIT);
    }
    return { total, events };
  }

  async function allAccess(): Promise<AccessEntry[]> {
    const out: AccessEntry[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await store.accessLog({ offset, limit: 1000 });
      out.push(...page.entries);
      if (page.entries.length < 1000) return out;
    }
  }

  const routes = new Map<string, (ctx: Ctx) => Promise<unknown>>(Object.entries(handlers));
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const key = `${req.method} ${url.pathname}`;
    const handler = routes.get(key);
    inFlight++;
    res.on('close', () => {
      inFlight--;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = handler ? key : 'other';
      metrics?.latency.observe({ route, status: String(res.statusCode) }, seconds);
      log('info', 'request', {
        method: req.method ?? '',
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
      });
      if (draining && inFlight === 0) idle?.();
    });
    if (draining) res.setHeader('Connection', 'close');
    // Uploads come from the extension's service worker; with a bearer token or a
    // signature and no cookies, allowing any origin exposes nothing.
    if (url.pathname === '/api/v1/events' || url.pathname === '/api/v1/enrolment') {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Max-Age', '600');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
    }
    const run: Promise<unknown> = handler
      ? handler({ req, res, url }).then((body) => {
          if (body !== RAW && !res.headersSent) sendJson(res, res.statusCode === 503 ? 503 : 200, body);
        })
      : req.method === 'GET' && isReleasePath(url.pathname)
        ? serveReleaseFile(options.releaseDir, url.pathname, res)
        : req.method === 'GET' && !url.pathname.startsWith('/api/')
          ? serveStatic(options.uiDir, url.pathname, res)
          : Promise.reject(
              routes.has(`GET ${url.pathname}`) || routes.has(`POST ${url.pathname}`)
                ? new HttpError(405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}`)
                : new HttpError(404, 'not-found', `no such endpoint: ${url.pathname}`),
            );
    run.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        if (error.status === 413) res.setHeader('Connection', 'close');
        sendError(res, error.status, error.code, error.reason);
        if (error.status === 413) req.resume();
        return;
      }
      // Never the error's text: a database error can quote the values it was given.
      log('error', 'request failed', {
        route: handler ? key : 'other',
        error: error instanceof Error ? error.name : 'unknown',
      });
      sendError(res, 500, 'internal', 'the collector failed to handle this request; nothing was stored');
    });
  }) as CollectorServer;
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.drain = async (timeoutMs = 10_000) => {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => {
          idle = resolve;
        }),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    }
    server.closeAllConnections();
    await closed;
  };
  return server;
}

/** A box sealed to any of the keys (the current one, or one kept from before a rotation). */
async function openWithAny(
  box: EscrowBox,
  keys: readonly CryptoKey[],
  installId: string,
): Promise<string | null> {
  for (const key of keys) {
    try {
      return await openEscrow(box, key, installId);
    } catch {
      // Not this key: try the next.
    }
  }
  return null;
}

let dummy: Promise<string> | null = null;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword('sigilo: no such account');
  return dummy;
}

function download(res: ServerResponse, format: 'csv' | 'ndjson', name: string): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  res.statusCode = 200;
  res.setHeader(
    'Content-Type',
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${name}-${stamp}.${format}"`);
  res.setHeader('Cache-Control', 'no-store');
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}

function isHttps(req: IncomingMessage, cookie: SessionCookieOptions): boolean {
  return (
    cookie.forceSecure ||
    (req.socket as { encrypted?: boolean }).encrypted === true ||
    (req.headers['x-forwarded-proto'] ?? '').toString().split(',')[0]?.trim() === 'https'
  );
}

function secureSuffix(req: IncomingMessage, cookie: SessionCookieOptions): string {
  return isHttps(req, cookie) ? '; Secure' : '';
}

function publicOrigin(req: IncomingMessage, cookie: SessionCookieOptions): string {
  return `${isHttps(req, cookie) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
