import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

// Builds the extension (pages + service worker, then the content and page-world
// scripts) into a fresh folder and swaps it in with one rename, so a browser or
// test that has dist/ loaded never sees it half-written by a concurrent build.
const target = process.env.SIGILO_TARGET === 'firefox' ? 'firefox' : 'chrome';
const finalDir = path.resolve(target === 'firefox' ? 'dist-firefox' : 'dist');
const staging = mkdtempSync(`${finalDir}.next-`);
const vite = path.resolve('node_modules/.bin/vite');
const env = { ...process.env, SIGILO_OUT_DIR: staging };
try {
  execFileSync(vite, ['build', '--logLevel', 'warn'], { stdio: 'inherit', env });
  for (const config of ['vite.content.config.ts', 'vite.page-world.config.ts'])
    execFileSync(vite, ['build', '--logLevel', 'warn', '-c', config], { stdio: 'inherit', env });
  const old = `${staging}.old`;
  if (existsSync(finalDir)) renameSync(finalDir, old);
  renameSync(staging, finalDir);
  rmSync(old, { recursive: true, force: true });
  console.log(`built ${path.relative(process.cwd(), finalDir)}/ (${target})`);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  throw error;
}
