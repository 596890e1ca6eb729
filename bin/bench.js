#!/usr/bin/env node
// `npm run bench -- <name> [args…]` runs bench/<name>.ts; without a name it lists the benchmarks.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -3));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <name> [options]\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
process.argv = [process.argv[0], path.join(benchDir, `${name}.ts`), ...rest];
register();
await import(path.join(benchDir, `${name}.ts`));
