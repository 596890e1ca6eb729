import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { fixedClock } from '../../core/clock';

describe('a lead’s score trend', () => {
  const clock = fixedClock(new Date('2026-03-20T12:00:00Z'));
  const testApp = useTestApp({ clock });

  it('compares the score now with the score a week ago, decayed exactly to that moment', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const days = (n: number) => new Date(clock.now().getTime() - n * 86_400_000);
    const [lead] = (
      await ctx.db.execute<{ id: string }>(sql`
        insert into contacts (workspace_id, id, email) values (${workspace.id}, gen_random_uuid(), 'trend@example.org') returning id`)
    ).rows;
    const get = async () =>
      (await app.inject({ url: `/api/contacts/${lead!.id}`, headers: { cookie: admin.cookie } })).json();
    // Never scored: no trend to show.
    expect(await get()).toMatchObject({ score: 0, scoreWeekAgo: 0 });

    // 40 points ten days ago, 70 two days ago (the default half-life is 30 days).
    await ctx.db.execute(sql`
      insert into score_changes (workspace_id, id, contact_id, at, score, cause) values
        (${workspace.id}, gen_random_uuid(), ${lead!.id}, ${days(10)}, 40, 'activity'),
        (${workspace.id}, gen_random_uuid(), ${lead!.id}, ${days(2)}, 70, 'activity')`);
    await ctx.db.execute(sql`
      update contact_scores set score_value = 70, score_at = ${days(2)}
       where workspace_id = ${workspace.id} and contact_id = ${lead!.id}`);
    const contact = await get();
    expect(contact.score).toBe(Math.round(70 * 2 ** (-2 / 30)));
    expect(contact.scoreWeekAgo).toBe(Math.round(40 * 2 ** (-3 / 30)));
    expect(contact.openSla).toBeNull();
  });
});
