import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { eventSender } from '../../../test/helpers/send-events';
import { type ReceivedMail, startSmtpPeer } from '../../../test/helpers/smtp-peer';
import { startTestApp, type TestApp, useTestApp } from '../../../test/helpers/test-app';
import { fixedClock } from '../../core/clock';
import { connect } from '../../core/db/connect';
import { changeStage } from '../lifecycle';
import { type Pipeline, startPipeline } from '../pipeline';
import { deliverWebhook } from '../webhooks/deliver-webhook';
import { DeliveryDispatcher } from '../webhooks/delivery-dispatcher';
import { routingModule } from '.';
import { routePendingHandoffs } from './route-handoffs';
import { recordFirstTouch, sweepSlaClocks } from './sla-clocks';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

type Api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => Promise<Response>;

async function salesTeam(testApp: TestApp) {
  const { ctx, app } = testApp;
  const { workspace, admin } = await createTestWorkspace(ctx, app);
  const as =
    (cookie: string): Api =>
    (method, url, payload) =>
      app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const api = as(admin.cookie);
  const olga = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Olga Owner');
  const dirk = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Dirk Rep');
  const eva = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Eva Rep');
  const mia = await createTestUser(ctx, app, workspace.id, 'sales_manager', 'Mia Manager');
  const team = (await api('POST', '/api/teams', { name: 'Inbound' })).json();
  await api('PUT', `/api/teams/${team.id}/members`, {
    members: [
      { userId: dirk.id, weight: 1 },
      { userId: eva.id, weight: 1 },
    ],
  });
  const saved = await api('PUT', '/api/routing/rules', {
    rules: [
      {
        name: 'Hand-raisers to their account owner',
        conditions: [{ field: 'handRaiser', operator: 'equals_any', values: ['true'] }],
        target: { type: 'account_owner' },
      },
      { name: 'Everyone else to Inbound', target: { type: 'team', teamId: team.id } },
    ],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return { workspace, admin, api, as, olga, dirk, eva, mia, team };
}

const rows = async <T>(testApp: TestApp, query: ReturnType<typeof sql>) =>
  (await testApp.ctx.db.execute(query)).rows as T[];

describe('routing hand-offs to the right rep', () => {
  const testApp = useTestApp();
  let pipeline: Pipeline;
  beforeAll(() => {
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50 });
  });
  afterAll(() => pipeline.stop());

  it('sends a hand-raiser to the account owner, to the team when the owner is away, and to the fallback queue when all are', async () => {
    const { ctx, app } = testApp();
    const team = await salesTeam(testApp());
    const { workspace, api, olga, dirk, eva, mia } = team;
    await ctx.db.execute(sql`
      insert into companies (workspace_id, id, name, domain, owner_id)
      values (${workspace.id}, gen_random_uuid(), 'Acme', 'acme.example', ${olga.id})`);
    const send = eventSender(app, await createTestKey(ctx, workspace.id, 'write'), pipeline, {
      context: { userAgent: chrome },
    });
    const contactSales = (email: string, comments: string) =>
      send([
        {
          type: 'track',
          anonymousId: `browser-${email}`,
          event: 'Form Submitted',
          properties: { form: 'Contact sales', email, comments },
          context: { userAgent: chrome, traits: { email } },
        },
      ]);
    const assignmentOf = async (email: string) => {
      await routePendingHandoffs(ctx, workspace.id);
      const [row] = await rows<{
        kind: string;
        user_id: string | null;
        rule: string | null;
        reason: string;
        skipped: { userId: string; why: string }[];
        contact_id: string;
      }>(
        testApp(),
        sql`select a.kind, a.user_id, a.rule, a.reason, a.skipped, a.contact_id from assignments a
              join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
             where a.workspace_id = ${workspace.id} and c.email = ${email}`,
      );
      return row!;
    };

    await contactSales('joe.blow@acme.example', 'Dana referred me; we decide by March.');
    const joe = await assignmentOf('joe.blow@acme.example');
    expect(joe).toMatchObject({ kind: 'routed', user_id: olga.id, rule: 'Hand-raisers to their account owner' });
    const [owner] = await rows<{ owner_id: string }>(
      testApp(),
      sql`select owner_id from contacts where id = ${joe.contact_id}`,
    );
    expect(owner!.owner_id).toBe(olga.id);
    const olgaNotes = (await team.as(olga.cookie)('GET', '/api/notifications')).json().items;
    expect(olgaNotes[0]).toMatchObject({ kind: 'lead.assigned', title: expect.stringContaining('Hand-raiser') });
    expect(olgaNotes[0].body).toContain('In their words: “Dana referred me; we decide by March.”');
    expect(olgaNotes[0].body).toContain('First touch due by');

    const away = await api('POST', `/api/routing/reps/${olga.id}/time-off`, {
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      note: 'holiday',
    });
    expect(away.statusCode, away.body).toBe(201);
    await contactSales('ann.other@acme.example', 'Call me');
    const ann = await assignmentOf('ann.other@acme.example');
    expect([dirk.id, eva.id]).toContain(ann.user_id);
    expect(ann.rule).toBe('Everyone else to Inbound');
    expect(ann.skipped).toEqual([
      expect.objectContaining({ userId: olga.id, why: expect.stringContaining('out of office') }),
    ]);

    const hours = [null, [540, 1020], [540, 1020], [540, 1020], [540, 1020], [540, 1020], null];
    expect(
      (
        await api('PUT', `/api/routing/reps/${dirk.id}`, {
          timeZone: 'Europe/Berlin',
          hours,
          paused: true,
          pausedReason: 'training',
        })
      ).statusCode,
    ).toBe(204);
    await api('POST', `/api/routing/reps/${eva.id}/time-off`, {
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await contactSales('bo.third@acme.example', 'Anyone there?');
    const bo = await assignmentOf('bo.third@acme.example');
    expect(bo).toMatchObject({ kind: 'fallback', user_id: null });
    expect(bo.skipped.map((skip) => skip.userId).sort()).toEqual([olga.id, dirk.id, eva.id].sort());
    const miaNotes = (await team.as(mia.cookie)('GET', '/api/notifications')).json().items;
    expect(miaNotes[0]).toMatchObject({ kind: 'lead.unassigned', title: expect.stringContaining('fallback queue') });
    const board = (await api('GET', '/api/sla/board')).json();
    expect(board.fallback.map((item: { contactId: string }) => item.contactId)).toEqual([bo.contact_id]);
    expect(board.open).toHaveLength(2);
    expect(board.systemDelay.count).toBe(3);
  });

  it('sends the lead.assigned webhook right after the routing commits, with no worker; its job only checks later', async () => {
    const { ctx } = testApp();
    const { workspace, api } = await salesTeam(testApp());
    const received: { type: string; eventId: string }[] = [];
    const receiver = http.createServer((request, response) => {
      received.push({
        type: String(request.headers['baton-event-type']),
        eventId: String(request.headers['baton-event-id']),
      });
      request.resume();
      response.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const created = await api('POST', '/api/webhooks', {
        url: `http://127.0.0.1:${port}/hook`,
        eventTypes: ['lead.assigned'],
      });
      expect(created.statusCode, created.body).toBe(201);
      const [contact] = await rows<{ id: string }>(
        testApp(),
        sql`insert into contacts (workspace_id, id, email) values (${workspace.id}, gen_random_uuid(), 'fast@example.org') returning id`,
      );
      // Its persona has marketing's own opener for a lead with no history.
      await ctx.db.execute(sql`
        with persona as (
          insert into personas (workspace_id, id, name, discovery_questions, talk_track_templates)
          values (${workspace.id}, gen_random_uuid(), 'Buyer', '["Who decides?", "By when?"]'::jsonb,
                  '{"noHistory": "Hello {firstName}, what can we do for you?"}'::jsonb)
          returning id)
        update contact_scores set persona_id = (select id from persona) where contact_id = ${contact!.id}`);
      await ctx.db.transaction((tx) =>
        changeStage(tx, {
          workspaceId: workspace.id,
          contactId: contact!.id,
          to: 'mql',
          actor: { type: 'rule', id: null },
          at: new Date(),
          rule: 'MQL: test',
        }),
      );
      const dispatcher = new DeliveryDispatcher(ctx);
      await routePendingHandoffs(ctx, workspace.id, dispatcher);
      await dispatcher.drain();
      expect(received.map((item) => item.type)).toEqual(['lead.assigned']);
      const [event] = await rows<{ payload: { brief: { talkTrack: object; text: string } } }>(
        testApp(),
        sql`select payload from webhook_events where workspace_id = ${workspace.id} and type = 'lead.assigned'`,
      );
      expect(event!.payload.brief.talkTrack).toEqual({
        opener: 'Hello fast@example.org, what can we do for you?',
        questions: ['Who decides?', 'By when?'],
        nextContent: null,
        objections: [],
      });
      expect(event!.payload.brief.text).toContain('- Ask: 1. Who decides? 2. By when?');
      const [delivery] = await rows<{ id: string; status: string; run_at: string }>(
        testApp(),
        sql`select d.id, d.status, j.run_at from webhook_deliveries d
              join graphile_worker._private_jobs j on j.key = 'webhooks.deliver:' || d.id::text
             where d.workspace_id = ${workspace.id}`,
      );
      expect(delivery!.status).toBe('delivered');
      // The fallback job waits about 15 s, then finds the delivery sent and does nothing.
      expect(Date.parse(delivery!.run_at) - Date.now()).toBeGreaterThan(10_000);
      expect(await deliverWebhook(ctx, { workspaceId: workspace.id, deliveryId: delivery!.id, attempt: 1 })).toBe(
        'skipped',
      );
      expect(received).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('explains a lead in the simulator without assigning it, and rejects rules that name strangers', async () => {
    const { ctx } = testApp();
    const { workspace, api, dirk, eva } = await salesTeam(testApp());
    const [contact] = await rows<{ id: string }>(
      testApp(),
      sql`insert into contacts (workspace_id, id, email, first_name, country)
          values (${workspace.id}, gen_random_uuid(), 'kim@example.org', 'Kim', 'Germany') returning id`,
    );
    const simulated = await api('POST', '/api/routing/simulate', { contactId: contact!.id, kind: 'mql' });
    expect(simulated.statusCode, simulated.body).toBe(200);
    const { decision, brief } = simulated.json();
    expect(decision.outcome).toBe('assigned');
    expect([dirk.id, eva.id]).toContain(decision.userId);
    expect(decision.trace[0]).toMatchObject({ outcome: 'not_matched', detail: 'not: hand-raiser is true' });
    expect(brief.text).toContain('No activity is recorded for this lead yet.');
    expect(brief.talkTrack.opener).toBe(
      'Hi Kim — we have no record of what you looked at yet, so I would rather ask than guess: what made you get in touch with us?',
    );
    const [count] = await rows<{ n: number }>(
      testApp(),
      sql`select count(*)::int as n from assignments where workspace_id = ${workspace.id}`,
    );
    expect(count!.n).toBe(0);

    const stranger = await api('PUT', '/api/routing/rules', {
      rules: [{ name: 'Nobody', target: { type: 'user', userId: '00000000-0000-4000-8000-000000000000' } }],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details[0]).toMatchObject({ path: 'body.rules.0.target.userId' });
    const badField = await api('PUT', '/api/routing/rules', {
      rules: [
        {
          name: 'x',
          conditions: [{ field: 'shoeSize', operator: 'equals_any', values: ['9'] }],
          target: { type: 'account_owner' },
        },
      ],
    });
    expect(badField.statusCode).toBe(400);
    const badZone = await api('PUT', `/api/routing/reps/${dirk.id}`, {
      timeZone: 'Mars/Olympus',
      hours: [null, null, null, null, null, null, null],
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.body).toContain('timeZone');
    expect(ctx).toBeDefined();
  });

  it('assigns each hand-off exactly once with four routers racing on two pools, and splits a team by its weights', async () => {
    const { ctx } = testApp();
    const { workspace, api, dirk, eva, team } = await salesTeam(testApp());
    await api('PUT', `/api/teams/${team.id}/members`, {
      members: [
        { userId: dirk.id, weight: 3 },
        { userId: eva.id, weight: 1 },
      ],
    });
    // Two more processes' worth of connections, two routers on each, routing while hand-offs arrive.
    // (Two real Baton processes with their job runners: test/routing-processes.test.ts.)
    const pools = [
      connect(testApp().databaseUrl, { poolMax: 4, logger: ctx.logger }),
      connect(testApp().databaseUrl, { poolMax: 4, logger: ctx.logger }),
    ];
    let arriving = true;
    let routers: Promise<void>[] = [];
    const router = async (handle: (typeof pools)[number]) => {
      const routerCtx = { ...ctx, pool: handle.pool, db: handle.db };
      for (;;) {
        const stillArriving = arriving;
        await routePendingHandoffs(routerCtx, workspace.id);
        if (!stillArriving) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    try {
      const ids = await rows<{ id: string }>(
        testApp(),
        sql`insert into contacts (workspace_id, id, email, country)
            select ${workspace.id}, gen_random_uuid(), 'lead' || n || '@example.org', 'France' from generate_series(1, 80) n returning id`,
      );
      routers = pools.flatMap((handle) => [router(handle), router(handle)]);
      await Promise.all(
        ids.map((row, index) =>
          ctx.db.transaction((tx) =>
            changeStage(tx, {
              workspaceId: workspace.id,
              contactId: row.id,
              to: 'mql',
              actor: { type: 'rule', id: null },
              at: new Date(Date.now() + index),
              rule: 'MQL: test',
            }),
          ),
        ),
      );
      arriving = false;
      await Promise.all(routers);
      const [pending] = await rows<{ n: number }>(
        testApp(),
        sql`select count(*)::int as n from handoffs where workspace_id = ${workspace.id} and status = 'pending'`,
      );
      expect(pending!.n).toBe(0);
      const perHandoff = await rows<{ handoff_id: string; n: number }>(
        testApp(),
        sql`select handoff_id, count(*)::int as n from assignments where workspace_id = ${workspace.id} group by handoff_id`,
      );
      expect(perHandoff).toHaveLength(80);
      expect(perHandoff.every((row) => row.n === 1)).toBe(true);
      const split = await rows<{ user_id: string; n: number }>(
        testApp(),
        sql`select user_id, count(*)::int as n from assignments where workspace_id = ${workspace.id} group by user_id`,
      );
      expect(Object.fromEntries(split.map((row) => [row.user_id, row.n]))).toEqual({ [dirk.id]: 60, [eva.id]: 20 });
    } finally {
      arriving = false;
      await Promise.allSettled(routers);
      await Promise.all(pools.map((handle) => handle.close()));
    }
  });
});

describe('SLA clocks on a fake clock', () => {
  const clock = fixedClock(new Date('2026-01-13T10:00:00Z')); // a Tuesday
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ clock });
  });
  afterAll(() => testApp.close());

  const handOff = async (workspaceId: string, email: string, handRaiser: boolean) => {
    const [contact] = await rows<{ id: string }>(
      testApp,
      sql`insert into contacts (workspace_id, id, email, first_name) values (${workspaceId}, gen_random_uuid(), ${email}, 'Lea') returning id`,
    );
    await testApp.ctx.db.transaction((tx) =>
      changeStage(tx, {
        workspaceId,
        contactId: contact!.id,
        to: 'mql',
        actor: { type: 'rule', id: null },
        at: clock.now(),
        rule: handRaiser ? 'Hand-raiser: fast-track to sales' : 'MQL: grade B or better and score ≥ 50',
        details: { handRaiser },
      }),
    );
    await routePendingHandoffs(testApp.ctx, workspaceId);
    return contact!.id;
  };
  const events = (workspaceId: string) =>
    rows<{ type: string; user_id: string | null }>(
      testApp,
      sql`select type, user_id from sla_events where workspace_id = ${workspaceId} order by at, id`,
    );

  it('reminds at half the time, alerts the manager at the deadline, reassigns at twice it; the first touch stops the clock', async () => {
    const start = clock.now();
    const { workspace, as, dirk, eva, mia } = await salesTeam(testApp);
    const contactId = await handOff(workspace.id, 'lea@example.org', true);
    const [first] = await rows<{ user_id: string; due_at: Date; next_step_at: Date }>(
      testApp,
      sql`select user_id, due_at, next_step_at from sla_clocks where workspace_id = ${workspace.id}`,
    );
    const firstRep = first!.user_id;
    const otherRep = firstRep === dirk.id ? eva : dirk;
    expect(new Date(first!.due_at).toISOString()).toBe('2026-01-13T10:05:00.000Z');
    // The sweep is a job waiting for the exact moment, not a poll.
    const [job] = await rows<{ run_at: Date }>(
      testApp,
      sql`select run_at from graphile_worker.jobs where task_identifier = 'routing.sla' order by run_at limit 1`,
    );
    expect(new Date(job!.run_at).toISOString()).toBe('2026-01-13T10:02:30.000Z');

    clock.set(new Date(start.getTime() + 149_000));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    expect((await events(workspace.id)).map((event) => event.type)).toEqual(['started']);

    clock.set(new Date(start.getTime() + 150_000));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    expect((await events(workspace.id)).map((event) => event.type)).toEqual(['started', 'reminded']);

    clock.set(new Date(start.getTime() + 300_000));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    expect((await events(workspace.id)).map((event) => event.type)).toEqual(['started', 'reminded', 'breached']);
    const miaNotes = (await as(mia.cookie)('GET', '/api/notifications')).json().items;
    expect(miaNotes[0]).toMatchObject({ kind: 'sla.breached' });

    clock.set(new Date(start.getTime() + 600_000));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    const after = await events(workspace.id);
    expect(after.map((event) => event.type)).toEqual(['started', 'reminded', 'breached', 'reassigned', 'started']);
    expect(after[4]!.user_id).toBe(otherRep.id);
    const history = (await as(mia.cookie)('GET', `/api/contacts/${contactId}/assignments`)).json().items;
    expect(history.map((item: { kind: string; userId: string }) => [item.kind, item.userId])).toEqual([
      ['reassigned', otherRep.id],
      ['routed', firstRep],
    ]);
    expect(history[1].slaStatus).toBe('reassigned');

    clock.set(new Date(start.getTime() + 660_000));
    const call = await as(otherRep.cookie)('POST', '/api/sales-activities', {
      contactId,
      type: 'call',
      outcome: 'connected',
      durationSeconds: 120,
    });
    expect(call.statusCode, call.body).toBe(201);
    const [clockRow] = await rows<{ status: string; response_ms: number; first_touch: string }>(
      testApp,
      sql`select status, response_ms, first_touch from sla_clocks where workspace_id = ${workspace.id} and user_id = ${otherRep.id}`,
    );
    expect(clockRow).toEqual({ status: 'met', response_ms: 60_000, first_touch: 'call' });
    const timeline = (await as(mia.cookie)('GET', `/api/contacts/${contactId}/timeline?kinds=assignment,sla`)).json();
    expect(timeline.items.map((item: { kind: string; type: string }) => `${item.kind}:${item.type}`)).toEqual([
      'sla:met',
      'assignment:reassigned',
      'sla:reassigned',
      'sla:breached',
      'sla:reminded',
      'assignment:routed',
    ]);
    const board = (await as(mia.cookie)('GET', '/api/sla/board')).json();
    expect(board.open).toHaveLength(0);
    expect(board.breaches).toHaveLength(1);
    expect(board.reps.find((rep: { userId: string }) => rep.userId === otherRep.id)).toMatchObject({
      met: 1,
      medianResponseMs: 60_000,
    });
  });

  it('lets a rep’s touch and an overdue reassignment meet on the same lead without a deadlock: the touch wins', async () => {
    const start = clock.now();
    const { workspace } = await salesTeam(testApp);
    const contactId = await handOff(workspace.id, 'race@example.org', true);
    clock.set(new Date(start.getTime() + 600_000)); // every step is due, the reassignment too
    // A rep's status change holds the contact (as changeWorkingStatus does) while the sweep starts.
    const touch = await testApp.ctx.pool.connect();
    try {
      await touch.query('begin');
      await touch.query('select 1 from contacts where workspace_id = $1 and id = $2 for update', [
        workspace.id,
        contactId,
      ]);
      const sweep = sweepSlaClocks(testApp.ctx, workspace.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Then the touch reaches the clock: the sweep must not be holding it.
      await recordFirstTouch(touch, { workspaceId: workspace.id, contactId, touch: 'call', by: null, at: clock.now() });
      await touch.query('commit');
      await sweep;
    } finally {
      touch.release();
    }
    const clocks = await rows<{ status: string }>(
      testApp,
      sql`select status from sla_clocks where workspace_id = ${workspace.id} and contact_id = ${contactId}`,
    );
    expect(clocks).toEqual([{ status: 'missed' }]);
    expect((await events(workspace.id)).map((event) => event.type)).toEqual(['started', 'missed']);
  });

  it('keeps escalating for everyone when one lead is deleted; leaving MQL stops a clock (accepting counts as the touch)', async () => {
    const start = clock.now();
    const { workspace, admin, as } = await salesTeam(testApp);
    const api = as(admin.cookie);
    const gone = await handOff(workspace.id, 'gone@example.org', true);
    const kept = await handOff(workspace.id, 'kept@example.org', true);
    const accepted = await handOff(workspace.id, 'taken@example.org', true);
    // A second hand-off of `kept`: back to lead, MQL again, routed again.
    for (const to of ['lead', 'mql'] as const) {
      await testApp.ctx.db.transaction((tx) =>
        changeStage(tx, {
          workspaceId: workspace.id,
          contactId: kept,
          to,
          actor: { type: 'rule', id: null },
          at: clock.now(),
          rule: 'MQL: again',
          details: { handRaiser: true },
        }),
      );
    }
    await routePendingHandoffs(testApp.ctx, workspace.id);
    expect((await api('DELETE', `/api/contacts/${gone}`)).statusCode).toBe(204);
    expect((await api('POST', `/api/contacts/${accepted}/accept`, {})).statusCode).toBeLessThan(300);

    clock.set(new Date(start.getTime() + 150_000));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    const open = await rows<{ contact_id: string; status: string }>(
      testApp,
      sql`select contact_id, status from sla_clocks where workspace_id = ${workspace.id} order by started_at, id`,
    );
    // The deleted lead left nothing behind; `kept` leaving MQL stopped its first clock and the new
    // hand-off has one clock; accepting met the SLA.
    expect(open.filter((row) => row.contact_id === gone)).toEqual([]);
    expect(open.filter((row) => row.contact_id === kept).map((row) => row.status)).toEqual(['cancelled', 'open']);
    expect(open.filter((row) => row.contact_id === accepted).map((row) => row.status)).toEqual(['met']);
    const reminded = await rows<{ contact_id: string }>(
      testApp,
      sql`select contact_id from sla_events where workspace_id = ${workspace.id} and type = 'reminded'`,
    );
    expect(reminded.map((row) => row.contact_id)).toEqual([kept]);

    // A lead a rule moves out of MQL without a touch: its clock is cancelled, not escalated.
    await testApp.ctx.db.execute(sql`update contacts set lifecycle_stage = 'disqualified' where id = ${kept}`);
    clock.set(new Date(start.getTime() + 600_000));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    const [last] = await rows<{ status: string }>(
      testApp,
      sql`select status from sla_clocks where workspace_id = ${workspace.id} and contact_id = ${kept} order by started_at desc, id desc limit 1`,
    );
    expect(last!.status).toBe('cancelled');
    const [moves] = await rows<{ n: number }>(
      testApp,
      sql`select count(*)::int as n from assignments where workspace_id = ${workspace.id} and kind = 'reassigned'`,
    );
    expect(moves!.n).toBe(0);
  });

  it('counts an MQL clock in the rep’s business hours across a weekend, and fires nothing on Saturday', async () => {
    clock.set(new Date('2026-01-09T15:30:00Z')); // Friday 16:30 in Berlin
    const { workspace, api, dirk, eva } = await salesTeam(testApp);
    const hours = [null, [540, 1020], [540, 1020], [540, 1020], [540, 1020], [540, 1020], null];
    for (const rep of [dirk, eva]) {
      expect((await api('PUT', `/api/routing/reps/${rep.id}`, { timeZone: 'Europe/Berlin', hours })).statusCode).toBe(
        204,
      );
    }
    await handOff(workspace.id, 'max@example.org', false);
    const [clockRow] = await rows<{ due_at: Date; next_step_at: Date }>(
      testApp,
      sql`select due_at, next_step_at from sla_clocks where workspace_id = ${workspace.id}`,
    );
    expect(new Date(clockRow!.next_step_at).toISOString()).toBe('2026-01-09T16:00:00.000Z'); // Friday 17:00, closing time
    expect(new Date(clockRow!.due_at).toISOString()).toBe('2026-01-12T08:30:00.000Z'); // Monday 09:30
    clock.set(new Date('2026-01-10T12:00:00Z'));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    expect((await events(workspace.id)).map((event) => event.type)).toEqual(['started', 'reminded']);
    clock.set(new Date('2026-01-12T08:29:00Z'));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    expect((await events(workspace.id)).map((event) => event.type)).toEqual(['started', 'reminded']);
    clock.set(new Date('2026-01-12T08:30:00Z'));
    await sweepSlaClocks(testApp.ctx, workspace.id);
    expect((await events(workspace.id)).map((event) => event.type)).toEqual(['started', 'reminded', 'breached']);
  });
});

describe('notification emails through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let received: ReceivedMail[];
  let testApp: TestApp;
  beforeAll(async () => {
    // latin1: the quoted-printable bytes as sent; `decoded` below reads them.
    smtp = await startSmtpPeer('latin1');
    received = smtp.received;
    testApp = await startTestApp({
      env: {
        BATON_SMTP_URL: smtp.url,
        BATON_PUBLIC_URL: 'https://baton.example.com',
        BATON_MAIL_FROM: 'Baton <leads@example.com>',
      },
    });
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.close();
  });

  /** The body of a quoted-printable mail part, decoded. */
  const decoded = (raw: string) =>
    Buffer.from(
      raw
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');

  it('emails the assigned rep the call brief, and the managers when a lead falls to the fallback queue', async () => {
    const { ctx } = testApp;
    const { workspace, dirk, eva, mia, api } = await salesTeam(testApp);
    const jobs = Object.fromEntries(routingModule(ctx).jobs!.map((job) => [job.name, job]));
    const [contact] = await rows<{ id: string }>(
      testApp,
      sql`insert into contacts (workspace_id, id, email, first_name, last_name) values (${workspace.id}, gen_random_uuid(), 'noa@example.org', 'Noa', 'Park') returning id`,
    );
    await ctx.db.execute(sql`
      insert into activities (workspace_id, id, contact_id, type, occurred_at, title, url, properties) values
        (${workspace.id}, gen_random_uuid(), ${contact!.id}, 'content_download', now() - interval '1 hour',
         'Lifecycle of a Widget', 'https://widgets.example/lifecycle.pdf', '{"assetKind": "infographic"}')`);
    await ctx.db.transaction((tx) =>
      changeStage(tx, {
        workspaceId: workspace.id,
        contactId: contact!.id,
        to: 'mql',
        actor: { type: 'rule', id: null },
        at: new Date(),
        rule: 'MQL: test',
      }),
    );
    await routePendingHandoffs(ctx, workspace.id);
    const queued = await rows<{ payload: unknown }>(
      testApp,
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
            where t.identifier = 'routing.email' and j.payload->>'workspaceId' = ${workspace.id}`,
    );
    expect(queued).toHaveLength(1);
    await jobs['routing.email']!.run(queued[0]!.payload, {} as never);
    const mail = received.at(-1)!;
    expect([dirk.email, eva.email]).toContain(mail.to);
    expect(mail.raw).toContain('Subject: New MQL: Noa Park');
    const body = decoded(mail.raw);
    expect(body).toContain('Became a marketing-qualified lead (MQL: test)');
    // The talk track the rep would read on the lead, opening with what Noa downloaded.
    const opener =
      '- Open with: Hi Noa — I saw you downloaded our infographic “Lifecycle of a Widget”; was that helpful?';
    expect(body).toContain(opener);
    const [notification] = await rows<{ body: string; data: { brief: { talkTrack: { opener: string } } } }>(
      testApp,
      sql`select body, data from notifications where workspace_id = ${workspace.id} and contact_id = ${contact!.id}`,
    );
    expect(notification!.body).toContain(opener);
    expect(notification!.body).toContain('- Ask: 1. What are you using today, and what made you start looking?');
    expect(notification!.data.brief.talkTrack.opener).toBe(opener.slice('- Open with: '.length));
    expect(body).toContain(`Open the lead: https://baton.example.com/leads/${contact!.id}`);
    const [note] = await rows<{ emailed_at: string | null }>(
      testApp,
      sql`select emailed_at from notifications where workspace_id = ${workspace.id} and contact_id = ${contact!.id}`,
    );
    expect(note!.emailed_at).not.toBeNull();
    // Sent once: the job run again does nothing.
    await jobs['routing.email']!.run(queued[0]!.payload, {} as never);
    expect(received.filter((item) => item.raw.includes('Noa Park'))).toHaveLength(1);

    for (const rep of [dirk, eva])
      await api('PUT', `/api/routing/reps/${rep.id}`, {
        timeZone: 'UTC',
        hours: [null, null, null, null, null, null, null],
        paused: true,
      });
    const [other] = await rows<{ id: string }>(
      testApp,
      sql`insert into contacts (workspace_id, id, email) values (${workspace.id}, gen_random_uuid(), 'lone@example.org') returning id`,
    );
    await ctx.db.transaction((tx) =>
      changeStage(tx, {
        workspaceId: workspace.id,
        contactId: other!.id,
        to: 'mql',
        actor: { type: 'rule', id: null },
        at: new Date(),
        rule: 'MQL: test',
      }),
    );
    await routePendingHandoffs(ctx, workspace.id);
    const alerts = await rows<{ payload: unknown }>(
      testApp,
      sql`select j.payload from graphile_worker._private_jobs j
           join graphile_worker._private_tasks t on t.id = j.task_id
           join notifications n on n.id = (j.payload->>'notificationId')::uuid
          where t.identifier = 'routing.email' and n.kind = 'lead.unassigned' and n.workspace_id = ${workspace.id}`,
    );
    // The admin and the sales manager.
    expect(alerts).toHaveLength(2);
    for (const alert of alerts) await jobs['routing.email']!.run(alert.payload, {} as never);
    const toMia = received.find((item) => item.to === mia.email)!;
    expect(toMia.raw).toContain('Subject: In the fallback queue: lone@example.org');
  });
});
