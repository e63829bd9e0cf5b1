/** Synthetic, checksum-valid demo data. No value belongs to a real person. */
export * from './chat';
export * from './check-digits';
export * from './customer';
export * from './generators';
export * from './pages';
export type { PiiValue } from './pii';
export * from './queue';
export * from './record';
export * from './rng';
