import Quill from 'quill';
import 'quill/dist/quill.snow.css';
import { exposeEditor } from './editor-page';

// history.delay 0: every change is its own undo step, so undo does not depend on typing speed.
const quill = new Quill('#editor', { theme: 'snow', modules: { history: { delay: 0, userOnly: true } } });
exposeEditor({ html: () => quill.root.innerHTML, model: () => quill.getContents() });
