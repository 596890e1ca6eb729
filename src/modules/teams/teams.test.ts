import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('teams and the pilot group', () => {
  const testApp = useTestApp();

  it('lets a sales manager form a team with weighted members and a pilot group', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const manager = await createTestUser(ctx, app, workspace.id, 'sales_manager');
    const ana = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Ana');
    const ben = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Ben');
    const headers = { cookie: manager.cookie };

    const team = await app.inject({ method: 'POST', url: '/api/teams', headers, payload: { name: 'Inbound' } });
    expect(team.statusCode).toBe(201);
    const pilot = await app.inject({
      method: 'POST',
      url: '/api/teams',
      headers,
      payload: { name: 'Pilot', kind: 'pilot' },
    });
    expect(pilot.json().kind).toBe('pilot');

    const members = await app.inject({
      method: 'PUT',
      url: `/api/teams/${team.json().id}/members`,
      headers,
      payload: {
        members: [
          { userId: ana.id, weight: 3 },
          { userId: ben.id, weight: 1 },
        ],
      },
    });
    expect(members.statusCode).toBe(200);
    expect(members.json().members).toEqual([
      { userId: ana.id, name: 'Ana', role: 'sales_rep', weight: 3 },
      { userId: ben.id, name: 'Ben', role: 'sales_rep', weight: 1 },
    ]);

    const listed = await app.inject({ url: '/api/teams', headers: { cookie: ana.cookie } });
    expect(
      listed
        .json()
        .items.map((item: { name: string }) => item.name)
        .sort(),
    ).toEqual(['Inbound', 'Pilot']);
  });

  it('refuses duplicates, unknown users and reps who try to manage teams', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const other = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep');
    const headers = { cookie: admin.cookie };
    const team = await app.inject({ method: 'POST', url: '/api/teams', headers, payload: { name: 'East' } });
    expect(
      (await app.inject({ method: 'POST', url: '/api/teams', headers, payload: { name: 'East' } })).statusCode,
    ).toBe(409);
    const foreign = await app.inject({
      method: 'PUT',
      url: `/api/teams/${team.json().id}/members`,
      headers,
      payload: { members: [{ userId: other.admin.id }] },
    });
    expect(foreign.statusCode).toBe(400);
    const byRep = await app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: rep.cookie },
      payload: { name: 'Mine' },
    });
    expect(byRep.statusCode).toBe(403);
    // The other workspace cannot touch this team.
    const crossTenant = await app.inject({
      method: 'DELETE',
      url: `/api/teams/${team.json().id}`,
      headers: { cookie: other.admin.cookie },
    });
    expect(crossTenant.statusCode).toBe(404);
  });
});
