import { describe, expect, it } from 'vitest';
import { hashSecret, idAt, isUuid, newId, randomToken } from './ids';

describe('ids', () => {
  it('makes version-7 UUIDs that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId(1_700_000_000_000));
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19]!))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('encodes the given moment in idAt', () => {
    const millis = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    const hex = idAt(millis).replaceAll('-', '').slice(0, 12);
    expect(Number.parseInt(hex, 16)).toBe(millis);
  });

  it('makes base62 tokens of the asked length and hashes secrets deterministically', () => {
    expect(randomToken(40)).toMatch(/^[0-9A-Za-z]{40}$/);
    expect(randomToken(40)).not.toBe(randomToken(40));
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
