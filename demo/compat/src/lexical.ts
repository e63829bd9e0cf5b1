import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { $generateHtmlFromNodes } from '@lexical/html';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { createEditor } from 'lexical';
import { exposeEditor } from './editor-page';

const editor = createEditor({
  namespace: 'sigilo-compat',
  nodes: [HeadingNode, QuoteNode],
  onError: (error) => {
    throw error;
  },
});
editor.setRootElement(document.getElementById('editor'));
registerRichText(editor);
// delay 0: every change is its own undo step, so undo does not depend on typing speed.
registerHistory(editor, createEmptyHistoryState(), 0);

// What an app saves: the HTML Lexical generates from its own model, and the model itself.
exposeEditor({
  html: () => editor.getEditorState().read(() => $generateHtmlFromNodes(editor, null)),
  model: () => editor.getEditorState().toJSON(),
});
