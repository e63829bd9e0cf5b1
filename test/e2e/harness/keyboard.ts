import type { Page } from 'playwright-core';
import { untilShown } from './again';

/**
 * As a keyboard user: open the masked-values list (Alt+Shift+M), type a filter
 * and press Enter on the first match (the reveal frame then opens). Returns the
 * number of key presses used.
 */
export async function revealFromList(page: Page, filter: string): Promise<number> {
  const combobox = page.locator('sigilo-ui [role="combobox"]');
  // A shortcut pressed while a closing dialog hands focus back can go unheard on a
  // loaded machine (a test hung on it for minutes): the agent presses it again.
  await untilShown(() => page.keyboard.press('Alt+Shift+M'), combobox, { timeout: 5000 });
  await page.keyboard.type(filter);
  await page.keyboard.press('Enter');
  return 2 + filter.length;
}

/** The revealed value's "Hide" control, beside it. */
export function hideButton(page: Page) {
  return page.locator('sigilo-ui .pill button');
}

/** Seconds left, as the pill beside the revealed value shows them. */
export async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.locator('sigilo-ui .pill .seconds').first().textContent()) ?? '';
  return Number(/(\d+) s/.exec(text)?.[1] ?? Number.NaN);
}

/** The element focused, through open shadow roots. */
export function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const field = (el as HTMLElement).dataset?.field;
    return field
      ? `field:${field}`
      : `${el.localName}${el.className ? `.${el.className}` : ''}:${el.textContent?.trim() ?? ''}`;
  });
}
