import { describe, expect, it } from 'vitest';
import { isActiveFor } from '../../../src/core/policy/active';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';

describe('isActiveFor', () => {
  it('never masks the collector the policy uploads to, whatever the sites say', () => {
    const policy = {
      ...DEFAULT_POLICY,
      upload: { ...DEFAULT_POLICY.upload, url: 'https://sigilo.corp.example:8443/api/events' },
    };
    expect(isActiveFor('https://crm.corp.example/cliente/1', policy)).toBe(true);
    expect(isActiveFor('https://sigilo.corp.example:8443/', policy)).toBe(false);
    expect(isActiveFor('https://sigilo.corp.example:8443/events?agent=x', policy)).toBe(false);
    // Same host, another port or scheme: another origin, another app.
    expect(isActiveFor('https://sigilo.corp.example/', policy)).toBe(true);
    expect(isActiveFor('http://sigilo.corp.example:8443/', policy)).toBe(true);
  });

  it('masks as the sites say when there is no upload', () => {
    expect(isActiveFor('https://crm.corp.example/', DEFAULT_POLICY)).toBe(true);
    expect(
      isActiveFor('https://crm.corp.example/', {
        ...DEFAULT_POLICY,
        excludeSites: ['https://crm.corp.example/*'],
      }),
    ).toBe(false);
  });
});
