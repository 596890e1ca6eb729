import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pipeline, startPipeline } from '../src/modules/pipeline';
import { createTestKey, createTestUser, createTestWorkspace } from './helpers/factories';
import { useTestApp } from './helpers/test-app';

describe('a lead’s journey from first visit to customer', () => {
  const testApp = useTestApp();
  let pipeline: Pipeline;
  beforeAll(() => {
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50 });
  });
  afterAll(() => pipeline.stop());

  it('records every step: created, activities, MQL, rejected (wrong timing) and recycled, accepted, deal won, customer', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const marketer = await createTestUser(ctx, app, workspace.id, 'marketing', 'Mia Marketer');
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Rita Rep');
    const as = (cookie: string) => (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const mia = as(marketer.cookie);
    const rita = as(rep.cookie);

    // Created by hand, then the website's events land on the record.
    const created = await mia('POST', '/api/contacts', {
      email: 'jon.doe@brightforge.example',
      firstName: 'Jon',
      lastName: 'Doe',
      title: 'Director of Operations',
      lifecycleStage: 'lead',
      ownerId: rep.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const jon = created.json();
    expect(jon.company).toMatchObject({ domain: 'brightforge.example' });
    const key = await createTestKey(ctx, workspace.id, 'write');
    const events = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        batch: [
          { type: 'identify', userId: 'jon', traits: { email: 'jon.doe@brightforge.example' } },
          {
            type: 'track',
            userId: 'jon',
            event: 'Content Downloaded',
            properties: { title: '10 Tips for Improving your Widget ROI' },
          },
          { type: 'track', userId: 'jon', event: 'Content Downloaded', properties: { title: 'Lifecycle of a Widget' } },
        ],
      },
    });
    expect(events.statusCode).toBe(200);
    await pipeline.drain();

    // Marketing hands him over; sales says: wrong timing.
    expect(
      (await mia('POST', `/api/contacts/${jon.id}/stage`, { stage: 'mql', reason: 'downloaded two offers' }))
        .statusCode,
    ).toBe(200);
    const reasons = (await rita('GET', '/api/rejection-reasons'))
      .json()
      .items.map((reason: { code: string }) => reason.code);
    expect(reasons).toEqual(
      expect.arrayContaining(['bad_fit', 'wrong_timing', 'no_budget', 'student_or_job_seeker', 'competitor']),
    );
    const rejected = await rita('POST', `/api/contacts/${jon.id}/reject`, {
      reason: 'wrong_timing',
      note: 'Budget opens in Q3',
    });
    expect(rejected.json()).toEqual({ outcome: 'recycle' });
    expect((await rita('GET', `/api/contacts/${jon.id}`)).json()).toMatchObject({
      lifecycleStage: 'recycled',
      workingStatus: 'unqualified',
    });
    // Accepting a recycled lead is refused: it has to qualify again first.
    expect((await rita('POST', `/api/contacts/${jon.id}/accept`, {})).statusCode).toBe(409);

    // Later he qualifies again; this time sales accepts, calls, and wins a deal.
    await mia('POST', `/api/contacts/${jon.id}/stage`, { stage: 'mql', reason: 'back in market' });
    expect((await rita('POST', `/api/contacts/${jon.id}/accept`, { note: 'Q3 budget confirmed' })).statusCode).toBe(
      204,
    );
    const call = await rita('POST', '/api/sales-activities', {
      type: 'call',
      contactId: jon.id,
      outcome: 'connected',
      durationSeconds: 540,
      body: 'Wants a quote for 3 sites',
    });
    expect(call.statusCode).toBe(201);
    expect((await rita('GET', `/api/contacts/${jon.id}`)).json()).toMatchObject({
      lifecycleStage: 'sal',
      workingStatus: 'connected',
    });
    await rita('POST', `/api/contacts/${jon.id}/stage`, { stage: 'sql' });
    const deal = await rita('POST', '/api/deals', {
      name: 'Brightforge — widget fleet',
      amountMinor: 4_800_000,
      currency: 'USD',
      contactIds: [jon.id],
      companyId: jon.company.id,
      ownerId: rep.id,
    });
    expect(deal.statusCode, deal.body).toBe(201);
    expect((await rita('GET', `/api/contacts/${jon.id}`)).json().lifecycleStage).toBe('opportunity');
    const won = await rita('POST', `/api/deals/${deal.json().id}/close`, { outcome: 'won' });
    expect(won.json()).toMatchObject({ status: 'won', stage: 'closed_won', amountMinor: 4_800_000 });
    expect((await rita('GET', `/api/contacts/${jon.id}`)).json().lifecycleStage).toBe('customer');

    // The stage history tells the whole story, with who and why, and the time spent in each stage.
    const history = (await rita('GET', `/api/contacts/${jon.id}/stages`)).json();
    expect(history.transitions.map((t: { from: string | null; to: string }) => `${t.from ?? '∅'}→${t.to}`)).toEqual([
      '∅→lead',
      'lead→mql',
      'mql→recycled',
      'recycled→mql',
      'mql→sal',
      'sal→sql',
      'sql→opportunity',
      'opportunity→customer',
    ]);
    const rejection = history.transitions[2];
    expect(rejection).toMatchObject({ actorName: 'Rita Rep', reason: 'Budget opens in Q3' });
    expect(rejection.details.rejection).toMatchObject({ reason: 'wrong_timing', outcome: 'recycle' });
    expect(history.periods).toHaveLength(8);
    expect(history.periods.every((period: { seconds: number }) => period.seconds >= 0)).toBe(true);

    // The timeline shows every step too: activities, stage moves, status, the call and the deal.
    const timeline = (await rita('GET', `/api/contacts/${jon.id}/timeline?limit=100`)).json().items as {
      kind: string;
      type: string;
      title: string;
    }[];
    const kinds = new Set(timeline.map((item) => `${item.kind}:${item.type}`));
    for (const expected of [
      'activity:content_download',
      'stage:recycled',
      'stage:sal',
      'stage:customer',
      'status:connected',
      'sales:call',
      'deal:won',
    ]) {
      expect(kinds, expected).toContain(expected);
    }
    const onlyStages = (await rita('GET', `/api/contacts/${jon.id}/timeline?kinds=stage`)).json().items;
    expect(onlyStages).toHaveLength(8);
    // And the company's timeline rolls it all up.
    const companyTimeline = (await rita('GET', `/api/companies/${jon.company.id}/timeline?kinds=deal,sales`)).json()
      .items;
    expect(companyTimeline.map((item: { kind: string; type: string }) => `${item.kind}:${item.type}`).sort()).toEqual([
      'deal:opened',
      'deal:won',
      'sales:call',
    ]);
  });
});

describe('lead visibility for sales reps', () => {
  const testApp = useTestApp();

  it('lets reps see all leads, their team’s, or only their own, as the workspace decides', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const east1 = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'East One');
    const east2 = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'East Two');
    const west = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'West Rep');
    const team = await app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: admin.cookie },
      payload: { name: 'East' },
    });
    await app.inject({
      method: 'PUT',
      url: `/api/teams/${team.json().id}/members`,
      headers: { cookie: admin.cookie },
      payload: { members: [{ userId: east1.id }, { userId: east2.id }] },
    });
    const lead = async (email: string, ownerId: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/contacts',
          headers: { cookie: admin.cookie },
          payload: { email, ownerId },
        })
      ).json().id;
    const e1 = await lead('e1@example.test', east1.id);
    await lead('e2@example.test', east2.id);
    const w = await lead('w@example.test', west.id);
    const visible = async (cookie: string) =>
      ((await app.inject({ url: '/api/contacts', headers: { cookie } })).json().items as { email: string }[])
        .map((item) => item.email)
        .sort();
    const setVisibility = (leadVisibility: string) =>
      app.inject({
        method: 'PATCH',
        url: '/api/workspace/settings',
        headers: { cookie: admin.cookie },
        payload: { leadVisibility },
      });

    expect(await visible(east1.cookie)).toEqual(['e1@example.test', 'e2@example.test', 'w@example.test']);
    expect((await setVisibility('team')).json()).toEqual({ leadVisibility: 'team' });
    expect(await visible(east1.cookie)).toEqual(['e1@example.test', 'e2@example.test']);
    expect(await visible(west.cookie)).toEqual(['w@example.test']);
    await setVisibility('own');
    expect(await visible(east1.cookie)).toEqual(['e1@example.test']);
    // Managers still see everything.
    expect(await visible(admin.cookie)).toHaveLength(3);
    // Another team's lead is simply not there for the rep: not readable, not changeable.
    const headers = { cookie: east1.cookie };
    expect((await app.inject({ url: `/api/contacts/${w}`, headers })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/contacts/${w}`, headers, payload: { title: 'x' } })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: `/api/contacts/${w}/stage`, headers, payload: { stage: 'sal' } }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ url: `/api/contacts/${e1}/timeline`, headers })).statusCode).toBe(200);
    // Only admins change the setting.
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/api/workspace/settings',
          headers,
          payload: { leadVisibility: 'all' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('lead visibility reaches deals, company timelines and sales logs', () => {
  const testApp = useTestApp();

  it('hides other reps’ leads behind deals and company pages when visibility is own', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const mine = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Mine');
    const theirs = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Theirs');
    const headers = { cookie: admin.cookie };
    const company = (
      await app.inject({
        method: 'POST',
        url: '/api/companies',
        headers,
        payload: { name: 'Shared Co', domain: 'shared.example' },
      })
    ).json();
    const lead = async (email: string, ownerId: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/contacts',
          headers,
          payload: { email, ownerId, companyId: company.id },
        })
      ).json().id;
    const myLead = await lead('a@shared.example', mine.id);
    const theirLead = await lead('b@shared.example', theirs.id);
    const deal = async (contactId: string, ownerId: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/deals',
          headers,
          payload: { name: `Deal ${contactId.slice(0, 4)}`, contactIds: [contactId], ownerId },
        })
      ).json().id;
    await deal(myLead, mine.id);
    const theirDeal = await deal(theirLead, theirs.id);
    const call = await app.inject({
      method: 'POST',
      url: '/api/sales-activities',
      headers: { cookie: theirs.cookie },
      payload: { type: 'call', contactId: theirLead, outcome: 'connected' },
    });
    await app.inject({ method: 'PATCH', url: '/api/workspace/settings', headers, payload: { leadVisibility: 'own' } });

    const as = { cookie: mine.cookie };
    expect(
      (await app.inject({ url: '/api/deals', headers: as }))
        .json()
        .items.map((item: { contacts: { id: string }[] }) => item.contacts[0]!.id),
    ).toEqual([myLead]);
    expect((await app.inject({ url: `/api/deals/${theirDeal}`, headers: as })).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/deals/${theirDeal}/close`,
          headers: as,
          payload: { outcome: 'lost' },
        })
      ).statusCode,
    ).toBe(404);
    const timeline = (await app.inject({ url: `/api/companies/${company.id}/timeline`, headers: as })).json().items;
    expect(timeline.length).toBeGreaterThan(0);
    expect(
      timeline.every((item: { contactId: string | null }) => item.contactId === null || item.contactId === myLead),
    ).toBe(true);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/sales-activities/${call.json().id}`, headers: as })).statusCode,
    ).toBe(404);
    // The rep who logged it may delete it; a call about a visible lead by someone else may not be deleted by another rep.
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/sales-activities/${call.json().id}`,
          headers: { cookie: theirs.cookie },
        })
      ).statusCode,
    ).toBe(204);
  });
});
