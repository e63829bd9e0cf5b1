import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, type BenchRow, formatTable } from './table';

// `npm run bench` runs every bench/*.bench.ts; `npm run bench -- detect log` only those named.
const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const rows: BenchRow[] = [];
let failed = false;
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(here, file)).href)).default as Bench;
  process.stderr.write(`bench: ${bench.name}…\n`);
  try {
    rows.push(...(await bench.run()));
  } catch (error) {
    failed = true;
    const message = error instanceof Error ? error.message : String(error);
    rows.push({
      section: bench.name,
      metric: 'ERROR',
      sigilo: message.slice(0, 80),
      baseline: '',
      ratio: '',
      goal: '',
    });
  }
}
console.log(formatTable(rows));
process.exitCode = failed ? 1 : 0;
