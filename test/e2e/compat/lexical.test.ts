/** Lexical 0.52 (rich text + history): a note typed with a CPF; see editor-session.ts for what is checked. */
import { editorCompat } from './editor-session';

editorCompat({ name: 'Lexical 0.52.0', page: '/compat/lexical.html', root: '#editor' });
