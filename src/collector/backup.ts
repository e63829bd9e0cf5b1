import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * SQLite's online backup (better-sqlite3 `backup()`): a consistent copy of the
 * collector's database taken page by page while the collector keeps serving
 * and writing (WAL mode lets this reader run beside it). The copy is a plain
 * SQLite file: restoring is putting it back as `collector.db` with the
 * collector stopped. PostgreSQL is backed up with pg_dump (docs/collector.md).
 */
export async function backupSqlite(dbFile: string, destination: string): Promise<{ pages: number }> {
  if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile}`);
  if (existsSync(destination)) throw new Error(`${destination} exists already: pick a new file name`);
  mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(destination);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}
