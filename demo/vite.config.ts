import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { demoHtml } from './build/demo-html';

const demoDir = path.dirname(fileURLToPath(import.meta.url));

export const DEMO_PAGES = [
  'index',
  'record',
  'queue',
  'chat',
  'forms',
  'shadow',
  'iframe',
  'frame-content',
] as const;

/**
 * Pages that run Sigilo on real UI libraries CRMs are built from (grids, editors):
 * every demo/compat/<name>.html is built to dist/compat/<name>.html, so a
 * compatibility test only adds its page and its devDependency.
 */
const compatDir = path.join(demoDir, 'compat');
export const COMPAT_PAGES: string[] = existsSync(compatDir)
  ? readdirSync(compatDir)
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.slice(0, -'.html'.length))
  : [];

/**
 * The demo workspace: one multi-page build into demo/dist.
 *
 * Two frameworks in one build, each for real: there is deliberately NO
 * @preact/preset-vite here, because it aliases `react` to `preact/compat` for the
 * whole build and the chat page would then silently run on Preact. Instead the
 * JSX transform defaults to Preact's runtime (below, same as tsconfig), and the
 * React files start with a `@jsxImportSource react` pragma, which both Vite's
 * transform (Oxc) and tsc honour per file. Nothing aliases either library.
 */
export default defineConfig({
  root: demoDir,
  base: '/',
  publicDir: path.join(demoDir, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [demoHtml()],
  build: {
    outDir: path.join(demoDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: Object.fromEntries([
        ...DEMO_PAGES.map((page) => [page, path.join(demoDir, `${page}.html`)]),
        ...COMPAT_PAGES.map((page) => [`compat/${page}`, path.join(compatDir, `${page}.html`)]),
      ]),
      // Named vendor chunks make it visible in demo/dist which pages load which framework.
      output: {
        manualChunks(id: string) {
          if (/node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'vendor-react';
          if (/node_modules[\\/]preact[\\/]/.test(id)) return 'vendor-preact';
          return undefined;
        },
      },
    },
  },
});
