import type { ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from '../manifest.json' with { type: 'json' };

/** The Firefox add-on id; policies.json targets the add-on by this id. */
export const GECKO_ID = 'sigilo@sigilo.example';

export function chromeManifest(): ManifestV3Export {
  return manifest as ManifestV3Export;
}

// Firefox MV3 has no service-worker background and ignores `key`; it needs a
// gecko id so that policies.json can address the add-on.
export function firefoxManifest(): ManifestV3Export {
  const { key: _key, minimum_chrome_version: _min, background, ...rest } = manifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '128.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  } as unknown as ManifestV3Export;
}
