import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { exposeEditor } from './editor-page';

const editor = new Editor({
  element: document.getElementById('editor'),
  extensions: [StarterKit],
  content: '<p></p>',
});
exposeEditor({ html: () => editor.getHTML(), model: () => editor.getJSON() });
