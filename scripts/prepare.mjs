// Runs after `npm ci` / `npm install`: builds the web application into dist/web so that
// `npm start` serves it at `/`. The server itself runs from TypeScript through tsx (no build).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync('src/web/index.html') || !existsSync('node_modules/vite')) {
  console.log('prepare: no web app or no vite; skipping the web build');
  process.exit(0);
}
const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
