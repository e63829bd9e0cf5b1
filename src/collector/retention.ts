import { type Logger, silentLogger } from './ops/log';
import type { CollectorStore, PruneRecord } from './store/types';

/** How often the collector prunes while it runs (and once at start). */
export const RETENTION_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Enforce SIGILO_RETENTION_DAYS once: events requested more than `days` days
 * before `now` go, as a prefix of each install's chain (an event still inside
 * the window keeps every later one). What went is recorded in the store
 * (`prunes()`), with the hash the kept records link to, so the chain still
 * verifies and an auditor can tell retention from deletion.
 */
export function applyRetention(
  store: CollectorStore,
  days: number,
  now = new Date(),
): Promise<PruneRecord[]> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  return store.pruneBefore(cutoff, now.toISOString());
}

/** Prune at start, then every hour; `stop()` before closing the store. */
export function startRetention(
  store: CollectorStore,
  days: number,
  log: Logger = silentLogger,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const pruned = await applyRetention(store, days);
        for (const p of pruned) {
          log(
            'info',
            `retention: pruned ${p.events} events of install ${p.installId} (seq ${p.fromSeq}-${p.throughSeq}, requested before ${p.cutoff})`,
          );
        }
      } catch (error) {
        // Never the error's text: a database error can quote values.
        log(
          'warn',
          `retention: pruning failed (${error instanceof Error ? error.name : 'unknown'}); next try in an hour`,
        );
      }
    });
  };
  run();
  const timer = setInterval(run, RETENTION_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
