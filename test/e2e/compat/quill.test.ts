/** Quill 2.0.3: a note typed with a CPF; see editor-session.ts for what is checked. */
import { editorCompat } from './editor-session';

editorCompat({ name: 'Quill 2.0.3', page: '/compat/quill.html', root: '.ql-editor' });
