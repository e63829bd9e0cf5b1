import { defineConfig } from 'vite';
import { classicScript } from './vite.content.config';

// The page-world script (src/page-world/main.ts), registered with world 'MAIN' (page-world.js).
export default defineConfig(classicScript('src/page-world/main.ts', 'sigiloPageWorld', 'page-world.js'));
