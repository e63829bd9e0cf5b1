import { describe, expect, it } from 'vitest';
import { DEFAULT_REASONS } from '../../../src/core/policy/defaults';
import { validateLayer } from '../../../src/core/policy/validate';
import { defineMessages, htmlLang, localeFrom, pickText, translator } from '../../../src/shared/i18n';
import { reasonIdLabel } from '../../../src/shared/i18n/labels';

describe('locale and policy texts', () => {
  it('uses pt-BR for any Portuguese browser, Spanish for any Spanish one, English otherwise', () => {
    expect(localeFrom(['pt-BR', 'en'])).toBe('pt');
    expect(localeFrom(['pt-PT'])).toBe('pt');
    expect(localeFrom(['pt'])).toBe('pt');
    expect(localeFrom(['en-US', 'pt-BR'])).toBe('en');
    expect(localeFrom(['es-MX'])).toBe('es');
    expect(localeFrom(['fr', 'es'])).toBe('es');
    expect(localeFrom([])).toBe('en');
    expect(localeFrom(undefined)).toBe('en');
    expect(htmlLang('pt')).toBe('pt-BR');
  });

  it('translates with ICU plurals', () => {
    const m = defineMessages({
      n: {
        pt: '{n, plural, one {# valor oculto} other {# valores ocultos}}',
        en: '{n, plural, one {# masked value} other {# masked values}}',
        es: '{n, plural, one {# valor oculto} other {# valores ocultos}}',
      },
    });
    expect(translator(m, 'pt')('n', { n: 1 })).toBe('1 valor oculto');
    expect(translator(m, 'pt')('n', { n: 3 })).toBe('3 valores ocultos');
    expect(translator(m, 'en')('n', { n: 3 })).toBe('3 masked values');
  });

  it('every default reason has a Spanish label', () => {
    for (const r of DEFAULT_REASONS) expect(r.label.es, r.id).toMatch(/\S/);
    expect(reasonIdLabel('customer-request', 'es')).toBe('Solicitud del titular');
    expect(reasonIdLabel('identity-check', 'pt')).toBe('Confirmação de identidade');
  });

  it("an admin's reason label may carry Spanish; without it Spanish screens show the English label", () => {
    const { values, errors } = validateLayer(
      {
        reasons: [
          { id: 'a', label: { pt: 'Cobrança', en: 'Billing', es: 'Cobranza' } },
          { id: 'b', label: { pt: 'Ouvidoria', en: 'Ombudsman' } },
          { id: 'c', label: { pt: 'Fraude', en: 'Fraud', es: 7 } },
        ],
      },
      'managed',
    );
    expect(values.reasons?.map((r) => r.label)).toEqual([
      { pt: 'Cobrança', en: 'Billing', es: 'Cobranza' },
      { pt: 'Ouvidoria', en: 'Ombudsman' },
      { pt: 'Fraude', en: 'Fraud' },
    ]);
    expect(errors.map((e) => e.path)).toEqual(['reasons[2].label.es']);
    const [a, b] = values.reasons ?? [];
    expect(a && pickText(a.label, 'es')).toBe('Cobranza');
    expect(b && pickText(b.label, 'es')).toBe('Ombudsman');
    expect(b && pickText(b.label, 'pt')).toBe('Ouvidoria');
  });
});
