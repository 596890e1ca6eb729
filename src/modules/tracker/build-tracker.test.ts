import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTracker } from './build-tracker';

describe('the built tracker script', () => {
  it('stays within 5 KB gzipped', async () => {
    const script = await buildTracker();
    expect(gzipSync(script).length).toBeLessThanOrEqual(5 * 1024);
  });

  it('is one self-contained classic script that leaks no globals but window.baton', async () => {
    const script = await buildTracker();
    expect(script).toMatch(/^"use strict";\(\(\)=>\{/);
    expect(script).not.toMatch(/\bimport\b|\brequire\(|\bexport\b/);
    expect(() => new Function(script)).not.toThrow();
  });

  it('is built once and kept', async () => {
    expect(buildTracker()).toBe(buildTracker());
    expect(await buildTracker()).toBe(await buildTracker());
  });
});
