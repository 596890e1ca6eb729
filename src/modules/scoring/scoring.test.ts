import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { eventSender } from '../../../test/helpers/send-events';
import { useTestApp } from '../../../test/helpers/test-app';
import { type Pipeline, startPipeline } from '../pipeline';
import { rescoreWorkspace, scoreWorkspace } from './rescore-workspace';
import { loadModel } from './scoring-model';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

describe('scoring leads as their activities arrive', () => {
  const testApp = useTestApp();
  let pipeline: Pipeline;
  beforeAll(() => {
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50 });
  });
  afterAll(() => pipeline.stop());

  async function setup() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'write');
    const send = eventSender(app, key, pipeline);
    const as = (cookie: string) => (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
      app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const contact = async (email: string) => {
      const failures = await ctx.db.execute(
        sql`select error from pipeline_failures where workspace_id = ${workspace.id}`,
      );
      expect(failures.rows).toEqual([]);
      const { rows } = await ctx.db.execute<{ id: string; lifecycle_stage: string; grade: string | null }>(sql`
        select c.id, c.lifecycle_stage, s.grade
          from contacts c join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
         where c.workspace_id = ${workspace.id} and lower(c.email) = ${email}`);
      return rows[0]!;
    };
    return { ctx, app, workspace, admin, send, api: as(admin.cookie), as, contact };
  }

  it('makes Jon Doe an MQL at his seventh interaction, and his breakdown lists all seven', async () => {
    const { send, api, contact } = await setup();
    const jon = {
      userId: 'jon-doe',
      context: {
        userAgent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      },
    };
    await send([
      {
        type: 'identify',
        ...jon,
        timestamp: hoursAgo(8),
        traits: {
          email: 'jon.doe@brightforge.example',
          firstName: 'Jon',
          lastName: 'Doe',
          title: 'Director of Operations',
          seniority: 'Director',
          department: 'Operations',
        },
      },
    ]);
    const interactions = [
      { type: 'page', name: 'Home', properties: { url: 'https://widgetworks.example/', title: 'Widget Works' } },
      {
        type: 'track',
        event: 'Content Downloaded',
        properties: { title: '10 Tips for Improving your Widget ROI' },
      },
      { type: 'track', event: 'Email Delivered', properties: { subject: 'Your widget ROI checklist' } },
      { type: 'track', event: 'Email Opened', properties: { subject: 'Your widget ROI checklist' } },
      {
        type: 'track',
        event: 'Email Link Clicked',
        properties: { subject: 'Your widget ROI checklist', link_url: 'https://widgetworks.example/lifecycle' },
      },
      {
        type: 'page',
        name: 'Lifecycle',
        properties: { url: 'https://widgetworks.example/lifecycle', title: 'Lifecycle' },
      },
      { type: 'track', event: 'Content Downloaded', properties: { title: 'Lifecycle of a Widget' } },
    ];
    for (const [index, interaction] of interactions.entries()) {
      await send([{ ...interaction, ...jon, timestamp: hoursAgo(7 - index) }]);
      const now = await contact('jon.doe@brightforge.example');
      expect(now.grade).toBe('A');
      expect(now.lifecycle_stage, `after interaction ${index + 1}`).toBe(index < 6 ? 'subscriber' : 'mql');
    }

    const { id } = await contact('jon.doe@brightforge.example');
    const breakdown = (await api('GET', `/api/contacts/${id}/score`)).json();
    expect(breakdown.isMql).toBe(true);
    expect(breakdown.engagement.map((item: { label: string }) => item.label).reverse()).toEqual([
      'Website visit',
      'Content download',
      'E-mail received',
      'E-mail opened',
      'E-mail clicked',
      'Website visit',
      'Content download',
    ]);
    expect(breakdown.engagement.map((item: { activityTitle: string }) => item.activityTitle)).toContain(
      'Lifecycle of a Widget',
    );
    const sum = breakdown.engagement.reduce((total: number, item: { pointsNow: number }) => total + item.pointsNow, 0);
    expect(Math.abs(sum - breakdown.score)).toBeLessThan(0.5);
    expect(breakdown.score).toBeGreaterThanOrEqual(50);
    expect(breakdown.fit.map((item: { label: string }) => item.label)).toEqual(
      expect.arrayContaining(['Decision maker', 'Leadership title', 'Operations or finance', 'Business e-mail']),
    );

    // The hand-off is recorded with the rule, the score and the grade of that moment.
    const history = (await api('GET', `/api/contacts/${id}/stages`)).json();
    const toMql = history.transitions.find((item: { to: string }) => item.to === 'mql');
    expect(toMql).toMatchObject({ actorType: 'rule', rule: 'MQL: grade B or better and score ≥ 50' });
    expect(toMql.details.score).toBeGreaterThanOrEqual(50);
    expect(toMql.details.grade).toBe('A');
    // And the score history answers "what was the score at the hand-off".
    expect(breakdown.history.length).toBeGreaterThanOrEqual(7);

    // The list shows the same score, and filters and sorts by it.
    const listed = (await api('GET', '/api/contacts?scoreMin=50&grade=A&sort=score_desc')).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect(Math.abs(listed.items[0].score - breakdown.score)).toBeLessThanOrEqual(1);
    expect((await api('GET', '/api/contacts?scoreMin=80')).json().items).toHaveLength(0);
  });

  it('fast-tracks Joe Blow’s contact-sales form at once, whatever his score', async () => {
    const { send, contact, api } = await setup();
    await send([
      {
        type: 'track',
        anonymousId: 'joe-browser',
        event: 'Form Submitted',
        timestamp: hoursAgo(1),
        properties: {
          form: 'Contact sales',
          email: 'joe.blow@acme.example',
          comments: 'Referred by Sam; need 40 widgets before Q3',
        },
        context: {
          userAgent:
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
          traits: { email: 'joe.blow@acme.example' },
        },
      },
      {
        type: 'identify',
        anonymousId: 'joe-browser',
        timestamp: hoursAgo(1),
        traits: { email: 'joe.blow@acme.example', firstName: 'Joe', lastName: 'Blow' },
        context: {
          userAgent:
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
        },
      },
    ]);
    const joe = await contact('joe.blow@acme.example');
    expect(joe.lifecycle_stage).toBe('mql');
    const history = (await api('GET', `/api/contacts/${joe.id}/stages`)).json();
    expect(history.transitions.find((item: { to: string }) => item.to === 'mql')).toMatchObject({
      rule: 'Hand-raiser: fast-track to sales',
      details: expect.objectContaining({ handRaiser: true }),
    });
  });

  it('disqualifies students, keeps negative signals from pushing a score below zero, and caps a refreshing page', async () => {
    const { send, contact, api } = await setup();
    const ua = {
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    };
    const { model } = (await api('GET', '/api/scoring')).json();
    const competitor = {
      label: 'Competitor',
      field: 'emailDomain',
      operator: 'equals_any',
      values: ['rivalwidgets.example'],
    };
    const saved = await api('PUT', '/api/scoring', { ...model, disqualify: [...model.disqualify, competitor] });
    expect(saved.statusCode, saved.body).toBe(200);
    await send([
      { type: 'identify', userId: 'rival', traits: { email: 'spy@RivalWidgets.example' }, context: ua },
      {
        type: 'identify',
        userId: 'sam',
        timestamp: hoursAgo(5),
        traits: { email: 'sam@uni.example', title: 'Student' },
        context: ua,
      },
      {
        type: 'identify',
        userId: 'pat',
        timestamp: hoursAgo(5),
        traits: { email: 'pat@northwind.example', title: 'Engineer' },
        context: ua,
      },
      // Pat refreshes the pricing page twenty times in one day, then visits the careers page.
      ...Array.from({ length: 20 }, (_, index) => ({
        type: 'page',
        userId: 'pat',
        timestamp: new Date(Date.now() - 4 * 3_600_000 + index * 1000).toISOString(),
        properties: { url: 'https://widgetworks.example/pricing', title: 'Pricing' },
        context: ua,
      })),
      {
        type: 'page',
        userId: 'pat',
        timestamp: hoursAgo(3),
        properties: { url: 'https://widgetworks.example/careers', title: 'Careers' },
        context: ua,
      },
      { type: 'track', userId: 'pat', timestamp: hoursAgo(2), event: 'Unsubscribed', context: ua },
    ]);
    const sam = await contact('sam@uni.example');
    expect(sam.lifecycle_stage).toBe('disqualified');
    expect((await contact('spy@rivalwidgets.example')).lifecycle_stage).toBe('disqualified');

    const pat = await contact('pat@northwind.example');
    const breakdown = (await api('GET', `/api/contacts/${pat.id}/score`)).json();
    // Pricing counts once a day (+10), a visit twice a day (+5 each): 20, then −15 and −25: floored at zero.
    expect(breakdown.score).toBe(0);
    expect(breakdown.capped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Pricing page', count: 19 }),
        expect.objectContaining({ label: 'Website visit', count: 19 }),
      ]),
    );
    const listed = (await api('GET', `/api/contacts/${pat.id}`)).json();
    expect(listed.score).toBe(0);
  });

  it('rescores the workspace after a rule change, previews the change first, and calibrates', async () => {
    const { ctx, send, contact, api, workspace, as, app } = await setup();
    const ua = {
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    };
    await send([
      {
        type: 'identify',
        userId: 'ava',
        timestamp: hoursAgo(60),
        traits: { email: 'ava@harbor.example', title: 'VP Operations', seniority: 'VP', department: 'Operations' },
        context: ua,
      },
      // A day apart, so on three calendar days whatever the time the test runs (the new rule counts once a day).
      ...[50, 26, 2].map((hours) => ({
        type: 'page',
        userId: 'ava',
        timestamp: hoursAgo(hours),
        properties: { url: 'https://widgetworks.example/case-studies', title: 'Case studies' },
        context: ua,
      })),
    ]);
    expect((await contact('ava@harbor.example')).lifecycle_stage).toBe('subscriber');

    const current = (await api('GET', '/api/scoring')).json();
    expect(current.model.mqlRule).toEqual({ minGrade: 'B', minScore: 50 });
    const edited = {
      ...current.model,
      rules: [
        ...current.model.rules,
        {
          label: 'Case studies',
          match: { types: ['page_view'], urlContains: '/case-studies' },
          points: 20,
          caps: { perDay: 1 },
          enabled: true,
        },
      ],
    };
    const preview = await api('POST', '/api/scoring/preview', { model: edited, days: 30 });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().current.mqls).toBe(0);
    expect(preview.json().proposed.mqls).toBe(1);

    // Only marketing and admins change the model; bad input names the field.
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Rex Rep');
    expect((await as(rep.cookie)('PUT', '/api/scoring', edited)).statusCode).toBe(403);
    const bad = await api('PUT', '/api/scoring', { ...edited, gradeBands: { A: 10, B: 60, C: 40, D: 20 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gradeBands');
    const badPattern = await api('PUT', '/api/scoring', {
      ...edited,
      rules: [{ label: 'x', match: { urlPattern: '([' }, points: 1 }],
    });
    expect(badPattern.statusCode).toBe(400);
    expect(badPattern.body).toContain('not a valid regular expression');
    // Patterns JavaScript accepts but PostgreSQL reads differently or refuses, out-of-range bands and
    // non-numeric bounds are refused up front, naming the field: they would otherwise break scoring.
    for (const [urlPattern, message] of [
      ['\\bpricing\\b', 'PostgreSQL reads differently'],
      ['(?<page>pricing)', 'PostgreSQL reads differently'],
      ['[0-9]{1,300}', 'PostgreSQL reads differently'],
      ['[^]', 'PostgreSQL cannot use it'],
    ]) {
      const refused = await api('PUT', '/api/scoring', {
        ...edited,
        rules: [{ label: 'x', match: { urlPattern }, points: 1 }],
      });
      expect(refused.statusCode, urlPattern).toBe(400);
      expect(refused.body).toContain('rules.0.match.urlPattern');
      expect(refused.body).toContain(message);
    }
    const hugeBand = await api('PUT', '/api/scoring', {
      ...edited,
      gradeBands: { A: 3_000_000_000, B: 0, C: 0, D: 0 },
    });
    expect(hugeBand.statusCode).toBe(400);
    const wordBound = await api('PUT', '/api/scoring', {
      ...edited,
      criteria: [{ label: 'Big', field: 'employees', operator: 'gte', values: ['many'], points: 5 }],
    });
    expect(wordBound.statusCode).toBe(400);
    expect(wordBound.body).toContain('a number to compare with');
    const circular = await api('POST', '/api/personas', {
      name: 'Loop',
      conditions: [{ field: 'persona', operator: 'equals_any', values: ['Loop'] }],
    });
    expect(circular.statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify({ sort: 'score_desc', value: 'abc', id: workspace.id })).toString(
      'base64url',
    );
    expect((await api('GET', `/api/contacts?sort=score_desc&cursor=${forged}`)).statusCode).toBe(400);

    const saved = await api('PUT', '/api/scoring', edited);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().rescore.state).toBe('running');
    const result = await rescoreWorkspace(ctx, workspace.id);
    expect(result.transitions).toBe(1);
    expect((await contact('ava@harbor.example')).lifecycle_stage).toBe('mql');
    const after = (await api('GET', '/api/scoring')).json();
    expect(after.rescore).toMatchObject({ state: 'idle', done: after.rescore.total });
    expect(after.model.rules.at(-1).label).toBe('Case studies');
    // A rule pasted twice (same id) is kept twice, each with its own id.
    const copied = await api('PUT', '/api/scoring', {
      ...after.model,
      rules: [after.model.rules[0], after.model.rules[0]],
    });
    expect(copied.statusCode, copied.body).toBe(200);
    expect(new Set(copied.json().model.rules.map((rule: { id: string }) => rule.id)).size).toBe(2);

    const calibration = (await api('GET', '/api/scoring/calibration?outcome=customer')).json();
    expect(calibration.contacts).toBeGreaterThan(0);
    expect(calibration.auc).toBeNull();
    expect((await api('GET', '/api/scoring/calibration?outcome=drop%20table')).statusCode).toBe(400);
  });

  it('keeps what the pipeline scored while a rescore was computing', async () => {
    const { ctx, send, contact, api, workspace } = await setup();
    const ua = {
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    };
    const visit = (userId: string, hours: number) => ({
      type: 'page',
      userId,
      timestamp: hoursAgo(hours),
      properties: { url: 'https://widgetworks.example/case-studies', title: 'Case studies' },
      context: ua,
    });
    await send([
      { type: 'identify', userId: 'bo', traits: { email: 'bo@quay.example' }, context: ua },
      { type: 'identify', userId: 'cy', traits: { email: 'cy@quay.example' }, context: ua },
      visit('bo', 50),
      visit('cy', 50),
    ]);
    const current = (await api('GET', '/api/scoring')).json();
    const edited = {
      ...current.model,
      rules: [
        ...current.model.rules,
        {
          label: 'Case studies',
          match: { types: ['page_view'], urlContains: '/case-studies' },
          points: 20,
          enabled: true,
        },
      ],
    };
    expect((await api('PUT', '/api/scoring', edited)).statusCode).toBe(200);
    const scoreOf = async (email: string) =>
      (await api('GET', `/api/contacts/${(await contact(email)).id}`)).json().score as number;

    const model = await loadModel(ctx.db, workspace.id);
    let computed = false;
    const result = await scoreWorkspace(ctx, workspace.id, model, {
      at: new Date(),
      cause: 'rescore',
      // Between the compute and the apply, Bo comes back: the pipeline scores him with the new rules.
      onComputed: async (changes) => {
        expect(changes).toBeGreaterThanOrEqual(2);
        await send([visit('bo', 0)]);
        computed = true;
      },
    });
    expect(computed).toBe(true);
    expect(result.changed).toBeGreaterThanOrEqual(1);
    // Bo's score counts his return visit (the decision computed before it was not applied over it),
    // Cy's has the new rule; a second rescore finds nothing left to change.
    expect(await scoreOf('bo@quay.example')).toBeGreaterThan(await scoreOf('cy@quay.example'));
    expect(await scoreOf('cy@quay.example')).toBeGreaterThanOrEqual(19);
    const again = await rescoreWorkspace(ctx, workspace.id);
    expect(again.changed).toBe(0);
  });

  it('counts capped activities across day and week boundaries exactly as the breakdown does', async () => {
    const { ctx, send, contact, api, workspace } = await setup();
    const current = (await api('GET', '/api/scoring')).json();
    const saved = await api('PUT', '/api/scoring', {
      ...current.model,
      rules: [
        {
          label: 'Any page',
          match: { types: ['page_view'] },
          points: 10,
          caps: { perDay: 2, perWeek: 3, ever: 6 },
          enabled: true,
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Monday 00:00 UTC three weeks ago: the visits straddle a Sunday→Monday and a midnight boundary.
    const today = new Date();
    const monday =
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) -
      (((today.getUTCDay() + 6) % 7) + 21) * 86_400_000;
    const at = (days: number, seconds: number) => new Date(monday + days * 86_400_000 + seconds * 1000).toISOString();
    const visits = [
      at(-1, 86_399), // Sunday 23:59:59, the week before: counts (1)
      ...[30, 60, 90].map((seconds) => at(0, seconds)), // Monday: two a day (2, 3)
      at(1, 10),
      at(1, 20), // Tuesday: the week allows one more (4)
      at(7, 5),
      at(7, 6), // next Monday: a new week (5, 6)
      at(8, 5), // next Tuesday: past the ever cap
    ];
    await send([
      { type: 'identify', userId: 'dee', traits: { email: 'dee@dock.example' } },
      ...visits.map((timestamp, index) => ({
        type: 'page',
        userId: 'dee',
        timestamp,
        properties: { url: `https://widgetworks.example/p${index}` },
      })),
    ]);
    const { id } = await contact('dee@dock.example');
    const check = async () => {
      const breakdown = (await api('GET', `/api/contacts/${id}/score`)).json();
      expect(breakdown.engagement).toHaveLength(6);
      const stored = (await api('GET', `/api/contacts/${id}`)).json().score;
      expect(Math.abs(stored - breakdown.score)).toBeLessThanOrEqual(0.5);
      return stored as number;
    };
    const scored = await check();
    expect(scored).toBeGreaterThan(0);
    await rescoreWorkspace(ctx, workspace.id);
    expect(await check()).toBe(scored);
  });

  it('gives contacts their best-matching persona, and shows it on the lead', async () => {
    const { send, contact, api } = await setup();
    const created = await api('POST', '/api/personas', {
      name: 'Operations leader',
      description: 'Runs the plant',
      conditions: [
        { field: 'department', operator: 'equals_any', values: ['Operations'] },
        { field: 'seniority', operator: 'equals_any', values: ['VP', 'Director'] },
      ],
      pains: ['Downtime'],
      discoveryQuestions: ['What does an hour of downtime cost you?'],
      objections: ['We built our own'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const broad = await api('POST', '/api/personas', {
      name: 'Operations',
      conditions: [{ field: 'department', operator: 'equals_any', values: ['Operations'] }],
    });
    expect(broad.statusCode).toBe(201);
    expect((await api('POST', '/api/personas', { name: 'Operations', conditions: [] })).statusCode).toBe(409);
    await send([
      {
        type: 'identify',
        userId: 'lee',
        traits: { email: 'lee@plant.example', seniority: 'VP', department: 'Operations' },
        context: {
          userAgent:
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
        },
      },
    ]);
    const lee = await contact('lee@plant.example');
    const record = (await api('GET', `/api/contacts/${lee.id}`)).json();
    expect(record.personaName).toBe('Operations leader');
    const personas = (await api('GET', '/api/personas')).json();
    expect(personas.items.find((item: { name: string }) => item.name === 'Operations leader').contacts).toBe(1);
  });
});
