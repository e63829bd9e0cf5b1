import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { chromeManifest, firefoxManifest } from './scripts/manifest-targets.ts';

// Extension pages + service worker. The content script is built separately
// (vite.content.config.ts) as one classic IIFE file, because it is registered
// dynamically with chrome.scripting at document_start and must not load through
// crxjs' async import() loader, which would lose the document_start timing.
const target = process.env.SIGILO_TARGET === 'firefox' ? 'firefox' : 'chrome';

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: target === 'firefox' ? firefoxManifest() : chromeManifest(),
      browser: target,
    }),
  ],
  build: {
    outDir: process.env.SIGILO_OUT_DIR ?? (target === 'firefox' ? 'dist-firefox' : 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Pages the manifest does not name (crxjs builds those it does).
    rollupOptions: { input: { review: 'src/ui/review/index.html', reveal: 'src/ui/reveal/index.html' } },
  },
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});
