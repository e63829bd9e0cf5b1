import { describe, expect, it } from 'vitest';
import { defineMessages, htmlLang, localeFrom, pickText, translator } from '../../../src/ui/i18n';

describe('ui i18n helper', () => {
  it('uses pt-BR for any Portuguese browser, English otherwise', () => {
    expect(localeFrom(['pt-BR', 'en'])).toBe('pt');
    expect(localeFrom(['pt-PT'])).toBe('pt');
    expect(localeFrom(['pt'])).toBe('pt');
    expect(localeFrom(['en-US', 'pt-BR'])).toBe('en');
    expect(localeFrom(['es'])).toBe('en');
    expect(localeFrom([])).toBe('en');
    expect(localeFrom(undefined)).toBe('en');
    expect(htmlLang('pt')).toBe('pt-BR');
  });

  it('translates with placeholders', () => {
    const m = defineMessages({ n: { pt: '{n} valores ocultos', en: '{n} masked values' } });
    expect(translator(m, 'pt')('n', { n: 3 })).toBe('3 valores ocultos');
    expect(translator(m, 'en')('n', { n: 3 })).toBe('3 masked values');
    expect(pickText({ pt: '', en: 'Other' }, 'pt')).toBe('Other');
  });
});
