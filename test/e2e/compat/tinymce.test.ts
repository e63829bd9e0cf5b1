/** TinyMCE 8.9 (self-hosted, editing in its iframe): a note typed with a CPF; see editor-session.ts. */
import { editorCompat } from './editor-session';

editorCompat({
  name: 'TinyMCE 8.9',
  page: '/compat/tinymce.html',
  root: '#tinymce',
  frame: 'iframe.tox-edit-area__iframe',
});
