import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { HttpError } from './respond';

/** URL prefix of the release folder: policies point at `<collector>/extension/updates.xml`. */
export const RELEASE_PREFIX = '/extension/';

// What `npm run package` writes; nothing else in the folder is ever served.
const TYPES: [RegExp, string][] = [
  [/^updates\.xml$/, 'application/xml; charset=utf-8'],
  [/^updates\.json$/, 'application/json; charset=utf-8'],
  [/^SHA256SUMS$/, 'text/plain; charset=utf-8'],
  [/^sigilo-[\d.]+\.crx$/, 'application/x-chrome-extension'],
  [/^sigilo-[\d.]+-firefox\.xpi$/, 'application/x-xpinstall'],
  [/^sigilo-[\d.]+-chrome\.zip$/, 'application/zip'],
];

export function isReleasePath(pathname: string): boolean {
  return pathname.startsWith(RELEASE_PREFIX);
}

/**
 * Serves the release folder (SIGILO_RELEASE_DIR), so the collector is the whole
 * back end of a deployment: browsers fetch the update manifests and packages
 * from it. The manifests are re-validated on every check (a new release must
 * be seen at once); versioned packages never change and are cached for good.
 */
export async function serveReleaseFile(
  releaseDir: string | null | undefined,
  pathname: string,
  res: ServerResponse,
): Promise<void> {
  if (!releaseDir) {
    throw new HttpError(404, 'release-not-configured', 'no release folder: SIGILO_RELEASE_DIR is not set');
  }
  const name = pathname.slice(RELEASE_PREFIX.length);
  const type = TYPES.find(([pattern]) => pattern.test(name))?.[1];
  if (!type) throw new HttpError(404, 'not-found', 'no such release file');
  let content: Buffer;
  try {
    content = await readFile(path.join(releaseDir, name));
  } catch {
    throw new HttpError(404, 'not-found', 'no such release file');
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', content.length);
  res.setHeader(
    'Cache-Control',
    /^(updates\.|SHA256SUMS)/.test(name) ? 'no-cache' : 'public, max-age=31536000, immutable',
  );
  // Fetched by the browsers' updaters, not by pages; nothing secret.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  if (name.endsWith('.crx') || name.endsWith('.xpi') || name.endsWith('.zip'))
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.end(content);
}
