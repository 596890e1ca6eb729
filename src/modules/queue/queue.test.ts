import { sql } from 'drizzle-orm';
import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app';
import { fixedClock } from '../../core/clock';
import { changeStage } from '../lifecycle';
import { routePendingHandoffs } from '../routing';

type Api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => Promise<Response>;
type Item = { contactId: string; reason: string; sla: { urgency: string } | null; warm: boolean; handRaiser: boolean };

describe('a rep’s queue', () => {
  const clock = fixedClock(new Date('2026-01-13T10:00:00Z')); // a Tuesday, in office hours
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ clock });
  });
  afterAll(() => testApp.close());

  async function salesFloor() {
    const { ctx, app } = testApp;
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const as =
      (cookie: string): Api =>
      (method, url, payload) =>
        app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const dirk = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Dirk Rep');
    const eva = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Eva Rep');
    const mia = await createTestUser(ctx, app, workspace.id, 'sales_manager', 'Mia Manager');
    const saved = await as(admin.cookie)('PUT', '/api/routing/rules', {
      rules: [{ name: 'Everything to Dirk', target: { type: 'user', userId: dirk.id } }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const team = (await as(mia.cookie)('POST', '/api/teams', { name: 'Inbound' })).json();
    await as(mia.cookie)('PUT', `/api/teams/${team.id}/members`, { members: [{ userId: dirk.id, weight: 1 }] });
    return { workspace, dirk, eva, mia, team, as };
  }

  /** A lead handed over now — a hand-raiser or an MQL — routed at once; its grade and score set as given. */
  async function handOff(
    workspaceId: string,
    lead: {
      email: string;
      firstName: string;
      handRaiser: boolean;
      grade?: string;
      form?: { title: string; comments: string };
    },
  ) {
    const { ctx } = testApp;
    const contactId = (
      await ctx.db.execute<{ id: string }>(sql`
        insert into contacts (workspace_id, id, email, first_name, last_activity_at)
        values (${workspaceId}, gen_random_uuid(), ${lead.email}, ${lead.firstName}, ${new Date(clock.now().getTime() - 2 * 86_400_000)})
        returning id`)
    ).rows[0]!.id;
    if (lead.grade)
      await ctx.db.execute(
        sql`update contact_scores set grade = ${lead.grade} where workspace_id = ${workspaceId} and contact_id = ${contactId}`,
      );
    if (lead.form)
      await ctx.db.execute(sql`
        insert into activities (workspace_id, id, contact_id, type, occurred_at, title, properties)
        values (${workspaceId}, gen_random_uuid(), ${contactId}, 'form_submit', ${clock.now()}, ${lead.form.title},
                ${JSON.stringify({ handRaiser: true, comments: lead.form.comments })}::jsonb)`);
    await ctx.db.transaction((tx) =>
      changeStage(tx, {
        workspaceId,
        contactId,
        to: 'mql',
        actor: { type: 'rule', id: null },
        at: clock.now(),
        rule: lead.handRaiser ? 'Hand-raiser: fast-track to sales' : 'MQL: grade B or better and score ≥ 50',
        details: { handRaiser: lead.handRaiser },
      }),
    );
    await routePendingHandoffs(ctx, workspaceId);
    return contactId;
  }

  it('puts the overdue SLA first, then the nearest deadline, then accepted leads by grade; says why each is there', async () => {
    const start = clock.now();
    const { workspace, dirk, as } = await salesFloor();
    const rep = as(dirk.cookie);
    const joe = await handOff(workspace.id, {
      email: 'joe@example.org',
      firstName: 'Joe',
      handRaiser: true,
      form: { title: 'Contact sales', comments: 'Alex referred me; we need this by the end of next month' },
    });
    const jon = await handOff(workspace.id, { email: 'jon@example.org', firstName: 'Jon', handRaiser: false });
    const ann = await handOff(workspace.id, {
      email: 'ann@example.org',
      firstName: 'Ann',
      handRaiser: false,
      grade: 'C',
    });
    const bea = await handOff(workspace.id, {
      email: 'bea@example.org',
      firstName: 'Bea',
      handRaiser: false,
      grade: 'A',
    });
    for (const id of [ann, bea]) expect((await rep('POST', `/api/contacts/${id}/accept`, {})).statusCode).toBe(204);
    // Jon came back to the site an hour ago: warm.
    await testApp.ctx.db.execute(
      sql`update contacts set last_activity_at = ${new Date(start.getTime() - 3_600_000)} where workspace_id = ${workspace.id} and id = ${jon}`,
    );

    clock.set(new Date(start.getTime() + 6 * 60_000)); // Joe's five minutes are up
    const queue = (await rep('GET', '/api/queue')).json();
    expect(queue.items.map((item: Item) => item.contactId)).toEqual([joe, jon, bea, ann]);
    expect(queue).toMatchObject({ total: 4, overdue: 1, warm: 1, snoozed: 0 });
    const [first, second, third] = queue.items as Item[];
    expect(first).toMatchObject({ handRaiser: true, sla: { urgency: 'overdue' }, warm: false });
    expect(first!.reason).toBe(
      'Asked for sales: sent the “Contact sales” form: “Alex referred me; we need this by the end of next month”',
    );
    expect(second).toMatchObject({ sla: { urgency: 'on_track' }, warm: true });
    expect(second!.reason).toBe('Marketing-qualified (grade B or better and score ≥ 50)');
    expect(third).toMatchObject({ sla: null, reason: 'Accepted, not contacted yet' });
    expect(new Date(queue.now).toISOString()).toBe(clock.now().toISOString());

    // The lead record's header shows the same running clock.
    expect((await rep('GET', `/api/contacts/${joe}`)).json().openSla).toMatchObject({
      dueAt: new Date(start.getTime() + 5 * 60_000).toISOString(),
      userId: dirk.id,
      kind: 'hand_raiser',
    });

    // A connected call stops Joe's clock: he drops below the lead whose deadline still runs.
    const call = await rep('POST', '/api/sales-activities', { contactId: joe, type: 'call', outcome: 'connected' });
    expect(call.statusCode, call.body).toBe(201);
    const after = (await rep('GET', '/api/queue')).json();
    expect(after.items[0].contactId).toBe(jon);
    const joeNow = after.items.find((item: Item) => item.contactId === joe);
    expect(joeNow).toMatchObject({ sla: null, lastTouch: { type: 'call', outcome: 'connected' } });
    expect(after.overdue).toBe(0);
    expect((await rep('GET', `/api/contacts/${joe}`)).json().openSla).toBeNull();
  });

  it('leaves leads with nothing to act on for 30 days out of the queue, counted as resting, until they move again', async () => {
    const { workspace, dirk, as } = await salesFloor();
    const rep = as(dirk.cookie);
    const old = new Date(clock.now().getTime() - 45 * 86_400_000);
    const [stale] = (
      await testApp.ctx.db.execute<{ id: string }>(sql`
        insert into contacts (workspace_id, id, email, lifecycle_stage, owner_id, last_activity_at)
        values (${workspace.id}, gen_random_uuid(), 'stale@example.org', 'sal', ${dirk.id}, ${old}) returning id`)
    ).rows;
    const fresh = await handOff(workspace.id, { email: 'fresh@example.org', firstName: 'Fia', handRaiser: false });
    const queue = (await rep('GET', '/api/queue')).json();
    expect(queue.items.map((item: Item) => item.contactId)).toEqual([fresh]);
    expect(queue).toMatchObject({ total: 1, resting: 1 });
    // A task on the stale lead brings it back.
    const task = await rep('POST', '/api/sales-activities', {
      contactId: stale!.id,
      type: 'task',
      subject: 'Call back after the budget round',
      dueAt: new Date(clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(task.statusCode, task.body).toBe(201);
    expect((await rep('GET', '/api/queue')).json()).toMatchObject({ total: 2, resting: 0 });
  });

  it('lets a rep snooze a lead until a time, after which it comes back by itself', async () => {
    const start = clock.now();
    const { workspace, dirk, mia, as } = await salesFloor();
    const rep = as(dirk.cookie);
    const lea = await handOff(workspace.id, { email: 'lea@example.org', firstName: 'Lea', handRaiser: false });
    const until = new Date(start.getTime() + 2 * 3_600_000).toISOString();
    const snoozed = await rep('PUT', `/api/contacts/${lea}/snooze`, { until });
    expect(snoozed.statusCode, snoozed.body).toBe(200);
    expect((await rep('GET', '/api/queue')).json()).toMatchObject({ total: 0, snoozed: 1, items: [] });
    const list = (await rep('GET', '/api/queue?snoozed=true')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].snoozedUntil).toBe(until);
    // Snoozing is the rep's own: the manager's view of Dirk's queue still shows the lead.
    expect((await as(mia.cookie)('GET', `/api/queue?userId=${dirk.id}`)).json().total).toBe(1);

    clock.set(new Date(start.getTime() + 2 * 3_600_000 + 1000));
    expect((await rep('GET', '/api/queue')).json()).toMatchObject({ total: 1, snoozed: 0 });

    await rep('PUT', `/api/contacts/${lea}/snooze`, { until: new Date(clock.now().getTime() + 60_000).toISOString() });
    expect((await rep('DELETE', `/api/contacts/${lea}/snooze`)).statusCode).toBe(204);
    expect((await rep('GET', '/api/queue')).json().total).toBe(1);
  });

  it('refuses a snooze in the past or too far ahead, unknown fields, and other people’s queues to reps', async () => {
    const { workspace, dirk, eva, mia, team, as } = await salesFloor();
    const rep = as(dirk.cookie);
    const lea = await handOff(workspace.id, { email: 'lea2@example.org', firstName: 'Lea', handRaiser: false });
    const past = await rep('PUT', `/api/contacts/${lea}/snooze`, { until: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({ path: 'until', message: 'must be in the future' });
    const far = await rep('PUT', `/api/contacts/${lea}/snooze`, {
      until: new Date(clock.now().getTime() + 200 * 86_400_000).toISOString(),
    });
    expect(far.statusCode).toBe(400);
    expect(far.body).toContain('within 90 days');
    const extra = await rep('PUT', `/api/contacts/${lea}/snooze`, {
      until: new Date(clock.now().getTime() + 60_000),
      why: 'x',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('why');
    expect((await rep('PUT', `/api/contacts/${lea}/snooze`, { until: 'tomorrow' })).statusCode).toBe(400);
    expect((await rep('GET', '/api/queue?limit=0')).statusCode).toBe(400);
    expect((await rep('GET', '/api/queue?snoozed=yes')).statusCode).toBe(400);
    expect((await rep('GET', `/api/queue?userId=${dirk.id}&teamId=${team.id}`)).statusCode).toBe(400);

    expect((await as(eva.cookie)('GET', `/api/queue?userId=${dirk.id}`)).statusCode).toBe(403);
    expect((await as(eva.cookie)('GET', `/api/queue?teamId=${team.id}`)).statusCode).toBe(403);
    // Asking for one's own queue by id is fine.
    expect((await rep('GET', `/api/queue?userId=${dirk.id}`)).json().total).toBe(1);

    const manager = as(mia.cookie);
    expect((await manager('GET', `/api/queue?teamId=${team.id}`)).json().items[0]).toMatchObject({
      contactId: lea,
      ownerName: 'Dirk Rep',
    });
    // A lead no rule could place waits in the unassigned queue.
    await testApp.ctx.db.execute(sql`delete from routing_rules where workspace_id = ${workspace.id}`);
    const lone = await handOff(workspace.id, { email: 'lone@example.org', firstName: 'Lone', handRaiser: true });
    const unassigned = (await manager('GET', '/api/queue?unassigned=true')).json();
    expect(unassigned.items.map((item: Item) => item.contactId)).toEqual([lone]);
    expect(unassigned.items[0].ownerId).toBeNull();
  });
});
