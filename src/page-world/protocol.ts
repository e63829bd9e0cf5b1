/**
 * The two DOM events between the content script (isolated world) and the
 * page-world script (the page's own world). Both worlds share the DOM but not
 * their JavaScript objects, so the details are JSON strings. The page sees and
 * can send these events too: see the trust notes in page-world/main.ts.
 */

/** Content script -> page world: a JSON `PageConfig`. Also the answer to HELLO_EVENT. */
export const CONFIG_EVENT = 'sigilo:page-config';
/** Page world -> content script: "I am here, send me the configuration" (no detail). */
export const HELLO_EVENT = 'sigilo:page-hello';
/**
 * Page world -> content script (no detail): the page just called an API that can
 * change what is painted without a DOM mutation (highlights, style sheets, a
 * field's value, a shadow root): the content script checks its masks at the next
 * frames. A page sending it itself only makes Sigilo check more often.
 */
export const WAKE_EVENT = 'sigilo:wake';
/** Page world -> content script: a JSON `DrawnValue[]` of masked values drawn on a canvas. */
export const DRAWN_EVENT = 'sigilo:canvas-drawn';

/**
 * Page world -> content script, synchronously while the page writes to the
 * clipboard: detail is the text (already masked for what the detectors find);
 * the content script answers at once with ANSWER_EVENT, whose detail is that
 * text with every value masked on screen by other means (a policy field rule, a
 * label's context) in its masked form too. DOM events are dispatched
 * synchronously across worlds, so the answer is there when dispatchEvent returns.
 */
export const ASK_EVENT = 'sigilo:mask-text';
export const ANSWER_EVENT = 'sigilo:masked-text';

export interface PageConfig {
  /** False where the policy excludes the site: the page world then changes nothing. */
  active: boolean;
  types: string[];
  minConfidence: Record<string, number>;
  style: 'full' | 'partial' | 'chip';
  keepLast: number;
  /**
   * Values shown unmasked right now, as [kind, value]. Only values the page itself
   * displays are ever revealed, so this tells the page nothing it does not hold;
   * without it a revealed value would still be masked when the app copies it.
   */
  revealed: [string, string][];
}

export interface DrawnValue {
  kind: string;
  value: string;
}
