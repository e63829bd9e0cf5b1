import { exposeEditor } from './editor-page';

// A bare contenteditable, as many CRMs' note fields are: the browser's own editing and undo.
const root = document.getElementById('editor') as HTMLElement;
exposeEditor({
  html: () => root.innerHTML,
  // biome-ignore lint/performance/useDomNodeTextContent: apps save the text as laid out; a mask must not change it
  model: () => root.innerText,
});
