import { describe, expect, it } from 'vitest';
import { hideDigitRuns, redactReason } from '../../../src/core/audit/redact';
import { scan } from '../../../src/core/detect/scanner';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';

const reason = (text: string) => redactReason(text, DEFAULT_POLICY);

describe('recorded reasons', () => {
  it.each([
    ['cliente confirmou o CPF 529.982.247-25 por telefone', 'cliente confirmou o CPF [CPF] por telefone'],
    ['cvv 123 conferido', 'cvv [#] conferido'],
    ['CPF 5 2 9 9 8 2 2 4 7 2 5 ditado pelo titular', 'CPF [#] ditado pelo titular'],
    ['documento 529982247/25', 'documento [#]'],
    ['apto 12, bloco B', 'apto [#], bloco B'],
    ['apto12 bloco B', 'apto[#] bloco B'],
    ['ligou dia 12/03 às 14:30', 'ligou dia [#] às [#]'],
    ['e-mail ana.souza@exemplo.com.br confirmado', 'e-mail [EMAIL] confirmado'],
    ['contato ana@intranet sem domínio', 'contato [EMAIL] sem domínio'],
    ['CPF ５２９９８２２４７２５ (largura total)', 'CPF [#] (largura total)'],
  ])('%s -> %s', (input, recorded) => {
    expect(reason(input)).toBe(recorded);
  });

  it('keeps a lone digit and plain words readable', () => {
    expect(reason('opção 1 do menu, cliente pediu')).toBe('opção 1 do menu, cliente pediu');
    expect(reason('')).toBe('');
  });

  it('hides values of kinds the policy does not mask on screen', () => {
    const onlyCpf = { detectors: { enabled: ['CPF' as const], minConfidence: {} } };
    expect(redactReason('cartão 4111 1111 1111 1111', onlyCpf)).not.toMatch(/\d/);
    expect(redactReason('e-mail ana@exemplo.com', onlyCpf)).toBe('e-mail [EMAIL]');
  });

  it('control: the detectors alone leave the spaced and slashed CPF and the cvv in the text', () => {
    // What the log kept before digit runs were hidden: check the detectors miss these.
    for (const text of ['cvv 123', 'CPF 5 2 9 9 8 2 2 4 7 2 5', 'documento 529982247/25']) {
      const kept = text.slice(0, scan(text)[0]?.start ?? text.length);
      expect(kept, text).toMatch(/\d{2}|\d \d/);
    }
  });
});

describe('hideDigitRuns', () => {
  it('joins digits across up to three separators, leaves single digits', () => {
    expect(hideDigitRuns('(11) 98888-7777')).toBe('([#]');
    expect(hideDigitRuns('1 e 2')).toBe('1 e 2');
    expect(hideDigitRuns('7')).toBe('7');
    expect(hideDigitRuns('a1b2')).toBe('a1b2');
    expect(hideDigitRuns('12')).toBe('[#]');
  });
});
