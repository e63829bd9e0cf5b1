import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Static server for the demo workspace: demo/dist at "/", test/fixtures/pages at
 * "/fixtures/". Plain node:http so e2e tests, `npm start` and the bench need
 * nothing else running; always 127.0.0.1, because it serves synthetic PII pages.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
export const DEMO_DIST = path.join(HERE, 'dist');
export const FIXTURE_PAGES = path.join(ROOT, 'test', 'fixtures', 'pages');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface DemoServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Overrides for tests; default demo/dist and test/fixtures/pages. */
  distDir?: string;
  fixturesDir?: string;
}

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Maps a URL path to a file under `base`, or null if it would escape it. */
function resolveInside(base: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  return target === base || target.startsWith(base + path.sep) ? target : null;
}

async function findFile(candidate: string): Promise<string | null> {
  // "/" -> index.html, "/record" -> record.html: what people type in the address bar.
  for (const file of [candidate, path.join(candidate, 'index.html'), `${candidate}.html`]) {
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) return file;
  }
  return null;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse, dist: string, fixtures: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n');
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  const [base, rest] =
    pathname === '/fixtures' || pathname.startsWith('/fixtures/')
      ? [fixtures, pathname.slice('/fixtures'.length)]
      : [dist, pathname];
  const candidate = resolveInside(base, rest || '/');
  const file = candidate && (await findFile(candidate));
  if (!file) return send(res, 404, `Not found: ${pathname}\n`);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    // Tests rebuild the demo between runs; a cached page would test the old one.
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const dist = path.resolve(opts.distDir ?? DEMO_DIST);
  const fixtures = path.resolve(opts.fixturesDir ?? FIXTURE_PAGES);
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(
      `The demo workspace is not built (${dist}/index.html is missing): run npm run build:demo`,
    );
  }
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(req, res, dist, fixtures).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

// `npm run demo`: serve on PORT (default 5179) until Ctrl+C.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 5179);
  startDemoServer({ port }).then(
    (server) => {
      console.log(`Sigilo demo workspace: ${server.url}/`);
      const stop = () => server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
