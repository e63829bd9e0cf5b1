/**
 * The style Sigilo puts into every document and shadow root it masks.
 *
 * Why a constructed sheet in adoptedStyleSheets AND a <style> under <html>: the
 * ::highlight rule is what makes masked characters invisible, so losing it would
 * unmask the page. Frameworks own <head>/<body> children and some CSS-in-JS
 * libraries reassign document.adoptedStyleSheets; nobody owns both places, so
 * the rule survives either being reset (and guardStyles() re-adds them on each flush).
 *
 * Why a cascade layer, !important and heavy selectors: a host page's own rules
 * (even `!important`, with any specificity) must not undo a mask. Important
 * declarations in a layer beat every unlayered important one whatever its
 * specificity, and among layers the FIRST declared wins for important ones: the
 * <style> element is kept as the first child of <html>, so `sigilo` is the first
 * layer of the document. `:not(#a#b#c)` still settles ties inside the layer.
 */
import { A11Y_ATTR, TYPED_SPACING } from './a11y';

export const HIGHLIGHT_MASK = 'sigilo-mask';
/** Marker attribute on a subtree still being masked in slices: invisible (opacity 0) until done; "big" also skips its rendering. */
export const PENDING_ATTR = 'data-sigilo-pending';
/** Marker attribute on form fields whose value is masked. */
export const FIELD_ATTR = 'data-sigilo-masked';
/** Marker attribute on elements whose whole text is a masked value (see Masker.wholeElement). */
export const TEXT_ATTR = 'data-sigilo-text';
/** Marker attribute on the elements whose own text holds a value hidden by a highlight near the viewport (see holder-marks.ts). */
export const HOLDER_ATTR = 'data-sigilo-holds';
/**
 * Marker attribute on a whole-element value that is a flex or grid container:
 * its overlay is positioned out of flow ("static": the element is made the
 * containing block with position: relative; "positioned": it already is one).
 */
export const BOX_ATTR = 'data-sigilo-box';
/**
 * Marker attribute on an element holding highlight-masked text while it is far
 * from the viewport: its whole text is transparent, and its ranges are out of
 * the highlight (see near-view.ts).
 */
export const FAR_ATTR = 'data-sigilo-far';

export const BOOST = ':not(#s\\#1#s\\#2#s\\#3)';

/**
 * A whole-element value near the viewport: its TEXT_ATTR holds the masked form,
 * which its overlay paints. Far from it the attribute is empty (see Masker.moveOverlays):
 * the glyphs stay transparent discs and no overlay or selection style is built.
 * Measured on a 5,000-row table: a ::before per masked cell cost ≈0.3 s of style
 * and layout, selection styles on every masked cell ≈0.28 s; the discs alone ≈0.
 */
const SHOWN = `[${TEXT_ATTR}]:not([${TEXT_ATTR}=""])`;

/** The cascade layer holding every mask rule (see above). */
export const LAYER = 'sigilo';

/**
 * Highlight pseudo-elements the browser paints over a custom highlight: the
 * selection, a URL text fragment (`#:~:text=`), find-in-page matches. Each may
 * set no colour of its own on text that holds a masked value (the text then keeps
 * the highlight's transparent colour). One rule per pseudo-element: a selector the
 * engine does not know drops its whole rule. Spelling and grammar marks also paint
 * over custom highlights, but only in editable text, where the agent is the one
 * typing and the editor's marks are left as the page and the user expect them;
 * their rules on every holder cost a quarter of the style time of a chat stream.
 */
const OVER_HIGHLIGHTS = ['::selection', '::target-text', '::search-text'];

/**
 * Text being edited (contenteditable, an editor library's root) is matched by the
 * page's own attribute instead of HOLDER_ATTR: an editor saves every attribute under
 * its root with the note (see Masker.markEntry).
 */
const EDITABLE = '[contenteditable]';

function editable(pseudo: string): string {
  return `
${EDITABLE}${pseudo}, ${EDITABLE} *${pseudo} { background-color: rgba(0, 110, 255, 0.35) !important; }
${EDITABLE}${BOOST}${pseudo}, ${EDITABLE} *${BOOST}${pseudo} { color: unset !important; -webkit-text-fill-color: unset !important; text-shadow: none !important; }`;
}

const TRANSPARENT =
  'color: transparent !important; -webkit-text-fill-color: transparent !important; text-shadow: none !important;';

function neutralise(pseudo: string): string {
  return `
[${HOLDER_ATTR}]${pseudo} { background-color: rgba(0, 110, 255, 0.35) !important; }
${editable(pseudo)}
${SHOWN}${pseudo} { background-color: rgba(0, 110, 255, 0.35) !important; }
[${HOLDER_ATTR}]${BOOST}${pseudo} { color: currentcolor !important; -webkit-text-fill-color: currentcolor !important; text-shadow: none !important; text-decoration: none !important; }
${SHOWN}${BOOST}${pseudo} { ${TRANSPARENT} text-decoration: none !important; }`;
}

const RULES = `
/* Only where masked ranges can be: text whose element holds one (HOLDER_ATTR, put
   on every such text's element) and editable text (no marker may go there). A
   universal ::highlight rule made Chromium build highlight styles for every element
   of the page (≈80 ms of style on a 5,000-row table holding no inline value). */
[${HOLDER_ATTR}]::highlight(${HIGHLIGHT_MASK}), :read-write::highlight(${HIGHLIGHT_MASK}) {
  color: transparent !important;
  -webkit-text-fill-color: transparent !important;
  -webkit-text-stroke-color: transparent !important;
  text-shadow: none !important;
  text-decoration: none !important;
  background-color: #5b6068 !important;
}
[${PENDING_ATTR}]${BOOST} { opacity: 0 !important; }
/* Text far from the viewport, whose ranges are out of the highlight (near-view.ts):
   all of it transparent, children included whatever colour the page gives them,
   selected, found or linked to (a jump to a find-in-page match can outrun the
   observer by a frame, and far text carries no HOLDER_ATTR: see holder-marks.ts).
   Not in print: printing puts the masked form into the text itself (guards.ts). */
@media not print {
  [${FAR_ATTR}]${BOOST}, [${FAR_ATTR}]${BOOST} * {
    color: transparent !important;
    -webkit-text-fill-color: transparent !important;
    -webkit-text-stroke-color: transparent !important;
    text-shadow: none !important;
  }
${OVER_HIGHLIGHTS.map(
  (pseudo) => `  [${FAR_ATTR}]${BOOST}${pseudo}, [${FAR_ATTR}]${BOOST} *${pseudo} { ${TRANSPARENT} }`,
).join('\n')}
}
/* A big subtree (a freshly rendered table) is also kept out of layout and paint
   while it is masked: with opacity alone Chromium re-painted the whole table
   after every slice (≈130 ms frames, 30 of them, for 5,000 rows). */
[${PENDING_ATTR}="big"]${BOOST} { content-visibility: hidden !important; }
/* Selection paints over highlights (MASKING-NOTES 2). In a highlight pseudo-element
   currentcolor is the colour of the layer below: the selected text keeps the colour
   it had, transparent where our highlight made it so, whatever the page's own
   ::selection says (on the element or, through highlight inheritance, on any
   ancestor: currentcolor inherits nothing). So only the text's own element is
   marked (HOLDER_ATTR). Not a universal rule: that made Chromium compute selection
   styles for every element (+0.35 s of style on a 5,000-row table). A whole-element
   value has no visible character of its own, so its selection text is simply
   transparent. */
${OVER_HIGHLIGHTS.map(neutralise).join('\n')}
/* A masked input or textarea: its glyphs are transparent (value, caret and
   selection untouched; the caret keeps the text colour) and Sigilo's mirror
   paints the text with only the values masked (field-mirror.ts). */
[${FIELD_ATTR}]${BOOST}, [${FIELD_ATTR}]${BOOST}:focus {
  -webkit-text-fill-color: transparent !important;
  text-shadow: none !important;
}
[${FIELD_ATTR}]${BOOST}::selection {
  -webkit-text-fill-color: transparent !important;
  color: transparent !important;
}
/* Printed (and saved as PDF), transparent glyphs would still be text a reader
   extracts: there the field's own glyphs become discs. */
@media print {
  [${FIELD_ATTR}]${BOOST} {
    -webkit-text-security: disc !important;
    text-security: disc !important;
  }
}
/* Paint-only on the element (no glyph or width change): masking a 5,000-row
   table must not re-lay it out. Near the viewport, the masked form (the
   attribute's value) is painted over the transparent glyphs by a ::before of
   zero width (far from it the attribute is empty: no ::before), so the
   element keeps its size; its text overflows rightwards over the hidden text,
   white on the mask grey (a bar drawn by a thick, raised underline, which paints
   behind glyphs and, unlike a background, is as wide as the text, not the box).
   Fixed colours: the page's own (even !important) cannot recolour a mask. The
   overlay is hidden from assistive technology ("/ ''"): it is a picture of the mask.
   Safety never depends on the overlay (the glyphs stay transparent whatever a
   page's ::before rules do to it), so it carries only the declarations it needs:
   every extra reset cost style and layout time on each of 15,000 cells (a
   5,000-row table's first layout went from 4.0 s to 6.0 s with a full reset list). */
[${TEXT_ATTR}]${BOOST} {
  color: transparent !important;
  -webkit-text-fill-color: transparent !important;
  -webkit-text-stroke-color: transparent !important;
  text-shadow: none !important;
  /* For assistive technology, which reads the text as laid out (see a11y.ts);
     letter-spacing keeps the element as wide as its characters were. */
  -webkit-text-security: disc !important;
  letter-spacing: 0.1em !important;
}

/* The fitted spacing (a11y.ts TextWidthKeeper), read from the element itself: no rule
   per value, so no change of our style sheet (each restyled the whole page). Where
   typed attr() is unknown, a rule per value does it (spacingRule). */
@supports (${TYPED_SPACING}) {
  [${TEXT_ATTR}][${A11Y_ATTR}]${BOOST} { letter-spacing: attr(${A11Y_ATTR} type(<length>), 0.1em) !important; }
}
${SHOWN}${BOOST}::before {
  content: attr(${TEXT_ATTR}) !important; /* for engines without alternative text */
  content: attr(${TEXT_ATTR}) / "" !important;
  display: inline-block !important;
  position: static !important;
  float: none !important;
  width: 0 !important;
  vertical-align: baseline !important;
  white-space: pre !important;
  -webkit-text-security: none !important;
  letter-spacing: normal !important;
  -webkit-text-fill-color: #fff !important;
  text-decoration: underline #5b6068 !important;
  text-decoration-thickness: 1.3em !important;
  text-underline-offset: -1.05em !important;
  text-decoration-skip-ink: none !important;
}
/* In a flex or grid element an in-flow ::before is an item and would move the
   text (gap, space-between, columns): there it is absolutely positioned at its
   static position (where the text starts, following justify-content), in the
   element itself, so it scrolls and clips with it. position: relative without
   offsets moves nothing; it is only set when the element was static. */
${SHOWN}[${BOX_ATTR}="static"]${BOOST} { position: relative !important; }
${SHOWN}[${BOX_ATTR}]${BOOST}::before { position: absolute !important; width: auto !important; }
/* An option the page labelled itself cannot show its masked form: it is covered. */
option[${FIELD_ATTR}]${BOOST} {
  color: transparent !important;
  -webkit-text-fill-color: transparent !important;
  text-shadow: none !important;
  background-color: #5b6068 !important;
}
`;

export const PAGE_CSS = `@layer ${LAYER} {${RULES}}`;

/** Until the first pass with the effective policy is done, nothing of the page is painted. */
export const BOOT_HIDE_CSS = `@layer ${LAYER} { :root${BOOST}, :root${BOOST} body { opacity: 0 !important; } }`;
