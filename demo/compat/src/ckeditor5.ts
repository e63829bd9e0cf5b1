import { Bold, ClassicEditor, Essentials, Italic, Paragraph } from 'ckeditor5';
import 'ckeditor5/ckeditor5.css';
import { exposeEditor } from './editor-page';

const editor = await ClassicEditor.create(document.getElementById('editor') as HTMLElement, {
  licenseKey: 'GPL',
  plugins: [Essentials, Paragraph, Bold, Italic],
  toolbar: ['undo', 'redo', '|', 'bold', 'italic'],
});
exposeEditor({
  html: () => editor.getData(),
  model: () => editor.model.document.getRoot()?.toJSON() ?? null,
});
