/**
 * A UUIDv7 for a given moment, with Math.random for the random bits: the demo loads millions of
 * rows, and crypto-grade randomness (the only reason to prefer core/ids for real data) costs more
 * here than everything else together. Collisions would need two ids in one millisecond to share
 * 74 random bits.
 */
const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function demoId(millis: number): string {
  const time = Math.floor(millis).toString(16).padStart(12, '0');
  const a = Math.floor(Math.random() * 0x1000);
  const b = 0x8000 | Math.floor(Math.random() * 0x4000);
  let tail = '';
  for (let i = 0; i < 6; i += 1) tail += hex[Math.floor(Math.random() * 256)];
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${a.toString(16).padStart(3, '0')}-${b.toString(16)}-${tail}`;
}
