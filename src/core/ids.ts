import { createHash, randomBytes } from 'node:crypto';

/**
 * UUIDv7: time-ordered, so new rows land at the right edge of their index (cheap inserts on big
 * tables) and ids sort by creation time. Generated here so PostgreSQL 15 needs no extension.
 */
let lastMillis = 0;
let sequence = 0;

export function newId(now: number = Date.now()): string {
  if (now <= lastMillis) {
    // Same millisecond (or clock stepped back): keep ids strictly increasing within this process.
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMillis += 1;
  } else {
    lastMillis = now;
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  return formatUuidV7(lastMillis, sequence);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random token of `length` base62 characters (~5.95 bits each), from rejection sampling. */
export function randomToken(length: number): string {
  let token = '';
  while (token.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < 248 && token.length < length) token += base62[byte % 62];
    }
  }
  return token;
}

/** Secrets (session tokens, API keys) are stored as their SHA-256: high-entropy, so no salt is needed. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A UUIDv7 for a given moment (bulk loads of history); random bits keep ids from colliding. */
export function idAt(millis: number): string {
  return formatUuidV7(millis, randomBytes(2).readUInt16BE(0) & 0xfff);
}

function formatUuidV7(millis: number, sequence: number): string {
  const bytes = randomBytes(16);
  bytes[0] = Math.floor(millis / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(millis / 2 ** 32) & 0xff;
  bytes[2] = (millis >>> 24) & 0xff;
  bytes[3] = (millis >>> 16) & 0xff;
  bytes[4] = (millis >>> 8) & 0xff;
  bytes[5] = millis & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
