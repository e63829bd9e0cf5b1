import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fingerprint } from '../../core/audit/fingerprint';
import type {
  AnomaliesResponse,
  EventsResponse,
  IngestResponse,
  IntegrityResponse,
  SessionInfo,
  SubjectReportResponse,
  VolumeResponse,
} from '../api-types';
import { verifyPassword } from '../auth/password';
import { tokenAllowed } from '../auth/tokens';
import type { CollectorConfig } from '../config';
import { csvHeader, csvRow, ndjsonRow } from '../export-format';
import { ingestBatch } from '../ingest/ingest-batch';
import { validateBatch } from '../ingest/validate-batch';
import { volumeSpikes } from '../review/volume-spikes';
import type { CollectorStore } from '../store/types';
import { parseBucket, parseFilter, parsePage } from './filters';
import { isReleasePath, serveReleaseFile } from './release-files';
import { HttpError, readJson, securityHeaders, sendError, sendJson } from './respond';
import { checkCsrf, checkOrigin, currentSession, endSession, requireSession, startSession } from './sessions';
import { serveStatic } from './static';

export interface CollectorServerOptions {
  config: Pick<CollectorConfig, 'ingestTokens' | 'fingerprintKey' | 'maxBodyBytes'>;
  store: CollectorStore;
  /** Folder of the built review UI (index.html + assets/). */
  uiDir: string;
  /** Access log line sink: method, path (no query string) and status only. */
  log?: (line: string) => void;
  /** Folder of `npm run package` output served under /extension/ (SIGILO_RELEASE_DIR). */
  releaseDir?: string | null;
}

export const SUPERVISOR = 'supervisor';
const LOGIN_BODY_LIMIT = 4 * 1024;
const LOGIN_FAILURES_ALLOWED = 10;
const LOGIN_WINDOW_MS = 5 * 60_000;
const EXPORT_PAGE = 1000;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function createCollectorServer(options: CollectorServerOptions): Server {
  const { store, config } = options;
  const failures = new Map<string, { count: number; since: number }>();

  const ingest: Handler = async (req, res) => {
    const auth = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S{1,512})$/i.exec(auth);
    if (config.ingestTokens.length === 0) {
      throw new HttpError(401, 'ingest-disabled', 'uploads are refused: SIGILO_INGEST_TOKENS is not set');
    }
    if (!match || !tokenAllowed(match[1] as string, config.ingestTokens)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new HttpError(
        401,
        'bad-token',
        'a valid bearer token is required (Authorization: Bearer <token>)',
      );
    }
    const body = await readJson(req, config.maxBodyBytes);
    const checked = validateBatch(body);
    if (!checked.ok) throw new HttpError(422, 'invalid-batch', `${checked.path} ${checked.reason}`);
    const result = await ingestBatch(store, checked.batch);
    const response: IngestResponse = {
      ok: true,
      batchId: checked.batch.batchId,
      duplicateBatch: result.duplicateBatch,
      accepted: result.accepted,
      duplicates: result.duplicates,
      findings: result.findings.map((f) => ({ kind: f.kind, seq: f.seq, toSeq: f.toSeq })),
    };
    sendJson(res, 200, response);
  };

  const login: Handler = async (req, res) => {
    checkOrigin(req);
    const who = req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const record = failures.get(who);
    if (record && now - record.since < LOGIN_WINDOW_MS && record.count >= LOGIN_FAILURES_ALLOWED) {
      throw new HttpError(429, 'too-many-attempts', 'too many failed logins; wait 5 minutes');
    }
    const body = (await readJson(req, LOGIN_BODY_LIMIT)) as { username?: unknown; password?: unknown } | null;
    const username = typeof body?.username === 'string' ? body.username : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    const user = username && password ? await store.getUser(username) : null;
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      const fresh = !record || now - record.since >= LOGIN_WINDOW_MS;
      failures.set(who, {
        count: fresh ? 1 : (record?.count ?? 0) + 1,
        since: fresh ? now : (record?.since ?? now),
      });
      throw new HttpError(401, 'bad-credentials', 'wrong user name or password');
    }
    failures.delete(who);
    const session = await startSession(store, req, res, user.username);
    sendJson(res, 200, sessionInfo(session.username, session.csrfToken));
  };

  const sessionInfo = (username: string, csrfToken: string): SessionInfo => ({
    username,
    csrfToken,
    subjectReportAvailable: Boolean(config.fingerprintKey),
  });

  const routes: Record<string, Handler> = {
    'POST /api/v1/events': ingest,
    'POST /api/v1/login': login,
    'GET /api/v1/session': async (req, res) => {
      const session = await requireSession(store, req);
      sendJson(res, 200, sessionInfo(session.username, session.csrfToken));
    },
    'POST /api/v1/logout': async (req, res) => {
      const session = await currentSession(store, req);
      if (session) checkCsrf(req, session);
      await endSession(store, req, res);
      sendJson(res, 200, { ok: true });
    },
    'GET /api/v1/events': async (req, res, url) => {
      await requireSession(store, req);
      const body: EventsResponse = await store.queryEvents(
        parseFilter(url.searchParams),
        parsePage(url.searchParams),
      );
      sendJson(res, 200, body);
    },
    'GET /api/v1/facets': async (req, res) => {
      await requireSession(store, req);
      sendJson(res, 200, await store.facets());
    },
    'GET /api/v1/volume': async (req, res, url) => {
      await requireSession(store, req);
      const bucket = parseBucket(url.searchParams);
      const body: VolumeResponse = {
        bucket,
        rows: await store.volume(parseFilter(url.searchParams), bucket),
      };
      sendJson(res, 200, body);
    },
    'GET /api/v1/anomalies': async (req, res, url) => {
      await requireSession(store, req);
      const filter = { ...parseFilter(url.searchParams), anomalous: true };
      const body: AnomaliesResponse = {
        events: (await store.queryEvents(filter, parsePage(url.searchParams))).events,
        spikes: volumeSpikes(
          await store.volume({ ...parseFilter(url.searchParams), type: 'reveal' }, 'hour'),
        ),
      };
      sendJson(res, 200, body);
    },
    'GET /api/v1/integrity': async (req, res) => {
      await requireSession(store, req);
      const body: IntegrityResponse = {
        installs: await store.installs(),
        findings: await store.findings(null, 500),
      };
      sendJson(res, 200, body);
    },
    // POST, not GET: the typed value must never appear in a URL, an access log or browser history.
    'POST /api/v1/subject-report': async (req, res) => {
      const session = await requireSession(store, req);
      checkCsrf(req, session);
      const body = (await readJson(req, LOGIN_BODY_LIMIT)) as { value?: unknown } | null;
      const value = typeof body?.value === 'string' ? body.value.trim() : '';
      if (!value) throw new HttpError(400, 'value-required', 'value: type the value to look for');
      if (!config.fingerprintKey) {
        throw new HttpError(
          409,
          'fingerprint-key-missing',
          'SIGILO_FINGERPRINT_KEY is not set on the collector, so values cannot be matched',
        );
      }
      const fp = await fingerprint(config.fingerprintKey, value);
      const matched = await store.queryEvents(
        { fingerprint: fp, fingerprintKeyId: 'policy' },
        { offset: 0, limit: 1000 },
      );
      const unmatchable = await store.queryEvents(
        { fingerprintKeyId: 'install', type: 'reveal' },
        { offset: 0, limit: 0 },
      );
      const response: SubjectReportResponse = {
        events: matched.events,
        unmatchableEvents: unmatchable.total,
      };
      // Who looked, when and how much was found: accountability for supervisors too (never the value).
      options.log?.(`subject-report by ${session.username}: ${matched.total} matching events`);
      sendJson(res, 200, response);
    },
    'GET /api/v1/export': async (req, res, url) => {
      await requireSession(store, req);
      const format = url.searchParams.get('format') ?? 'ndjson';
      if (format !== 'csv' && format !== 'ndjson')
        throw new HttpError(400, 'bad-format', 'format: must be csv or ndjson');
      const filter = parseFilter(url.searchParams);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      res.statusCode = 200;
      res.setHeader(
        'Content-Type',
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      );
      res.setHeader('Content-Disposition', `attachment; filename="sigilo-events-${stamp}.${format}"`);
      res.setHeader('Cache-Control', 'no-store');
      if (format === 'csv') res.write(csvHeader());
      // Oldest pages may shift if uploads land meanwhile; offset paging over a
      // newest-first order can then repeat a row, which SIEMs dedupe by id.
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const page = await store.queryEvents(filter, { offset, limit: EXPORT_PAGE });
        for (const event of page.events) res.write(format === 'csv' ? csvRow(event) : ndjsonRow(event));
        if (page.events.length < EXPORT_PAGE) break;
      }
      res.end();
    },
    'GET /healthz': async (_req, res) => {
      sendJson(res, 200, { ok: true, store: store.kind });
    },
  };

  const releaseFiles: Handler = (_req, res, url) => serveReleaseFile(options.releaseDir, url.pathname, res);

  const server = createServer((req, res) => {
    const started = Date.now();
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    res.on('finish', () =>
      options.log?.(`${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms`),
    );
    // Uploads come from the extension's service worker; with a bearer token and
    // no cookies, allowing any origin exposes nothing.
    if (url.pathname === '/api/v1/events') {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Max-Age', '600');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
    }
    const handler =
      routes[`${req.method} ${url.pathname}`] ??
      (req.method === 'GET' && isReleasePath(url.pathname) ? releaseFiles : undefined);
    const run: Promise<void> = handler
      ? handler(req, res, url)
      : req.method === 'GET' && !url.pathname.startsWith('/api/')
        ? serveStatic(options.uiDir, url.pathname, res)
        : Promise.reject(
            routes[`GET ${url.pathname}`] || routes[`POST ${url.pathname}`]
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
      options.log?.(
        `error in ${req.method} ${url.pathname}: ${error instanceof Error ? error.name : 'unknown'}`,
      );
      sendError(res, 500, 'internal', 'the collector failed to handle this request; nothing was stored');
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  return server;
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
