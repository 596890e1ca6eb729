import { describe, expect, it } from 'vitest';
import { createTestKey, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { createRandom } from '../demo/random';

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('hostile input to ingest', () => {
  const testApp = useTestApp();

  async function setup() {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'write');
    const post = (url: string, payload: string | Buffer, contentType = 'application/json') =>
      app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
        payload,
      });
    return { ctx, app, workspace, key, post };
  }

  it('answers every malformed body with a 4xx, never a 5xx', async () => {
    const { post } = await setup();
    const bodies: [string, string | Buffer][] = [
      ['/v1/track', '{"userId": "u", "event": '],
      ['/v1/track', '[]'],
      ['/v1/track', '"just a string"'],
      ['/v1/track', 'null'],
      ['/v1/track', '{"userId": {"nested": true}, "event": "E"}'],
      ['/v1/track', '{"userId": "u", "event": 42}'],
      ['/v1/track', '{"userId": "u", "event": "E", "properties": "not an object"}'],
      ['/v1/track', '{"userId": "u", "event": "E", "timestamp": {"$date": 1}}'],
      ['/v1/track', JSON.stringify({ userId: 'u', event: 'E', properties: { big: 'x'.repeat(1024 * 1024) } })],
      ['/v1/batch', JSON.stringify({ batch: 'nope' })],
      [
        '/v1/batch',
        JSON.stringify({
          batch: [{ type: 'track', userId: 'u', event: 'E', properties: { s: 'y'.repeat(1024 * 1024) } }],
        }),
      ],
      ['/v1/track', deep(10_000)],
      ['/v1/batch', `{"batch":[${deep(5_000)}]}`],
      [
        '/v1/track',
        Buffer.from([0x7b, 0x22, 0x75, 0x73, 0x65, 0x72, 0x49, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      ],
      ['/v1/identify', '{"userId": "", "traits": {}}'],
      ['/v1/alias', '{"userId": "u"}'],
      ['/v1/group', '{"userId": "u"}'],
    ];
    for (const [url, body] of bodies) {
      const response = await post(url, body);
      expect(response.statusCode, `${url} ${String(body).slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${url} ${String(body).slice(0, 60)}`).toBeLessThan(500);
      expect(response.json().error.message).toBeTruthy();
    }
  });

  it('stores odd-but-valid input normalised: NULs, lone surrogates, unknown fields, 1970 and 2100', async () => {
    const { ctx, workspace, post } = await setup();
    const response = await post(
      '/v1/batch',
      JSON.stringify({
        batch: [
          {
            type: 'track',
            messageId: 'nul',
            userId: 'u\u0000ser',
            event: 'Ev\u0000ent',
            properties: { 'k\u0000': 'v\u0000' },
          },
          {
            type: 'track',
            messageId: 'surrogate',
            userId: 'u',
            event: 'E',
            properties: { text: 'half \ud83d of an emoji' },
          },
          {
            type: 'track',
            messageId: 'unknown',
            userId: 'u',
            event: 'E',
            favouriteColour: 'blue',
            integrations: { All: true },
          },
          { type: 'track', messageId: 'epoch', userId: 'u', event: 'E', timestamp: '1970-01-01T00:00:00Z' },
          { type: 'track', messageId: 'future', userId: 'u', event: 'E', timestamp: '2100-01-01T00:00:00Z' },
          { type: 'identify', messageId: 'numeric-id', userId: 12345, traits: { email: 'n@example.test' } },
        ],
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 6, rejected: [] });
    const { rows } = await ctx.pool.query(
      `select message_id, user_id, event, properties, extra, "timestamp", received_at, original_timestamp
         from events where workspace_id = $1 order by message_id`,
      [workspace.id],
    );
    const byId = Object.fromEntries(rows.map((row) => [row.message_id, row]));
    expect(byId.nul).toMatchObject({ user_id: 'user', event: 'Event', properties: { k: 'v' } });
    expect(byId.surrogate.properties.text).toBe('half \ufffd of an emoji');
    expect(byId.unknown.extra).toEqual({ integrations: { All: true }, unknown: { favouriteColour: 'blue' } });
    for (const id of ['epoch', 'future']) {
      // An impossible moment becomes the time Baton received it; the original is kept.
      expect(byId[id].timestamp.getTime(), id).toBe(byId[id].received_at.getTime());
      expect(byId[id].original_timestamp, id).not.toBeNull();
    }
    expect(byId['numeric-id'].user_id).toBe('12345');
  });

  it('survives a thousand random mutations of valid messages', async () => {
    const { app, post } = await setup();
    const random = createRandom(99);
    const valid = {
      type: 'track',
      userId: 'u',
      event: 'Clicked',
      properties: { a: 1, b: 'two', c: [3] },
      context: { page: { url: 'https://x.example/' } },
    };
    const text = JSON.stringify({ batch: [valid] });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i += 1) {
      const chars = [...text];
      for (let edits = random.int(1, 4); edits > 0; edits -= 1) {
        const at = random.int(0, chars.length - 1);
        const roll = random.next();
        if (roll < 0.33) chars.splice(at, 1);
        else if (roll < 0.66)
          chars.splice(at, 0, random.pick(['{', '}', '"', ',', ':', '[', ']', '\\', '0', 'x', '\u0000', 'é']));
        else chars[at] = random.pick(['1', 'null', 'true', '"', '\\u0000', '{}']);
      }
      const response = await post('/v1/batch', chars.join(''));
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect(response.statusCode, chars.join('')).toBeLessThan(500);
    }
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});
