/** A bare contenteditable (the browser's own editing and undo): a note typed with a CPF; see editor-session.ts. */
import { editorCompat } from './editor-session';

editorCompat({ name: 'contenteditable (Chromium)', page: '/compat/contenteditable.html', root: '#editor' });
