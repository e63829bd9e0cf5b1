import { defineConfig } from 'vite';

// The content script as a single classic script at a fixed path (content.js):
// chrome.scripting.registerContentScripts needs a known file, and classic
// scripts run synchronously at document_start, before the page paints.
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
      entry: 'src/content/main.ts',
      formats: ['iife'],
      name: 'sigiloContent',
      fileName: () => 'content.js',
    },
    rollupOptions: { output: { extend: true } },
  },
});
