import type { Locator } from 'playwright-core';

/**
 * Do what an agent does (a click, a shortcut) until `shows` appears, as a person
 * would try again when nothing happened; throws the last wait's error after
 * `attempts` tries. For input that now and then goes unheard on a loaded machine
 * (see the callers), not for hiding a product failure: every try is the same input.
 */
export async function untilShown(
  act: () => Promise<void>,
  shows: Locator,
  { timeout, attempts = 3 }: { timeout: number; attempts?: number },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await act();
    try {
      await shows.waitFor({ state: 'visible', timeout });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
