import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/collector/config';

describe('collector configuration: release folder and retention', () => {
  it('reads SIGILO_RELEASE_DIR (relative to the working folder) and SIGILO_RETENTION_DAYS', () => {
    const config = readConfig(
      { SIGILO_RELEASE_DIR: 'release', SIGILO_RETENTION_DAYS: '1825' },
      '/opt/sigilo',
    );
    expect(config.releaseDir).toBe(path.resolve('/opt/sigilo/release'));
    expect(config.retentionDays).toBe(1825);
  });

  it('leaves both off when unset: nothing served under /extension/, events kept', () => {
    expect(readConfig({}, '/opt/sigilo')).toMatchObject({ releaseDir: null, retentionDays: null });
  });

  it.each(['0', '-3', '1.5', 'ninety'])('refuses SIGILO_RETENTION_DAYS=%s, naming the variable', (value) => {
    expect(() => readConfig({ SIGILO_RETENTION_DAYS: value })).toThrow(ConfigError);
    expect(() => readConfig({ SIGILO_RETENTION_DAYS: value })).toThrow(/^SIGILO_RETENTION_DAYS: /);
  });
});
