/**
 * The style Sigilo puts into every document and shadow root it masks.
 *
 * Why a constructed sheet in adoptedStyleSheets AND a <style> under <html>: the
 * ::highlight rule is what makes masked characters invisible, so losing it would
 * unmask the page. Frameworks own <head>/<body> children and some CSS-in-JS
 * libraries reassign document.adoptedStyleSheets; nobody owns both places, so
 * the rule survives either being reset (and guardStyles() re-adds them on each flush).
 *
 * Why the heavy selectors: a host page's own rules (even `!important`) must not
 * undo a mask. `:not(#a#b#c)` adds ID-level specificity (3,0,0) few page rules
 * reach, and adopted sheets come after document sheets, so ties go to Sigilo.
 */
export const HIGHLIGHT_MASK = 'sigilo-mask';
/** Text of a subtree still being processed in slices: invisible until masked. */
export const HIGHLIGHT_PENDING = 'sigilo-pending';
/** Marker attribute on form fields whose value is masked. */
export const FIELD_ATTR = 'data-sigilo-masked';
/** Marker attribute on elements Sigilo made focusable (tabindex) for keyboard reveal. */
export const FOCUS_ATTR = 'data-sigilo-focus';

const BOOST = ':not(#s\\#1#s\\#2#s\\#3)';

export const PAGE_CSS = `
::highlight(${HIGHLIGHT_MASK}) {
  color: transparent !important;
  -webkit-text-fill-color: transparent !important;
  -webkit-text-stroke-color: transparent !important;
  text-shadow: none !important;
  text-decoration: none !important;
  background-color: #5b6068 !important;
}
::highlight(${HIGHLIGHT_PENDING}) {
  color: transparent !important;
  -webkit-text-fill-color: transparent !important;
  text-shadow: none !important;
  background-color: transparent !important;
}
/* Selection paints over highlights (MASKING-NOTES 2): with an author ::selection
   that sets no colour the selected text keeps its own (transparent) colour. The
   page may still style the selection background; its text colour is ours. */
::selection { background-color: rgba(0, 110, 255, 0.35); }
*${BOOST}::selection, ${BOOST}::selection { color: unset !important; -webkit-text-fill-color: unset !important; text-shadow: none !important; }
[${FIELD_ATTR}]${BOOST}, [${FIELD_ATTR}]${BOOST}:focus {
  -webkit-text-security: disc !important;
  text-security: disc !important;
}
select[${FIELD_ATTR}]${BOOST}, option[${FIELD_ATTR}]${BOOST} {
  color: transparent !important;
  -webkit-text-fill-color: transparent !important;
  text-shadow: none !important;
  background-color: #5b6068 !important;
}
[${FOCUS_ATTR}]:focus-visible { outline: 2px solid #1a73e8 !important; outline-offset: 1px !important; }
`;

/** Until the first pass with the effective policy is done, nothing of the page is painted. */
export const BOOT_HIDE_CSS = `:root${BOOST}, :root${BOOST} body { opacity: 0 !important; }`;
