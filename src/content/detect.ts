import { mayContainSensitive, scan } from '../core/detect/scanner';
import type { DetectorType } from '../core/detect/types';
import type { Span } from '../core/mask';
import { fieldRulesFor } from '../core/policy/active';
import type { ContentPolicy, FieldRule } from '../core/policy/types';

/** A span plus the kind recorded when it is revealed ("CPF" or "rule:<id>"). */
export interface KindSpan extends Span {
  kind: string;
}

const NOT_BLANK = /\S/;
/** A value that is the whole text of a field is short; longer text carries its own context. */
const MAX_LABELLED_VALUE = 48;

/**
 * What the content script asks of the detection engine for one policy. Built once
 * per policy: the per-text work stays a cheap pre-filter plus one scan.
 */
export class Detector {
  readonly rules: FieldRule[];
  /** One selector list for every field rule, so `closest()` is called once per text. */
  readonly ruleSelector: string | null;
  readonly ignoreSelector: string | null;
  private readonly types: DetectorType[];
  private readonly minConfidence: ContentPolicy['detectors']['minConfidence'];

  constructor(policy: ContentPolicy, url: string) {
    this.types = [...policy.detectors.enabled];
    this.minConfidence = policy.detectors.minConfidence;
    this.rules = fieldRulesFor(url, policy).filter((r) => isValidSelector(r.selector));
    this.ruleSelector = this.rules.length > 0 ? this.rules.map((r) => r.selector).join(',') : null;
    const ignore = policy.ignoreSelectors.filter(isValidSelector);
    this.ignoreSelector = ignore.length > 0 ? ignore.join(',') : null;
  }

  /**
   * True when `text` certainly has no sensitive span whatever element holds it:
   * decided before the caller looks at the element, for most text nodes of a page.
   */
  skips(text: string): boolean {
    return this.ruleSelector === null && this.noDetectorMatch(text);
  }

  /** No detector can match: none enabled, too short, or the engine's own pre-filter says no. */
  private noDetectorMatch(text: string): boolean {
    return this.types.length === 0 || text.length < 4 || !mayContainSensitive(text);
  }

  /** The field rule an element falls under (itself or an ancestor), if any. */
  ruleFor(element: Element | null): FieldRule | null {
    if (!element || !this.ruleSelector) return null;
    const hit = element.closest(this.ruleSelector);
    if (!hit) return null;
    for (const rule of this.rules) if (hit.matches(rule.selector)) return rule;
    return null;
  }

  isIgnored(element: Element): boolean {
    return this.ignoreSelector !== null && element.closest(this.ignoreSelector) !== null;
  }

  /**
   * Sensitive spans of a text; a field rule makes the whole (trimmed) text one span.
   * `label` (the text of the element's visible label, see field-label.ts) is read
   * as context for a short value with no match of its own: context words raise
   * confidence, they never replace a check digit.
   */
  spans(text: string, rule: FieldRule | null, label: (() => string | null) | null = null): KindSpan[] {
    if (rule) {
      if (!NOT_BLANK.test(text)) return [];
      const start = text.search(NOT_BLANK);
      const end = text.trimEnd().length;
      return [{ start, end, label: rule.kind, kind: `rule:${rule.id}` }];
    }
    // The engine's own pre-filter: most text nodes (labels, prose) end here.
    if (this.noDetectorMatch(text)) return [];
    const options = { types: this.types, minConfidence: this.minConfidence };
    let matches = scan(text, options);
    let shift = 0;
    const context = matches.length === 0 && label && text.length <= MAX_LABELLED_VALUE ? label() : null;
    if (context) {
      shift = context.length + 1;
      matches = scan(`${context}\n${text}`, options).filter((m) => m.start >= shift);
    }
    return matches.map((m) => ({ start: m.start - shift, end: m.end - shift, label: m.type, kind: m.type }));
  }
}

function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
