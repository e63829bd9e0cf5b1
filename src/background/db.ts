import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { ChainHead } from '../core/audit/chain';
import type { AuditRecord } from '../core/audit/types';

/**
 * THE IndexedDB module: every store Sigilo keeps lives in this one database,
 * opened once per worker (memoised) with a typed schema and numbered migrations.
 * Add a store or index by appending a migration; never edit a released one
 * (test/unit/audit/db-migrations.test.ts opens each version in turn).
 */
export const DB_NAME = 'sigilo';

/** A batch reserved for upload: persisted BEFORE sending so a restart re-sends the same batchId. */
export interface OutboxRow {
  batchId: string;
  firstSeq: number;
  lastSeq: number;
  createdAt: string;
  attempts: number;
}

/** Small named values; each key has one fixed type (see MetaMap). */
export interface MetaMap {
  /** Last record appended: the chain head. */
  head: ChainHead;
  /** The last pruned record (seq 0 / genesis until the first prune): stored records chain from it. */
  anchor: ChainHead;
  /** Every record with seq <= this was acknowledged by the collector. */
  uploadedThrough: number;
  installId: string;
  /** Per-install HMAC key for fingerprints. Leaves the background only sealed to the collector's escrow key. */
  installFingerprintKey: string;
  /** Per-install ECDSA P-256 key pair signing uploads; the private key is non-extractable. */
  installSigningKey: CryptoKeyPair;
  /** Highest chain head the collector acknowledged (uploads and heartbeats). */
  reportedHeadSeq: number;
}
export type MetaKey = keyof MetaMap;

export interface SigiloDB extends DBSchema {
  records: {
    key: number;
    value: AuditRecord;
    indexes: { 'by-id': string; 'by-requestedAt': string };
  };
  meta: { key: MetaKey; value: MetaMap[MetaKey] };
  outbox: { key: string; value: OutboxRow };
}

type UpgradeTx = IDBPTransaction<SigiloDB, ArrayLike<StoreNames<SigiloDB>>, 'versionchange'>;
type Migration = (db: IDBPDatabase<SigiloDB>, tx: UpgradeTx) => void;

/** MIGRATIONS[n - 1] upgrades version n - 1 to n. */
export const MIGRATIONS: readonly Migration[] = [
  // v1: the hash-chained records (keyed by seq, so key order is chain order) and meta.
  (db) => {
    const records = db.createObjectStore('records', { keyPath: 'seq' });
    records.createIndex('by-id', 'id', { unique: true });
    db.createObjectStore('meta');
  },
  // v2: the upload outbox, and a time index for the anomaly guard and the review page's range filter.
  (db, tx) => {
    db.createObjectStore('outbox', { keyPath: 'batchId' });
    tx.objectStore('records').createIndex('by-requestedAt', 'requestedAt');
  },
];

export const DB_VERSION = MIGRATIONS.length;

export type SigiloDatabase = IDBPDatabase<SigiloDB>;

const opened = new Map<string, Promise<SigiloDatabase>>();

/** Open (once) and upgrade the database. `upTo` exists for migration tests only. */
export function openSigiloDB(name = DB_NAME, upTo = DB_VERSION): Promise<SigiloDatabase> {
  const key = `${name}@${upTo}`;
  let promise = opened.get(key);
  if (!promise) {
    promise = openDB<SigiloDB>(name, upTo, {
      upgrade(db, oldVersion, newVersion, tx) {
        for (let v = oldVersion + 1; v <= (newVersion ?? upTo); v++) MIGRATIONS[v - 1]!(db, tx);
      },
      // Another context wants a newer version (an update): let it, and reopen next time.
      blocking() {
        opened.delete(key);
        void promise?.then((db) => db.close());
      },
      terminated() {
        opened.delete(key);
      },
    });
    // A failed open must not be cached: the next call retries.
    promise.catch(() => opened.delete(key));
    opened.set(key, promise);
  }
  return promise;
}

/** Forget cached connections (tests, and after deleting the database). */
export async function closeSigiloDB(): Promise<void> {
  const all = [...opened.values()];
  opened.clear();
  for (const p of all) (await p.catch(() => null))?.close();
}

type MetaTx<Mode extends IDBTransactionMode> = IDBPTransaction<
  SigiloDB,
  ArrayLike<StoreNames<SigiloDB>>,
  Mode
>;

/** Typed read of a meta value, from the database or inside a transaction that includes "meta". */
export async function getMeta<K extends MetaKey, Names extends ArrayLike<StoreNames<SigiloDB>>>(
  source: SigiloDatabase | IDBPTransaction<SigiloDB, Names, IDBTransactionMode>,
  key: K,
): Promise<MetaMap[K] | undefined> {
  const value =
    'objectStore' in source
      ? await (source as MetaTx<IDBTransactionMode>).objectStore('meta').get(key)
      : await source.get('meta', key);
  return value as MetaMap[K] | undefined;
}

export function putMeta<K extends MetaKey, Names extends ArrayLike<StoreNames<SigiloDB>>>(
  tx: IDBPTransaction<SigiloDB, Names, 'readwrite'>,
  key: K,
  value: MetaMap[K],
): Promise<MetaKey> {
  return (tx as unknown as MetaTx<'readwrite'>).objectStore('meta').put(value, key);
}
