import { defineConfig, type UserConfig } from 'vite';

/**
 * One of Sigilo's in-page scripts as a single classic script at a fixed path:
 * chrome.scripting.registerContentScripts needs a known file, and classic
 * scripts run synchronously at document_start, before the page paints (and,
 * for the page-world script, before the page's own scripts).
 */
export function classicScript(entry: string, name: string, file: string, extend = false): UserConfig {
  const outDir =
    process.env.SIGILO_OUT_DIR ?? (process.env.SIGILO_TARGET === 'firefox' ? 'dist-firefox' : 'dist');
  return {
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      sourcemap: false,
      target: 'es2022',
      minify: process.env.SIGILO_NO_MINIFY !== '1',
      lib: { entry, formats: ['iife'], name, fileName: () => file },
      rollupOptions: extend ? { output: { extend: true } } : {},
    },
  };
}

// The content script (content.js).
export default defineConfig(classicScript('src/content/main.ts', 'sigiloContent', 'content.js', true));
