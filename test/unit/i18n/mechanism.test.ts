import { describe, expect, it } from 'vitest';
import {
  currentLocale,
  defineMessages,
  formatNumber,
  htmlLang,
  localeFrom,
  pickText,
  setLocaleOverride,
  translator,
} from '../../../src/shared/i18n';
import { flagLabel, kindLabel, outcomeLabel, reasonIdLabel } from '../../../src/shared/i18n/labels';

describe('the one message mechanism', () => {
  it('picks pt-BR, es or en from the browser languages, in their order', () => {
    expect(localeFrom(['pt-BR', 'en'])).toBe('pt');
    expect(localeFrom(['pt-PT'])).toBe('pt');
    expect(localeFrom(['es-MX', 'pt-BR'])).toBe('es');
    expect(localeFrom(['fr-FR', 'pt-BR'])).toBe('pt');
    expect(localeFrom(['en-US', 'pt-BR'])).toBe('en');
    expect(localeFrom(['de'])).toBe('en');
    expect(localeFrom([])).toBe('en');
    expect(localeFrom(undefined)).toBe('en');
    expect(htmlLang('pt')).toBe('pt-BR');
    expect(htmlLang('es')).toBe('es');
  });

  it("the agent's setting overrides the browser; 'auto' follows it again", () => {
    const browser = currentLocale();
    setLocaleOverride('es');
    expect(currentLocale()).toBe('es');
    setLocaleOverride('auto');
    expect(currentLocale()).toBe(browser);
    setLocaleOverride('xx');
    expect(currentLocale()).toBe(browser);
  });

  it('formats ICU plurals and locale numbers', () => {
    const m = defineMessages({
      n: {
        pt: '{n, plural, one {# valor ignorado} other {# valores ignorados}}',
        en: '{n, plural, one {# value ignored} other {# values ignored}}',
        es: '{n, plural, one {# valor ignorado} other {# valores ignorados}}',
      },
      v: { pt: 'Confiança {v, number}', en: 'Confidence {v, number}', es: 'Confianza {v, number}' },
    });
    expect(translator(m, 'pt')('n', { n: 1 })).toBe('1 valor ignorado');
    expect(translator(m, 'pt')('n', { n: 1200 })).toBe('1.200 valores ignorados');
    expect(translator(m, 'en')('n', { n: 3 })).toBe('3 values ignored');
    expect(translator(m, 'pt')('v', { v: 0.6 })).toBe('Confiança 0,6');
    expect(translator(m, 'en')('v', { v: 0.6 })).toBe('Confidence 0.6');
    expect(formatNumber(0.6, 'es')).toBe('0,6');
    expect(pickText({ pt: 'Outro', en: 'Other' }, 'es')).toBe('Other');
    expect(pickText({ pt: 'Outro', en: 'Other', es: 'Otro' }, 'es')).toBe('Otro');
  });

  it('names every recorded code in words', () => {
    expect(kindLabel('BANK_ACCOUNT', 'pt')).toBe('Conta bancária');
    expect(kindLabel('rule:protocolo', 'en')).toBe('Field “protocolo”');
    expect(reasonIdLabel('customer-request', 'pt')).toBe('Atendimento ao titular');
    expect(flagLabel('remask:hide', 'pt')).toBe('Ocultado pelo atendente');
    expect(flagLabel('attempts-over-40', 'en')).toBe('More than 40 reveal attempts');
    expect(flagLabel('limit-per-five-minutes', 'es')).toBe('Límite de 5 minutos alcanzado');
    expect(flagLabel('something-new', 'en')).toBe('Other cause');
    expect(outcomeLabel('refused', 'es')).toBe('Rechazado');
  });
});
