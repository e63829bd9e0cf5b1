import { defineConfig } from 'vite';

// The collector as a service runs plain JavaScript (`node dist-collector/main.js`):
// no TypeScript compilation at run time. Bare imports (better-sqlite3, pg) stay
// external and load from node_modules; the shared core (audit chain,
// fingerprints) is bundled in.
export default defineConfig({
  // public/ holds the extension's static files, not the collector's.
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist-collector',
    emptyOutDir: false,
    sourcemap: false,
    target: 'node20',
    rollupOptions: {
      input: { main: 'src/collector/main.ts', admin: 'src/collector/admin-cli.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
