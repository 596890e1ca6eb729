#!/usr/bin/env node
// Runs Baton. After `npm run build`, the server bundle in dist/ is used while it is newer than
// every source file; otherwise the TypeScript in src/ runs directly (tsx compiles it on the fly),
// so `npx baton …` works in a fresh clone and a developer never runs a stale build.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'server', 'main.js');

function newestSourceChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function freshBundle() {
  try {
    return statSync(bundle).mtimeMs >= newestSourceChange(path.join(root, 'src'));
  } catch {
    return false;
  }
}

if (freshBundle()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
