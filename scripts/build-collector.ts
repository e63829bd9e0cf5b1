import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';

// `npm run build:collector`: the review UI and the service's JavaScript into
// dist-collector/ (main.js, admin.js, ui/dist/). The UI goes next to main.js
// because the built collector looks for it beside itself (ui/dist).
const vite = path.resolve('node_modules/.bin/vite');
const out = path.resolve('dist-collector');
rmSync(out, { recursive: true, force: true });
execFileSync(vite, ['build', '--logLevel', 'warn', '-c', 'src/collector/ui/vite.config.ts'], {
  stdio: 'inherit',
});
execFileSync(vite, ['build', '--logLevel', 'warn', '-c', 'vite.collector.config.ts'], { stdio: 'inherit' });
cpSync(path.resolve('src/collector/ui/dist'), path.join(out, 'ui', 'dist'), { recursive: true });
console.log('built dist-collector/ (node dist-collector/main.js)');
