import type { ComponentChildren } from 'preact';

/**
 * A table's scroll container that keyboard users can scroll: focusable
 * (tabindex=0) and named (a named <section> is a region), so at 200 % zoom, when a wide table no
 * longer fits, the arrow keys move it and a screen reader says what it holds.
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard
    <section class="sg-table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
