/**
 * The one message catalog: every message of every surface exists in pt, en and
 * es, parses as ICU MessageFormat, and uses the same placeholders in every
 * language (a translation that drops `{n}` or renames it would show a hole).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { uiMessages } from '../../../src/collector/ui/messages';
import { CONTENT_MESSAGES } from '../../../src/content/i18n';
import { LOCALES, type Messages } from '../../../src/shared/i18n';
import { KIND_NAMES, LABEL_MESSAGES } from '../../../src/shared/i18n/labels';
import { componentMessages } from '../../../src/ui/components/messages';
import { messages as OPTIONS_MESSAGES } from '../../../src/ui/options/messages';
import { messages as POPUP_MESSAGES } from '../../../src/ui/popup/messages';
import { reviewMessages } from '../../../src/ui/review/messages';

/** Every surface's messages. */
const CATALOGS: Record<string, Messages> = {
  content: CONTENT_MESSAGES,
  labels: LABEL_MESSAGES,
  collectorUi: uiMessages,
  reviewComponents: componentMessages,
  review: reviewMessages,
  options: OPTIONS_MESSAGES,
  popup: POPUP_MESSAGES,
};

interface Node {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Node[] }>;
  children?: Node[];
}

// Literal (0) and `#` (7) carry no argument. A `select` (5) only picks a
// grammatical form (gender), which a language without it may leave out; every
// other element shows its argument, so each language must show the same ones.
function argumentsOf(nodes: readonly Node[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.type !== 0 && node.type !== 7 && node.type !== 5 && typeof node.value === 'string')
      into.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, into);
    if (node.children) argumentsOf(node.children, into);
  }
  return into;
}

describe('message catalog', () => {
  for (const [surface, messages] of Object.entries(CATALOGS)) {
    it(`${surface}: every key in every language, valid ICU, same placeholders`, () => {
      const problems: string[] = [];
      for (const [key, text] of Object.entries(messages)) {
        const args: Record<string, string> = {};
        for (const locale of LOCALES) {
          const template = text[locale];
          if (typeof template !== 'string' || template.trim() === '') {
            problems.push(`${surface}.${key}: missing ${locale}`);
            continue;
          }
          try {
            const ast = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true }).getAst();
            args[locale] = [...argumentsOf(ast as unknown as Node[])].sort().join(',');
          } catch (error) {
            problems.push(`${surface}.${key} (${locale}): ${(error as Error).message}`);
          }
        }
        if (new Set(Object.values(args)).size > 1)
          problems.push(`${surface}.${key}: placeholders differ ${JSON.stringify(args)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('no kind name is an internal code', () => {
    for (const [code, name] of Object.entries(KIND_NAMES))
      for (const locale of LOCALES) expect(name[locale], `${code} ${locale}`).not.toContain('_');
  });
});
