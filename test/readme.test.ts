import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '../src/config';
import { repoRoot } from './helpers/run-cli';

describe('the README', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  it('documents every environment variable Baton reads, with its default', () => {
    for (const { name, defaultValue } of describeConfig()) {
      const row = readme.split('\n').find((line) => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`).test(line));
      expect(row, name).toBeDefined();
      if (defaultValue !== '(unset)' && !['BATON_ADMIN_PASSWORD'].includes(name)) {
        expect(row, name).toContain(`\`${defaultValue}\``);
      }
    }
  });

  it('gives the run and test commands that CI uses', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf8')).toMatch(/^npm ci && npm test$/m);
  });
});
