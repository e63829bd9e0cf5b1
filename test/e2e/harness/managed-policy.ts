import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_ID } from './extension-id';

/** Chromium on Linux reads enterprise policy from here (3rdparty.extensions.<ID> for our managed storage). */
export const MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';
const FILE = path.join(MANAGED_POLICY_DIR, 'sigilo-e2e.json');

/** Why a managed-policy test cannot run here, or null when it can. */
export function managedPolicySkipReason(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return `writing ${MANAGED_POLICY_DIR} needs root (run the e2e suite as root, as CI does)`;
  }
  return null;
}

/** Install a managed policy for Sigilo; returns the clean-up. Only one test at a time (e2e files run serially). */
export function installManagedPolicy(policy: Record<string, unknown>): () => void {
  const reason = managedPolicySkipReason();
  if (reason) throw new Error(reason);
  mkdirSync(MANAGED_POLICY_DIR, { recursive: true });
  writeFileSync(FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
  return removeManagedPolicy;
}

export function removeManagedPolicy(): void {
  if (existsSync(FILE)) rmSync(FILE);
}
