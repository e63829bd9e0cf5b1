import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where Chromium is: CHROME_PATH, else Debian's /usr/bin/chromium; a clear message otherwise. */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new Error(
    'Chromium was not found. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ' +
      'or set CHROME_PATH to a Chromium or Chrome binary.',
  );
}

/** The built extension folder, failing loudly (tests must fail, not skip, without it). */
export function distPath(root = process.cwd()): string {
  const dist = path.resolve(root, 'dist');
  if (!existsSync(path.join(dist, 'manifest.json')) || !existsSync(path.join(dist, 'content.js'))) {
    throw new Error(`The built extension is missing in ${dist}: run "npm run build" first.`);
  }
  return dist;
}

/**
 * Flags verified on these machines (see shared/docs/TOOLCHAIN.md): load only our
 * extension, and keep Chromium off the network, which is closed here.
 */
export function launchArgs(extensionDir: string, extra: string[] = []): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
    ...extra,
  ];
}
