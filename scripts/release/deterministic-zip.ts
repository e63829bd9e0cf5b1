import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  data: Buffer;
}

// One fixed time for every entry, built from local-time fields: the DOS date a
// zip stores is local time, so a UTC instant would give different bytes in
// different time zones. The "UT" extra field (UTC mtime) is left out for the same reason.
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

/** Every file under `dir`, as archive entries sorted by name (the file system's order is not stable). */
export function readTree(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (folder: string) => {
    for (const item of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, item.name);
      if (item.isDirectory()) walk(full);
      else if (item.isFile())
        out.push({ name: path.relative(dir, full).split(path.sep).join('/'), data: readFileSync(full) });
    }
  };
  walk(dir);
  return sortEntries(out);
}

export function sortEntries(entries: ZipEntry[]): ZipEntry[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A zip whose bytes depend only on the entries: sorted names, fixed time and
 * mode, no directory entries, deflate at a fixed level. Two builds of one
 * commit give the same file, so its SHA-256 identifies the release.
 */
export function zipEntries(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of sortEntries(entries)) {
    zip.addBuffer(entry.data, entry.name, {
      mtime: FIXED_MTIME,
      mode: FILE_MODE,
      compressionLevel: 9,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
