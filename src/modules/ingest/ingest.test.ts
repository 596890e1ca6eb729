import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTestKey, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe('Segment-compatible ingest', () => {
  const testApp = useTestApp();

  async function setup() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'write');
    const storedCount = async () =>
      (await ctx.pool.query('select count(*)::int as n from events where workspace_id = $1', [workspace.id])).rows[0].n;
    return { ctx, app, workspace, admin, key, storedCount };
  }

  it('stores a track call sent with HTTP Basic auth, with clock skew corrected', async () => {
    const { ctx, app, workspace, key } = await setup();
    const sentAt = new Date(Date.now() + 60 * 60_000); // the sender's clock runs an hour fast
    const timestamp = new Date(sentAt.getTime() - 5_000);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: basic(key), 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
      payload: {
        messageId: 'm-track-1',
        anonymousId: 'anon-1',
        event: 'Content Downloaded',
        properties: { title: '10 Tips for Improving your Widget ROI' },
        context: { campaign: { source: 'google', medium: 'cpc', name: 'widgets' } },
        timestamp: timestamp.toISOString(),
        sentAt: sentAt.toISOString(),
      },
    });
    // The request's own User-Agent (a server library's) is not taken as the visitor's.
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ success: true, accepted: 1, duplicates: 0, droppedAsBots: 0, rejected: [] });
    const { rows } = await ctx.pool.query(
      'select type, event, anonymous_id, "timestamp", received_at, context from events where workspace_id = $1',
      [workspace.id],
    );
    expect(rows[0]).toMatchObject({ type: 'track', event: 'Content Downloaded', anonymous_id: 'anon-1' });
    // corrected timestamp = receivedAt - 5 s
    expect(rows[0].received_at.getTime() - rows[0].timestamp.getTime()).toBe(5_000);
    expect(rows[0].context).toEqual({
      ip: '127.0.0.1',
      campaign: { source: 'google', medium: 'cpc', name: 'widgets' },
    });
  });

  it('takes the browser short forms with the write key inside a text/plain body', async () => {
    const { app, key, storedCount } = await setup();
    for (const [path, body] of [
      ['/v1/p', { type: 'page', anonymousId: 'a', properties: { url: 'https://x.example/' } }],
      ['/v1/i', { type: 'identify', anonymousId: 'a', traits: { email: 'a@x.example' } }],
      ['/v1/t', { type: 'track', anonymousId: 'a', event: 'Clicked' }],
      ['/v1/g', { type: 'group', anonymousId: 'a', groupId: 'g1' }],
      ['/v1/a', { type: 'alias', userId: 'u1', previousId: 'a' }],
      ['/v1/s', { type: 'screen', anonymousId: 'a', name: 'Home' }],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({ ...body, writeKey: key }),
      });
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
    }
    expect(await storedCount()).toBe(6);
  });

  it('stores each message of a replayed batch exactly once', async () => {
    const { app, key, storedCount } = await setup();
    const batch = {
      batch: Array.from({ length: 50 }, (_, i) => ({
        type: 'track',
        messageId: `replay-${i}`,
        userId: `user-${i % 5}`,
        event: 'Viewed Pricing',
      })),
    };
    const send = () =>
      app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic(key) }, payload: batch });
    expect((await send()).json()).toMatchObject({ accepted: 50, duplicates: 0 });
    expect((await send()).json()).toMatchObject({ accepted: 0, duplicates: 50 });
    // Concurrent first tries of one new batch (separate flushes racing on the same keys), too.
    const fresh = {
      batch: Array.from({ length: 300 }, (_, i) => ({
        type: 'track',
        messageId: `race-${i}`,
        userId: 'racer',
        event: 'E',
      })),
    };
    const racing = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic(key) }, payload: fresh }),
      ),
    );
    expect(racing.map((result) => result.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(racing.reduce((sum, result) => sum + result.json().accepted, 0)).toBe(300);
    expect(await storedCount()).toBe(350);
    // Concurrent retries of the same batch, too.
    const results = await Promise.all([send(), send(), send()]);
    expect(results.every((result) => result.statusCode === 200)).toBe(true);
    expect(await storedCount()).toBe(350);
  });

  it('names every refused message in a batch and stores the rest', async () => {
    const { ctx, app, workspace, key, storedCount } = await setup();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basic(key) },
      payload: {
        batch: [
          { type: 'track', userId: 'u', event: 'Fine', messageId: 'ok-1' },
          { type: 'track', userId: 'u', messageId: 'no-event' },
          { type: 'page', messageId: 'no-ids' },
          { type: 'launch', userId: 'u', messageId: 'bad-type' },
          { type: 'track', userId: 'u', event: 'Huge', messageId: 'huge', properties: { blob: 'x'.repeat(40_000) } },
          { type: 'identify', userId: 'u', messageId: 'bad-time', timestamp: 'yesterday-ish' },
          'not an object',
          { type: 'identify', userId: 'u', messageId: 'ok-2', traits: { email: 'u@example.test' } },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((item: { index: number }) => item.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.rejected[0]).toMatchObject({ messageId: 'no-event', field: 'event' });
    expect(result.rejected[3].reason).toMatch(/limit is 32768/);
    expect(await storedCount()).toBe(2);
    const { rows } = await ctx.pool.query('select count(*)::int as n from ingest_rejections where workspace_id = $1', [
      workspace.id,
    ]);
    expect(rows[0].n).toBe(6);
  });

  it('answers 413 for a batch over 500 KB and for one message over 32 KB', async () => {
    const { app, key } = await setup();
    const big = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basic(key), 'content-type': 'application/json' },
      payload: JSON.stringify({
        batch: [{ type: 'track', userId: 'u', event: 'E', properties: { x: 'y'.repeat(520_000) } }],
      }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/512000 bytes/);
    const single = await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: basic(key), 'content-type': 'application/json' },
      payload: JSON.stringify({ userId: 'u', event: 'E', properties: { x: 'y'.repeat(33_000) } }),
    });
    expect(single.statusCode).toBe(413);
  });

  it('accepts gzip-compressed batches', async () => {
    const { app, key, storedCount } = await setup();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basic(key), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ batch: [{ type: 'track', userId: 'u', event: 'Zipped' }] })),
    });
    expect(response.statusCode).toBe(200);
    expect(await storedCount()).toBe(1);
  });

  it('refuses calls without a valid write key, and drops bots while counting them', async () => {
    const { ctx, app, workspace, key, storedCount } = await setup();
    const noKey = await app.inject({ method: 'POST', url: '/v1/track', payload: { userId: 'u', event: 'E' } });
    expect(noKey.statusCode).toBe(401);
    const badKey = await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ writeKey: 'wk_nope', userId: 'u', event: 'E' }),
    });
    expect(badKey.statusCode).toBe(401);
    const bot = await app.inject({
      method: 'POST',
      url: '/v1/page',
      headers: { authorization: basic(key) },
      payload: {
        anonymousId: 'crawler',
        properties: { url: 'https://x.example/' },
        context: { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
      },
    });
    expect(bot.statusCode).toBe(200);
    expect(bot.json()).toMatchObject({ accepted: 0, droppedAsBots: 1 });
    expect(await storedCount()).toBe(0);
    const { rows } = await ctx.pool.query(
      'select sum(bots)::int as bots from ingest_daily_stats where workspace_id = $1',
      [workspace.id],
    );
    expect(rows[0].bots).toBe(1);
  });

  it('serves the settings the Segment browser library asks for, pointing it at Baton', async () => {
    const { app, key } = await setup();
    const response = await app.inject({ url: `/v1/projects/${key}/settings`, headers: { host: 'baton.example:8080' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().integrations['Segment.io']).toMatchObject({
      apiKey: key,
      apiHost: 'baton.example:8080/v1',
      protocol: 'http',
    });
    expect((await app.inject({ url: '/v1/projects/wk_unknown/settings' })).statusCode).toBe(404);
    const script = await app.inject({ url: `/analytics.js/v1/${key}/analytics.min.js` });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });
});

describe('ingest rate limits', () => {
  const testApp = useTestApp({ env: { BATON_INGEST_EVENTS_PER_SECOND_PER_KEY: '20' } });

  it('answers 429 with Retry-After when a write key sends too fast', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'write');
    const send = (count: number) =>
      app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: basic(key) },
        payload: { batch: Array.from({ length: count }, () => ({ type: 'track', userId: 'u', event: 'E' })) },
      });
    expect((await send(15)).statusCode).toBe(200);
    const limited = await send(15);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
