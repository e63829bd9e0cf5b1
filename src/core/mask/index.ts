export { maskedLine, maskText, mergeSpans, type Span } from './mask-text';
export { BULLET, type CharRange, type MaskedForm, type MaskSpec, maskValue } from './mask-value';
