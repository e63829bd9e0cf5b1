import { describe, expect, it } from 'vitest';
import { kindName, kindVars, pageLang, t } from '../../../src/content/i18n';
import { DETECTOR_TYPES } from '../../../src/core/detect/types';
import { isPushEnvelope, pushEnvelope, pushToTab } from '../../../src/shared/protocol/content-push';

describe('content i18n', () => {
  it('uses pt-BR for any pt browser, Spanish for any es browser and English otherwise', () => {
    expect(pageLang('pt-BR')).toBe('pt');
    expect(pageLang('pt-PT')).toBe('pt');
    expect(pageLang('en-US')).toBe('en');
    expect(pageLang('es')).toBe('es');
    expect(pageLang('es-MX')).toBe('es');
    expect(pageLang('fr-FR')).toBe('en');
  });

  it('names every kind for people in each language, never by its internal code', () => {
    for (const lang of ['pt', 'en', 'es'] as const)
      for (const type of DETECTOR_TYPES) {
        const name = kindName(lang, type);
        expect(name, `${lang} ${type}`).not.toMatch(/_/);
        expect(name.length).toBeGreaterThan(1);
      }
    expect(kindName('pt', 'BANK_ACCOUNT')).toBe('Conta bancária');
    expect(kindName('es', 'DATE_OF_BIRTH')).toBe('Fecha de nacimiento');
    // An admin's own rule label is shown as the admin wrote it.
    expect(kindName('en', 'Protocolo interno')).toBe('Protocolo interno');
  });

  it('fills placeholders, with the grammatical gender of the kind name', () => {
    expect(t('pt', 'revealedAnnounce', { ...kindVars('pt', 'CPF'), s: 30 })).toBe(
      'CPF revelado por 30 segundos. Ocultar: Enter.',
    );
    expect(t('pt', 'revealedAnnounce', { ...kindVars('pt', 'BANK_ACCOUNT'), s: 1 })).toBe(
      'Conta bancária revelada por 1 segundo. Ocultar: Enter.',
    );
    expect(t('es', 'revealedAnnounce', { ...kindVars('es', 'CARD'), s: 5 })).toBe(
      'Tarjeta revelada por 5 segundos. Ocultar: Enter.',
    );
    expect(t('en', 'revealedAnnounce', { ...kindVars('en', 'CPF'), s: 12 })).toBe(
      'CPF revealed for 12 seconds. Press Enter to hide it.',
    );
    expect(t('pt', 'listCount', { n: 1500 })).toBe('1.500 valores');
    expect(t('en', 'listCount', { n: 0 })).toBe('No value found');
    expect(t('pt', 'reasonTextRequired', { reason: 'Outro' })).toContain('"Outro"');
    expect(t('es', 'frameTitle')).toBe('Sigilo: revelar un valor protegido');
  });
});

describe('content push protocol', () => {
  it('recognises its own envelopes only', () => {
    expect(isPushEnvelope(pushEnvelope('content/status', {}))).toBe(true);
    expect(isPushEnvelope({ sigilo: 1, type: 'ping', req: {} })).toBe(false);
    expect(isPushEnvelope(null)).toBe(false);
    expect(isPushEnvelope({ sigiloPush: 1 })).toBe(false);
  });

  it('pushToTab sends a typed envelope to the given frame', async () => {
    const calls: unknown[][] = [];
    const res = await pushToTab(
      async (...args) => {
        calls.push(args);
        return { opened: true };
      },
      7,
      'content/list',
      {},
      { frameId: 0 },
    );
    expect(res).toEqual({ opened: true });
    expect(calls).toEqual([[7, { sigiloPush: 1, type: 'content/list', req: {} }, { frameId: 0 }]]);
  });
});
