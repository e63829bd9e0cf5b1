import type { Page } from 'playwright-core';

/**
 * Internal codes that must never reach a person's screen: constant-style
 * names (BANK_ACCOUNT, DATE_OF_BIRTH), reason ids, flags and refusal causes
 * as the log records them. Each screen shows them through the human labels
 * of src/shared/i18n/labels.ts instead.
 */
export const RAW_CODE_PATTERNS: readonly RegExp[] = [
  /\b[A-Z]{2,}_[A-Z_]+\b/g,
  /\bcustomer-request\b/g,
  /\bidentity-check\b/g,
  /\blegal-obligation\b/g,
  /\bremask:\w*/g,
  /\bover-limit\b/g,
  /\blimit-per-[\w-]*/g,
  /\battempts-over-[\w-]*/g,
  /\bstorage-[\w-]+/g,
  /\binvalid-[\w.-]+/g,
];

/** A cell (or any small element) whose whole text is one of these is a raw result code. */
export const BARE_CODES: readonly string[] = ['ok', 'refused', 'revealed'];

/** Pure: the raw codes in a screen's text and in its cells' texts. */
export function rawCodesIn(text: string, cells: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const pattern of RAW_CODE_PATTERNS) for (const m of text.matchAll(pattern)) found.push(m[0]);
  for (const cell of cells) if (BARE_CODES.includes(cell.trim())) found.push(`bare "${cell.trim()}"`);
  return found;
}

/** The raw codes a person would read on the page as it is now (visible text only: innerText). */
export async function rawCodesOnScreen(page: Page): Promise<string[]> {
  const { text, cells } = await page.evaluate(() => ({
    // innerText on purpose: what is rendered and visible, not hidden nodes or attribute-only text.
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is checked
    text: document.body.innerText,
    cells: [...document.querySelectorAll<HTMLElement>('td, th, li, dd, dt, span, p, option, label, button')]
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is checked
      .map((el) => el.innerText)
      .filter((t) => t.length < 20),
  }));
  return rawCodesIn(text, cells);
}

/**
 * On the popup and the options page, settings are also spoken of: their key
 * paths ("fieldRules[2].selector", "limits.perHour"), enum values of the policy
 * file ("refuse", "flag") and kind codes whose name differs from the code
 * (PHONE, not Phone) must not show either. Case-sensitive on purpose.
 */
export const POLICY_CODE_PATTERNS: readonly RegExp[] = [
  /\b(CARD|EMAIL|PHONE|BANK_ACCOUNT|DATE_OF_BIRTH|NAME|ADDRESS)\b/g,
  /\b[a-z]+[A-Z]\w*(\[\d+\])?(\.\w+)+/g,
  /\b\w+\[\d+\]/g,
  /\b(limits|upload|detectors|reasons)\.\w+/g,
  /\b(minConfidence|fieldRules|ignoreSelectors|excludeSites|revealSeconds|keepLast|onExceed|perHour|perFiveMinutes|intervalMinutes|retentionDays|fingerprintKey|logUrl|maskStyle|agentId)\b/g,
  /"(refuse|flag|full|partial|chip)"/g,
];

/**
 * Settings pages: the codes (raw and policy) in the visible text and in every
 * form control's shown value, each with a little context, e.g. ['…DATE_OF_BIRTH…'].
 * `skip` names controls whose value is the agent's own input (a pasted policy).
 */
export async function settingsCodesOnScreen(page: Page, skip: readonly string[] = []): Promise<string[]> {
  const text = await page.evaluate((skipIds) => {
    // biome-ignore lint/performance/useDomNodeTextContent: only what is rendered counts
    const parts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      'input, select, textarea',
    )) {
      if (el instanceof HTMLInputElement && ['password', 'checkbox', 'radio', 'file'].includes(el.type))
        continue;
      if (el instanceof HTMLSelectElement) parts.push(el.selectedOptions[0]?.textContent ?? '');
      else if (!skipIds.includes(el.id)) parts.push(el.value);
    }
    return parts.join('\n');
  }, skip);
  const found: string[] = [];
  for (const re of [...POLICY_CODE_PATTERNS, ...RAW_CODE_PATTERNS])
    for (const m of text.matchAll(re))
      found.push(text.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + m[0].length + 20));
  return found;
}
