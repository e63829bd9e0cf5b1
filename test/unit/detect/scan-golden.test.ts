import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunks, contactCenterText, denseText, shortTexts } from '../../../bench/detect/contact-center';
import { scan } from '../../../src/core/detect/scanner';
import type { DetectorType, Match, ScanOptions } from '../../../src/core/detect/types';
import { loadCorpus } from '../../fixtures/corpus/evaluate';

// Speed work on the scanner must not change what it finds: every match, offset and confidence is
// compared with a stored copy of the output. Corpus cases are stored match by match (a failure
// names the case); the generated contact-center texts (whole 64 KB chunks, ~140-char short texts,
// random slices that cut values in half, type subsets with a minConfidence filter) are stored as
// one digest each. A change that means to alter detection regenerates the file on purpose:
//   UPDATE_SCAN_GOLDEN=1 npx vitest run --project unit test/unit/detect/scan-golden.test.ts

const FILE = path.join(import.meta.dirname, '../../fixtures/corpus/scan-golden.json');

interface Golden {
  corpus: Record<string, string>;
  digests: Record<string, string>;
}

const line = (ms: readonly Match[]) =>
  ms.map((m) => `${m.start}-${m.end} ${m.type} ${m.confidence}`).join('; ');

function digest(texts: readonly string[], options?: ScanOptions): string {
  const h = createHash('sha256');
  for (const t of texts) h.update(`${line(scan(t, options))}\n`);
  return h.digest('hex');
}

function current(): Golden {
  const corpus: Record<string, string> = {};
  for (const c of loadCorpus()) corpus[c.id] = line(scan(c.text));
  const typical = contactCenterText(600_000);
  const dense = denseText(600_000, 11);
  let seed = 5;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const slices: string[] = [];
  for (let k = 0; k < 4000; k++) {
    const s = Math.floor(rnd() * (dense.length - 300));
    slices.push(dense.slice(s, s + Math.floor(rnd() * 300)));
  }
  const subsets: DetectorType[][] = [
    ['CPF', 'PHONE'],
    ['NAME'],
    ['EMAIL', 'IP'],
    ['CNPJ', 'IBAN', 'ADDRESS'],
  ];
  const digests: Record<string, string> = {
    'typical, 64 KB chunks': digest(chunks(typical, 65536)),
    'dense, 64 KB chunks': digest(chunks(dense, 65536)),
    'dense, short texts': digest(shortTexts(dense, 140)),
    'typical, short texts': digest(shortTexts(typical, 100)),
    'dense, random slices': digest(slices),
  };
  for (const types of subsets)
    digests[`dense short texts, ${types.join('+')}, PHONE >= 0.9`] = digest(shortTexts(dense, 140), {
      types,
      minConfidence: { PHONE: 0.9 },
    });
  return { corpus, digests };
}

describe('scanner output is unchanged', () => {
  const now = current();
  if (process.env.UPDATE_SCAN_GOLDEN === '1') writeFileSync(FILE, `${JSON.stringify(now, null, 1)}\n`);
  const stored = JSON.parse(readFileSync(FILE, 'utf8')) as Golden;

  it('finds the same matches in every corpus case', () => {
    const changed = Object.keys(stored.corpus).filter((id) => stored.corpus[id] !== now.corpus[id]);
    expect(changed).toEqual([]);
    expect(Object.keys(now.corpus).length).toBe(Object.keys(stored.corpus).length);
  });

  it('finds the same matches in the generated texts, whole, short, sliced and by type', () => {
    expect(now.digests).toEqual(stored.digests);
  });
});
