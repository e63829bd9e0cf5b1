import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

/**
 * axe-core run inside a real page (or frame), the way its browser integrations
 * do: the engine's own bundle is evaluated in the document, then `axe.run`
 * checks it as rendered (shadow roots and same-origin frames included).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** The first few offending nodes' selectors, to find them. */
  targets: string[];
}

/** Every WCAG 2.x A/AA violation axe finds in the page as it is now. */
export async function axeViolations(
  target: Page | Frame,
  options: { include?: string } = {},
): Promise<AxeViolation[]> {
  const hasAxe = await target.evaluate(() => 'axe' in globalThis);
  if (!hasAxe) await target.evaluate(AXE_SOURCE);
  return target.evaluate(async (include) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } })
      .axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const results = await axe.run(include ? { include: [include] } : document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  }, options.include ?? null);
}

/**
 * Browser zoom as a user sets it (Ctrl+'+'): at 200 % a 1280×800 window lays
 * the page out in 640×400 CSS pixels, media queries included — which is what
 * a viewport of that CSS size reproduces.
 */
export async function setZoom(
  page: Page,
  percent: number,
  window = { width: 1280, height: 800 },
): Promise<void> {
  await page.setViewportSize({
    width: Math.round((window.width * 100) / percent),
    height: Math.round((window.height * 100) / percent),
  });
}
