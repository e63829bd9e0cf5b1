import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MaskedWriter } from '../../../src/cli/masked';
import { BlockWriter } from '../../../src/cli/output';
import { scan } from '../../../src/core/detect/scanner';
import type { DetectorType } from '../../../src/core/detect/types';
import { maskValue } from '../../../src/core/mask/mask-value';
import type { MaskStyle } from '../../../src/core/policy/types';
import { loadCorpus } from '../../fixtures/corpus/evaluate';

// The CLI writes masked values straight into its output bytes; they must read exactly as the
// page's form (maskValue's display) for every style, keepLast and kind of value.

class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
}

async function written(f: (w: BlockWriter) => void): Promise<string> {
  const sink = new Collect();
  const out = new BlockWriter(sink);
  f(out);
  await out.flush();
  return Buffer.concat(sink.chunks).toString('utf8');
}

const corpusValues = (): [string, DetectorType][] => {
  const out: [string, DetectorType][] = [];
  for (const c of loadCorpus())
    for (const m of scan(c.text)) out.push([c.text.slice(m.start, m.end), m.type]);
  return out;
};

const EDGE: [string, DetectorType][] = [
  ['José da Silva', 'NAME'],
  ['Ana Müller-Lüdenscheid', 'NAME'],
  ['12', 'RG'],
  ['a', 'NAME'],
  ['---', 'CPF'],
  ['😀 Zoë 𝒳', 'NAME'],
  ['\ud83d', 'NAME'],
  ['x\udc00y', 'NAME'],
  ['ana.silva+sac@empresa.com.br', 'EMAIL'],
];

describe('scan CLI masked output', () => {
  const values = [...corpusValues(), ...EDGE];

  it('has corpus values of many kinds to compare', () => {
    expect(new Set(values.map(([, t]) => t)).size).toBeGreaterThanOrEqual(15);
  });

  for (const style of ['partial', 'full', 'chip'] as MaskStyle[]) {
    for (const keepLast of style === 'partial' ? [0, 1, 2, 3, 4] : [2]) {
      it(`writes each value as maskValue displays it (${style}, keepLast ${keepLast})`, async () => {
        // As written to a file: a lone surrogate the display keeps becomes U+FFFD in UTF-8.
        const expected = values.map(([v, t]) =>
          Buffer.from(maskValue(v, { style, keepLast, label: t }).display, 'utf8').toString('utf8'),
        );
        const got = await written((out) => {
          const w = new MaskedWriter(out, style, keepLast);
          for (const [v, t] of values) {
            w.value(`<${v}>`, 1, v.length + 1, t);
            out.text('\n', 0, 1);
          }
        });
        expect(got.split('\n').slice(0, -1)).toEqual(expected);
      });
    }
  }

  it('writes the text between values unchanged, in any script and across output blocks', async () => {
    const text = `Olá 😀 ação — 𝒳 ✓ ${'x'.repeat(3 << 20)} CPF 529.982.247-25 fim`;
    const matches = scan(text);
    expect(matches.length).toBe(1);
    const got = await written((out) =>
      new MaskedWriter(out, 'partial', 2).write(text, 0, text.length, matches),
    );
    expect(got).toBe(text.replace('529.982.247-25', '•••.•••.•••-25'));
  });
});
