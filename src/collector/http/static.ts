import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { HttpError } from './respond';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/** The built review UI: "/" is index.html, hashed files under /assets/ are cached for good. */
export async function serveStatic(uiDir: string, pathname: string, res: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(404, 'not-found', 'no such file');
  }
  const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(uiDir, relative);
  if (!file.startsWith(path.resolve(uiDir) + path.sep)) throw new HttpError(404, 'not-found', 'no such file');
  const type = TYPES[path.extname(file)];
  if (!type) throw new HttpError(404, 'not-found', 'no such file');
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    if (relative === 'index.html') {
      throw new HttpError(
        503,
        'ui-not-built',
        'the review UI is not built: run "npm run build:collector-ui"',
      );
    }
    throw new HttpError(404, 'not-found', 'no such file');
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader(
    'Cache-Control',
    relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  res.end(content);
}
