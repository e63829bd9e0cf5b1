import tinymce from 'tinymce';
import 'tinymce/icons/default';
import 'tinymce/themes/silver';
import 'tinymce/models/dom';
// Self-hosted and bundled: the skins register themselves as resources instead of being fetched.
import 'tinymce/skins/ui/oxide/skin.js';
import 'tinymce/skins/ui/oxide/content.js';
import 'tinymce/skins/content/default/content.js';
import { exposeEditor } from './editor-page';

const [editor] = await tinymce.init({
  selector: '#editor',
  license_key: 'gpl',
  skin_url: 'default',
  content_css: 'default',
  menubar: false,
  statusbar: false,
  promotion: false,
  toolbar: 'undo redo | bold italic',
  height: 260,
});
if (!editor) throw new Error('TinyMCE did not start');
exposeEditor({ html: () => editor.getContent(), model: () => editor.getBody().innerHTML });
