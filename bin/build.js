#!/usr/bin/env node
// Builds what runs in production: the web app (web/dist) and a bundle of the server
// (dist/server/main.js, npm packages left external) that bin/baton.js prefers while it is fresh.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
await viteBuild({ configFile: path.join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
await esbuild({
  entryPoints: [path.join(root, 'src', 'main.ts')],
  outfile: path.join(root, 'dist', 'server', 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
writeFileSync(path.join(root, 'dist', 'server', 'built-at'), new Date().toISOString());
console.log(`built web app and server in ${Math.round(performance.now() - started)} ms`);
