import { defineConfig } from 'vite';

// The page-world script (src/page-world/main.ts) as one small classic script at
// a fixed path: registered with world 'MAIN' at document_start, it must run
// synchronously before the page's own scripts, like content.js.
const outDir =
  process.env.SIGILO_OUT_DIR ?? (process.env.SIGILO_TARGET === 'firefox' ? 'dist-firefox' : 'dist');

export default defineConfig({
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: false,
    sourcemap: false,
    target: 'es2022',
    minify: process.env.SIGILO_NO_MINIFY !== '1',
    lib: {
      entry: 'src/page-world/main.ts',
      formats: ['iife'],
      name: 'sigiloPageWorld',
      fileName: () => 'page-world.js',
    },
  },
});
