import { describe, expect, it } from 'vitest';
import { restrictStorageToTrustedContexts } from '../../src/background/trusted-storage';

// The browser's storage areas replaced by fakes: which accept the restriction
// differs by browser and version (docs/security.md), and a refusal must never
// stop the worker from starting.
function area(behaviour: 'accepts' | 'rejects' | 'absent', calls: unknown[]) {
  if (behaviour === 'absent') return {};
  return {
    setAccessLevel: async (options: unknown) => {
      calls.push(options);
      if (behaviour === 'rejects') throw new Error('This storage area does not support setAccessLevel');
    },
  };
}

describe('restrictStorageToTrustedContexts', () => {
  it('asks every area for TRUSTED_CONTEXTS (Chrome 140+: all four accept)', async () => {
    const calls: unknown[] = [];
    const api = {
      local: area('accepts', calls),
      sync: area('accepts', calls),
      session: area('accepts', calls),
      managed: area('accepts', calls),
    };
    expect(await restrictStorageToTrustedContexts(api)).toEqual({
      local: 'trusted',
      sync: 'trusted',
      session: 'trusted',
      managed: 'trusted',
    });
    expect(calls).toEqual(Array(4).fill({ accessLevel: 'TRUSTED_CONTEXTS' }));
  });

  it('reports, without throwing, the areas an older Chrome refuses (session only before 140)', async () => {
    const calls: unknown[] = [];
    const api = {
      local: area('rejects', calls),
      sync: area('rejects', calls),
      session: area('accepts', calls),
      managed: area('rejects', calls),
    };
    expect(await restrictStorageToTrustedContexts(api)).toEqual({
      local: 'unsupported',
      sync: 'unsupported',
      session: 'trusted',
      managed: 'unsupported',
    });
  });

  it('copes with no setAccessLevel at all (Firefox) and with no storage API', async () => {
    const none = { local: area('absent', []), sync: area('absent', []), session: area('absent', []) };
    expect(Object.values(await restrictStorageToTrustedContexts(none))).toEqual(Array(4).fill('unsupported'));
    expect(Object.values(await restrictStorageToTrustedContexts(null))).toEqual(Array(4).fill('unsupported'));
  });
});
