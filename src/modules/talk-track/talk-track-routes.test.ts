import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('the talk track of a lead', () => {
  const testApp = useTestApp();

  it('is written from the lead’s downloads and persona, offers content they have not seen, and respects lead visibility', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const ws = workspace.id;
    const [persona] = (
      await ctx.db.execute<{ id: string }>(sql`
        insert into personas (workspace_id, id, name, pains, discovery_questions, objections)
        values (${ws}, gen_random_uuid(), 'Operations leader', '["Unplanned downtime"]'::jsonb,
                '["How many widgets run today?", "What does downtime cost?"]'::jsonb, '["We have a contract"]'::jsonb)
        returning id`)
    ).rows;
    const [jon, other] = (
      await ctx.db.execute<{ id: string }>(sql`
        insert into contacts (workspace_id, id, email, first_name, last_name)
        values (${ws}, gen_random_uuid(), 'jon@brightforge.example', 'Jon', 'Doe'),
               (${ws}, gen_random_uuid(), 'ann@other.example', 'Ann', null)
        returning id`)
    ).rows;
    await ctx.db.execute(sql`update contact_scores set persona_id = ${persona!.id} where contact_id = ${jon!.id}`);
    await ctx.db.execute(sql`
      insert into activities (workspace_id, id, contact_id, type, occurred_at, title, url, properties) values
        (${ws}, gen_random_uuid(), ${jon!.id}, 'content_download', now() - interval '2 days', '10 Tips for Improving your Widget ROI',
         'https://widgets.example/roi.pdf', '{"assetKind": "white paper"}'),
        (${ws}, gen_random_uuid(), ${jon!.id}, 'content_download', now() - interval '1 day', 'Lifecycle of a Widget',
         'https://widgets.example/lifecycle.pdf', '{"assetKind": "infographic"}'),
        (${ws}, gen_random_uuid(), ${other!.id}, 'content_download', now(), 'Widget buyer’s checklist', null, '{"assetKind": "checklist"}'),
        (${ws}, gen_random_uuid(), ${other!.id}, 'content_download', now(), 'Lifecycle of a Widget', null, '{"assetKind": "infographic"}')`);

    const response = await app.inject({
      method: 'GET',
      url: `/api/contacts/${jon!.id}/talk-track`,
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    const track = response.json();
    expect(track.opener).toBe(
      'Hi Jon — I saw you downloaded our white paper “10 Tips for Improving your Widget ROI” and our infographic “Lifecycle of a Widget”; was that helpful?',
    );
    expect(track.questions).toEqual(['How many widgets run today?', 'What does downtime cost?']);
    expect(track.nextContent).toBe('our checklist “Widget buyer’s checklist”');
    expect(track.objections).toEqual(['We have a contract']);

    // A rep restricted to their own leads cannot read a lead that is not theirs.
    await ctx.db.execute(
      sql`update workspaces set settings = settings || '{"leadVisibility": "own"}'::jsonb where id = ${ws}`,
    );
    const rep = await createTestUser(ctx, app, ws, 'sales_rep', 'Rory Rep');
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/contacts/${jon!.id}/talk-track`,
      headers: { cookie: rep.cookie },
    });
    expect(hidden.statusCode).toBe(404);
    const missing = await app.inject({
      method: 'GET',
      url: '/api/contacts/not-a-uuid/talk-track',
      headers: { cookie: admin.cookie },
    });
    expect(missing.statusCode).toBe(400);
  });
});
