import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestKey, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { openPage, type TestPage } from './test-page';

type IngestAnswer = { accepted: number; duplicates: number; rejected: unknown[] };

/** The contract with the ingest API: what the tracker sends, Baton takes, as the browser sends it. */
describe('website tracker with the ingest API', () => {
  const testApp = useTestApp();
  let page: TestPage | undefined;
  afterEach(() => {
    expect(page?.problems).toEqual([]);
    page?.close();
    page = undefined;
  });

  it('has every event of a visit accepted, retries acknowledged as duplicates, and the beacon too', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const writeKey = await createTestKey(ctx, workspace.id, 'write');
    const post = (url: string, body: string) =>
      app.inject({
        method: 'POST',
        url: new URL(url).pathname,
        headers: { 'content-type': 'text/plain', origin: 'https://www.widgets.example' },
        payload: body,
      });
    const answers: IngestAnswer[] = [];
    page = await openPage({
      embed: { writeKey },
      body: `<form data-baton-form="Demo request"><input type="email" name="email" value="ada@widgets.example">
        <input name="first_name" value="Ada"><input type="password" name="pw" value="hunter2"></form>`,
      respond: async (url, body) => {
        const response = await post(url, body);
        expect(response.headers['access-control-allow-origin']).toBe('*');
        answers.push(response.json());
        return { status: response.statusCode };
      },
    });
    page.baton.identify('user-42', { plan: 'pro' });
    page.baton.track('Trial Started', { seats: 5 });
    page.document.querySelector('form')!.dispatchEvent(new page.window.Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 5000 }); // real time: one batch after ~1 s
    expect(answers[0]).toMatchObject({ accepted: 5, duplicates: 0, rejected: [] });

    const [sent] = await page.requests();
    const replay = await post(sent!.url, JSON.stringify(sent!.body));
    expect(replay.json()).toMatchObject({ accepted: 0, duplicates: 5 });

    page.baton.track('Left For Pricing');
    page.window.dispatchEvent(new page.window.Event('pagehide'));
    const beacon = (await page.requests()).at(-1)!;
    expect(beacon.via).toBe('beacon');
    expect((await post(beacon.url, JSON.stringify(beacon.body))).json()).toMatchObject({ accepted: 1 });

    const { rows } = await ctx.pool.query(
      `select type, event, anonymous_id, user_id from events where workspace_id = $1 order by "timestamp", type`,
      [workspace.id],
    );
    const anonymousId = page.cookie('baton_aid')?.value;
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.anonymous_id))).toEqual(new Set([anonymousId]));
    expect(rows.map((row) => [row.type, row.event ?? null])).toEqual(
      expect.arrayContaining([
        ['page', null],
        ['identify', null],
        ['track', 'Trial Started'],
        ['track', 'Form Submitted'],
        ['track', 'Left For Pricing'],
      ]),
    );
    expect(rows.filter((row) => row.type === 'identify')).toHaveLength(2);
  });
});
