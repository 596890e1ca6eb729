import { describe, expect, it } from 'vitest';
import { cacheControlWithAddress } from './public-url';

describe('responses that carry Baton’s address', () => {
  it('may be kept by shared caches only when the address is configured, not taken from the Host header', () => {
    expect(cacheControlWithAddress({ publicUrl: 'https://baton.example.com' }, 300)).toBe('public, max-age=300');
    expect(cacheControlWithAddress({ publicUrl: undefined }, 300)).toBe('private, max-age=300');
  });
});
