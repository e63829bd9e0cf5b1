/** CKEditor 5 48.5: a note typed with a CPF; see editor-session.ts for what is checked. */
import { editorCompat } from './editor-session';

editorCompat({ name: 'CKEditor 5 48.5', page: '/compat/ckeditor5.html', root: '.ck-editor__editable' });
