import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import type { ContentCatalog } from './content-catalog';
import { type OpenerTemplates, type TalkTrack, writeTalkTrack } from './write-talk-track';

/** The talk track of one lead: its history, its persona, the workspace's content. */
export async function talkTrackFor(
  ctx: AppContext,
  catalog: (workspaceId: string) => Promise<ContentCatalog>,
  workspaceId: string,
  contactId: string,
): Promise<TalkTrack> {
  const { rows } = await ctx.pool.query<{
    first_name: string | null;
    display_name: string;
    company: string | null;
    persona: string | null;
    pains: string[] | null;
    discovery_questions: string[] | null;
    objections: string[] | null;
    talk_track_templates: OpenerTemplates | null;
  }>(
    `select c.first_name, coalesce(nullif(btrim(concat_ws(' ', c.first_name, c.last_name)), ''), c.email, 'there') as display_name,
            coalesce(co.name, c.company_name) as company, p.name as persona, p.pains, p.discovery_questions, p.objections,
            p.talk_track_templates
       from contacts c
       left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
       left join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
       left join personas p on p.workspace_id = s.workspace_id and p.id = s.persona_id
      where c.workspace_id = $1 and c.id = $2 and c.merged_into_id is null`,
    [workspaceId, contactId],
  );
  const lead = rows[0];
  if (!lead) throw notFound('Contact');
  const { rows: activities } = await ctx.pool.query<{
    type: string;
    title: string | null;
    occurred_at: Date;
    properties: Record<string, unknown>;
  }>(
    `select type, title, occurred_at, properties from activities
      where workspace_id = $1 and contact_id = $2 order by occurred_at desc, id desc limit 100`,
    [workspaceId, contactId],
  );
  return writeTalkTrack({
    firstName: lead.first_name,
    displayName: lead.display_name,
    company: lead.company,
    persona: lead.persona
      ? {
          name: lead.persona,
          pains: lead.pains ?? [],
          discoveryQuestions: lead.discovery_questions ?? [],
          objections: lead.objections ?? [],
          templates: lead.talk_track_templates ?? {},
        }
      : null,
    activities: activities.map((row) => ({ ...row, occurredAt: row.occurred_at })),
    catalog: await catalog(workspaceId),
  });
}
