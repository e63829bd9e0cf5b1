/** TipTap 3.35 (ProseMirror): a note typed with a CPF; see editor-session.ts for what is checked. */
import { editorCompat } from './editor-session';

editorCompat({ name: 'TipTap 3.35 (ProseMirror)', page: '/compat/tiptap.html', root: '.ProseMirror' });
