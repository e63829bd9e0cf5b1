// Bundles the scan CLI into dist-cli/scan.js (plain Node ESM), so `npm run scan` starts without
// compiling TypeScript. With --if-stale it rebuilds only when the bundle is missing or one of the
// sources it was built from (listed by esbuild's metafile) changed since: `prescan` runs this on
// every `npm run scan`, which costs a few stat calls when the bundle is fresh.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist-cli/scan.js');
const metaFile = path.join(root, 'dist-cli/scan.meta.json');

function fresh() {
  if (!existsSync(outfile) || !existsSync(metaFile)) return false;
  const built = statSync(outfile).mtimeMs;
  const inputs = JSON.parse(readFileSync(metaFile, 'utf8'));
  for (const file of [...inputs, 'package.json', 'scripts/build-cli.mjs']) {
    const p = path.join(root, file);
    if (!existsSync(p) || statSync(p).mtimeMs > built) return false;
  }
  return true;
}

if (!(process.argv.includes('--if-stale') && fresh())) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/scan.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(metaFile, JSON.stringify(Object.keys(result.metafile.inputs)));
}
