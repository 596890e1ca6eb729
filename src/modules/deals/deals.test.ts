import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('deals and sales activities', () => {
  const testApp = useTestApp();

  it('opens, moves, loses and reopens a deal, with clear errors for bad input', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Rep');
    const headers = { cookie: rep.cookie };
    const company = await app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: { cookie: admin.cookie },
      payload: { name: 'Acme', domain: 'https://www.Acme.example/' },
    });
    expect(company.json()).toMatchObject({ name: 'Acme', domain: 'acme.example' });
    const contact = await app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers,
      payload: { email: 'p@acme.example', lifecycleStage: 'sql' },
    });
    expect(contact.json().company?.id).toBe(company.json().id);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/deals',
      headers,
      payload: {
        name: 'X',
        amountMinor: -5,
        currency: 'usd',
        stage: 'won',
        contactIds: ['00000000-0000-0000-0000-000000000000'],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((detail: { path: string }) => detail.path)
        .sort(),
    ).toEqual(['body.amountMinor', 'body.currency', 'body.stage']);
    const unknownContact = await app.inject({
      method: 'POST',
      url: '/api/deals',
      headers,
      payload: { name: 'X', contactIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(unknownContact.statusCode).toBe(400);

    const deal = await app.inject({
      method: 'POST',
      url: '/api/deals',
      headers,
      payload: {
        name: 'Acme fleet',
        amountMinor: 1_250_000,
        currency: 'EUR',
        companyId: company.json().id,
        ownerId: rep.id,
        contactIds: [contact.json().id],
      },
    });
    expect(deal.statusCode, deal.body).toBe(201);
    expect(deal.json()).toMatchObject({
      stage: 'discovery',
      status: 'open',
      companyName: 'Acme',
      ownerName: 'Rep',
      contacts: [{ email: 'p@acme.example' }],
    });
    // The company gets the deal's owner as its account owner.
    expect((await app.inject({ url: `/api/companies/${company.json().id}`, headers })).json()).toMatchObject({
      ownerId: rep.id,
      openDeals: 1,
    });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/deals/${deal.json().id}`,
      headers,
      payload: { stage: 'proposal', expectedCloseOn: '2027-02-01' },
    });
    expect(moved.json()).toMatchObject({ stage: 'proposal', expectedCloseOn: '2027-02-01' });
    const lost = await app.inject({
      method: 'POST',
      url: `/api/deals/${deal.json().id}/close`,
      headers,
      payload: { outcome: 'lost', reason: 'Went with a competitor' },
    });
    expect(lost.json()).toMatchObject({ status: 'lost', lostReason: 'Went with a competitor' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/deals/${deal.json().id}/close`,
          headers,
          payload: { outcome: 'won' },
        })
      ).statusCode,
    ).toBe(409);
    const reopened = await app.inject({
      method: 'POST',
      url: `/api/deals/${deal.json().id}/reopen`,
      headers,
      payload: { stage: 'negotiation' },
    });
    expect(reopened.json()).toMatchObject({ status: 'open', stage: 'negotiation', lostReason: null });
    expect((await app.inject({ url: `/api/deals?contact=${contact.json().id}`, headers })).json().items).toHaveLength(
      1,
    );
    // Reps may not delete deals.
    expect((await app.inject({ method: 'DELETE', url: `/api/deals/${deal.json().id}`, headers })).statusCode).toBe(403);
  });

  it('logs calls, meetings, notes and tasks, and keeps tasks until done', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Rep');
    const headers = { cookie: rep.cookie };
    const contact = (
      await app.inject({ method: 'POST', url: '/api/contacts', headers, payload: { email: 'q@example.test' } })
    ).json();
    const log = (payload: object) =>
      app.inject({
        method: 'POST',
        url: '/api/sales-activities',
        headers,
        payload: { contactId: contact.id, ...payload },
      });
    expect((await log({ type: 'call', outcome: 'maybe' })).statusCode).toBe(400);
    expect((await log({ type: 'task', subject: 'Send quote' })).json().error.details[0].path).toBe('body.dueAt');
    expect(
      (await app.inject({ method: 'POST', url: '/api/sales-activities', headers, payload: { type: 'note' } }))
        .statusCode,
    ).toBe(400);
    expect((await log({ type: 'call', outcome: 'no_answer' })).statusCode).toBe(201);
    expect((await app.inject({ url: `/api/contacts/${contact.id}`, headers })).json().workingStatus).toBe('attempting');
    expect((await log({ type: 'meeting', outcome: 'held', durationSeconds: 1800 })).statusCode).toBe(201);
    expect((await app.inject({ url: `/api/contacts/${contact.id}`, headers })).json().workingStatus).toBe('connected');
    const task = await log({
      type: 'task',
      subject: 'Send quote',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(
      (await app.inject({ url: '/api/tasks', headers })).json().items.map((item: { subject: string }) => item.subject),
    ).toEqual(['Send quote']);
    await app.inject({ method: 'POST', url: `/api/sales-activities/${task.json().id}/complete`, headers, payload: {} });
    expect((await app.inject({ url: '/api/tasks', headers })).json().items).toEqual([]);
    const timeline = (
      await app.inject({ url: `/api/contacts/${contact.id}/timeline?kinds=sales,status`, headers })
    ).json().items;
    expect(timeline.map((item: { kind: string; type: string }) => `${item.kind}:${item.type}`).sort()).toEqual([
      'sales:call',
      'sales:meeting',
      'sales:task',
      'status:attempting',
      'status:connected',
    ]);
  });
});
