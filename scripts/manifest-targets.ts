import type { ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from '../manifest.json' with { type: 'json' };
import pkg from '../package.json' with { type: 'json' };

/** The Firefox add-on id; policies.json targets the add-on by this id. */
export const GECKO_ID = 'sigilo@sigilo.example';

/** Chrome-only permissions Firefox rejects (`identity.email`: Firefox's identity API has no profile e-mail). */
const CHROME_ONLY_PERMISSIONS = new Set(['identity.email']);

// package.json is the one place the version is set (releases, CHANGELOG.md);
// manifest.json's own "version" is overridden so the two can never disagree.
export function chromeManifest(): ManifestV3Export {
  return { ...manifest, version: pkg.version } as ManifestV3Export;
}

// Firefox MV3 has no service-worker background and ignores `key`; it needs a
// gecko id so that policies.json can address the add-on. `storage.managed_schema`
// stays: Firefox ignores it (policies.json is not validated), Chrome needs it.
// 140: first desktop release with `data_collection_permissions` (and an ESR).
export function firefoxManifest(): ManifestV3Export {
  const { key: _key, minimum_chrome_version: _min, background, permissions, ...rest } = manifest;
  return {
    ...rest,
    version: pkg.version,
    permissions: permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.has(p)),
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  } as unknown as ManifestV3Export;
}
