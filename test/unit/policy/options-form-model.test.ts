import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/core/policy/defaults';
import type { RedactedPolicy } from '../../../src/shared/protocol/policy';
import { errorKey, formFromPolicy, layerFromForm } from '../../../src/ui/options/form-model';

const policy = defaultPolicy() as RedactedPolicy;

describe('options form model', () => {
  it('saves only the fields the agent changed, over the stored local layer', () => {
    const initial = formFromPolicy(policy);
    const form = { ...initial, revealSeconds: '10', sites: `${initial.sites}\n file:///* \n\n` };
    const { layer, changed } = layerFromForm(form, initial, { agentId: 'ana' }, []);
    expect(changed).toEqual(['sites', 'revealSeconds']);
    expect(layer).toEqual({
      agentId: 'ana',
      sites: ['http://*/*', 'https://*/*', 'file:///*'],
      revealSeconds: 10,
    });
  });

  it('never writes a locked key, passes non-integers on for validation, and keeps the token unless typed', () => {
    const initial = formFromPolicy(policy);
    const form = { ...initial, revealSeconds: '10', keepLast: 'abc', uploadUrl: 'https://c.example.com/' };
    const { layer } = layerFromForm(form, initial, {}, ['revealSeconds']);
    expect(layer).toEqual({
      keepLast: 'abc',
      upload: { url: 'https://c.example.com/', intervalMinutes: 15, format: 'sigilo' },
    });
    const typed = layerFromForm({ ...form, uploadToken: 'new' }, initial, {}, []).layer;
    expect((typed.upload as { token?: string }).token).toBe('new');
  });

  it('turns rule rows into field rules, dropping empty rows', () => {
    const initial = formFromPolicy(policy);
    const form = {
      ...initial,
      fieldRules: [
        {
          id: '',
          selector: ' .protocolo ',
          kind: 'PROTOCOLO',
          sites: 'https://a.example.com/*  https://b.example.com/*',
        },
        { id: '', selector: '', kind: '', sites: '' },
      ],
    };
    expect(layerFromForm(form, initial, {}, []).layer.fieldRules).toEqual([
      {
        selector: '.protocolo',
        kind: 'PROTOCOLO',
        sites: ['https://a.example.com/*', 'https://b.example.com/*'],
      },
    ]);
  });

  it('maps error paths to their top-level field', () => {
    expect(errorKey({ path: 'limits.perHour', message: '', source: 'local' })).toBe('limits');
    expect(errorKey({ path: 'sites[2]', message: '', source: 'managed' })).toBe('sites');
  });
});
