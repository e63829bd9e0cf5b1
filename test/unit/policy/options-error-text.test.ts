import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/core/policy/defaults';
import { resolvePolicy } from '../../../src/core/policy/merge';
import { validateLayer } from '../../../src/core/policy/validate';
import { setLocaleOverride } from '../../../src/shared/i18n';
import type { RedactedPolicy } from '../../../src/shared/protocol/policy';
import { fieldName, showError } from '../../../src/ui/options/error-text';

const CODES =
  /fieldRules|minConfidence|limits\.|\[\d+\]|BANK_ACCOUNT|DATE_OF_BIRTH|"FIELD"|"(full|partial|chip|refuse|flag)"/;

describe('options page: policy errors in words', () => {
  it('names fields as the form does, never by their JSON path', () => {
    setLocaleOverride('en');
    expect(fieldName('fieldRules[2].selector')).toBe('Selector of rule 3');
    expect(fieldName('sites[0]')).toBe('Sites where Sigilo is active, line 1');
    expect(fieldName('limits.perHour')).toBe('Reveal limit per hour');
    expect(fieldName('detectors.minConfidence.PHONE')).toBe('Minimum confidence for Phone');
    expect(fieldName('')).toBe('Whole policy');
    setLocaleOverride('es');
    expect(fieldName('fieldRules[0].kind')).toBe('Etiqueta de la regla 1');
    setLocaleOverride('pt');
    expect(fieldName('upload.intervalMinutes')).toBe('Intervalo de envio (minutos)');
  });

  it('tells refusals from invalid values, and words both without internal codes in every language', () => {
    const managed = {
      detectors: { enabled: ['CPF', 'PASSAPORTE'] },
      maskStyle: 'blur',
      fieldRules: [{ selector: '.x', kind: 'não vale!' }],
    };
    const local = {
      revealSeconds: 300,
      keepLast: 9,
      limits: { perHour: 10, perFiveMinutes: 5, onExceed: 'flag' },
    };
    const resolved = resolvePolicy(managed, local);
    const policy = resolved.policy as RedactedPolicy;
    const validation = validateLayer(local, 'local').errors;
    for (const locale of ['pt', 'en', 'es'] as const) {
      setLocaleOverride(locale);
      const shown = resolved.errors.map((e) => showError(e, policy, validation));
      for (const s of shown) {
        expect(`${s.field}: ${s.reason}`, `${locale} ${s.error.path}`).not.toMatch(CODES);
        expect(s.reason.length).toBeGreaterThan(5);
      }
      const refused = shown.filter((s) => s.refused).map((s) => s.error.path);
      expect(refused.sort()).toEqual(['limits.onExceed', 'revealSeconds']);
    }
    setLocaleOverride('es');
    const byPath = (p: string) =>
      resolved.errors.map((e) => showError(e, policy, validation)).find((s) => s.error.path === p)?.reason;
    expect(byPath('keepLast')).toBe('escriba un número entero de 0 a 4');
    expect(byPath('revealSeconds')).toBe(
      'Rechazado: solo puede acortar la revelación (como máximo 30 segundos); ignorado',
    );
    expect(byPath('detectors.enabled[1]')).toBe(
      '"PASSAPORTE" no es un tipo de dato que Sigilo conozca; todos los tipos siguen activos',
    );
    setLocaleOverride(null);
  });

  it('validation speaks Spanish where the sentence is its own', () => {
    const [error] = validateLayer({ revealSeconds: 9000 }, 'managed').errors;
    expect(error?.text?.es).toBe('debe estar entre 5 y 600, recibió 9000; se usa 30');
    expect(defaultPolicy().revealSeconds).toBe(30);
  });
});
