import type { Page } from 'playwright-core';

/**
 * Internal codes that must never reach a person's screen on the popup and the
 * options page: kind codes whose human name differs from the code in every
 * language (BANK_ACCOUNT, PHONE), policy key paths ("fieldRules[2].selector",
 * "limits.perHour"), and enum values of the policy file ("refuse", "flag").
 * Case-sensitive: "Phone" and "E-mail" are names, PHONE and EMAIL are codes.
 */
const RAW_CODES: RegExp[] = [
  /\b(CARD|EMAIL|PHONE|BANK_ACCOUNT|DATE_OF_BIRTH|NAME|ADDRESS)\b/,
  /\b[A-Z]+_[A-Z_]+\b/,
  /\b[a-z]+[A-Z]\w*(\[\d+\])?(\.\w+)+/, // fieldRules[2].selector, limits.perHour
  /\b\w+\[\d+\]/, // sites[0]
  /\b(limits|upload|detectors|reasons)\.\w+/,
  /\b(minConfidence|fieldRules|ignoreSelectors|excludeSites|revealSeconds|keepLast|onExceed|perHour|perFiveMinutes|intervalMinutes|retentionDays|fingerprintKey|logUrl|maskStyle|agentId)\b/,
  /"(refuse|flag|full|partial|chip)"/,
  /\b(over-limit|remask:\w+|customer-request|identity-check|legal-obligation|limit-per-[\w-]+)\b/,
];

/** The visible text of the page (dialogs included) and of every form control's shown value. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // innerText, not textContent: only what is rendered counts (hidden nodes are no screen).
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
    const parts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      'input, select, textarea',
    )) {
      if (el instanceof HTMLInputElement && ['password', 'checkbox', 'radio', 'file'].includes(el.type))
        continue;
      if (el instanceof HTMLSelectElement) parts.push(el.selectedOptions[0]?.textContent ?? '');
      else if (el.id !== 'try-input' && el.id !== 'import-text') parts.push(el.value);
    }
    return parts.join('\n');
  });
}

/** The internal codes found on screen, each with a little context, e.g. ['…DATE_OF_BIRTH…']. */
export async function rawCodesOnScreen(page: Page): Promise<string[]> {
  const text = await visibleText(page);
  const found: string[] = [];
  for (const re of RAW_CODES) {
    const global = new RegExp(re.source, 'g');
    for (const m of text.matchAll(global))
      found.push(text.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + m[0].length + 20));
  }
  return found;
}
