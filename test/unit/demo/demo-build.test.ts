import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Builds the demo in memory and follows each page's imports, to prove the React
 * pages get real React (react-dom) and the Preact pages Preact, with no
 * preact/compat alias in between (see demo/README.md).
 */
describe('demo build', () => {
  it('chat.html and the forms island load react-dom; record.html and queue.html load Preact only', async () => {
    const result = await build({
      configFile: path.join(ROOT, 'demo/vite.config.ts'),
      logLevel: 'silent',
      build: { write: false },
    });
    if (!Array.isArray(result) && !('output' in result)) throw new Error('vite build started a watcher');
    const output = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
    const chunks = new Map(
      output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]),
    );

    const modulesOf = (page: string): string[] => {
      const entry = [...chunks.values()].find((c) => c.isEntry && c.facadeModuleId?.endsWith(`/${page}`));
      if (!entry) throw new Error(`no entry chunk for ${page}`);
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const next of chunks.get(file)?.imports ?? []) visit(next);
      };
      visit(entry.fileName);
      return [...seen]
        .flatMap((file) => chunks.get(file)?.moduleIds ?? [])
        .map((id) => id.replace(/\\/g, '/'));
    };
    const uses = (mods: string[], pkg: string) => mods.some((id) => id.includes(`/node_modules/${pkg}/`));

    for (const page of ['chat.html', 'forms.html']) {
      const mods = modulesOf(page);
      expect(uses(mods, 'react-dom'), page).toBe(true);
      expect(uses(mods, 'preact'), page).toBe(false);
    }
    for (const page of ['record.html', 'queue.html']) {
      const mods = modulesOf(page);
      expect(uses(mods, 'preact'), page).toBe(true);
      expect(uses(mods, 'react-dom') || uses(mods, 'react'), page).toBe(false);
    }
  }, 120_000);
});
