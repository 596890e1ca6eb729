import type { AppContext } from '../../core/context';
import type { SqlClient } from '../../core/db/sql-client';
import { type ContentCatalogOf, loadContentCatalog } from '../talk-track/content-catalog';
import type { DeliveryDispatcher } from '../webhooks/delivery-dispatcher';
import { publishEvent } from '../webhooks/publish-event';
import { briefFor, recentActivitiesOf, recordAssignment, scheduleSlaSweep, slaPolicyFor } from './assign-lead';
import { chooseRep } from './choose-rep';
import { loadLead, loadLeads, loadReps, loadRules, loadTeams, worldFor } from './routing-world';
import type { HandoffKind } from './schema';
import type { SlaPolicy } from './sla-times';

/**
 * Hand-offs per transaction: few, so each waits little for the others' commit, yet enough that a
 * burst is routed as fast as it comes (the batch's leads and activities are read in one query each).
 */
const BATCH = 20;

/** One routing at a time per workspace: round-robin turns and rep caps stay exact with any number of workers. */
export const lockRouting = (db: SqlClient, workspaceId: string) =>
  db.query(`select pg_advisory_xact_lock(hashtext('baton.routing'), hashtext($1))`, [workspaceId]);

/**
 * Routes a workspace's pending hand-offs, oldest first, in small transactions. Each hand-off row
 * is locked while it is routed and the assignment table allows one routing per hand-off, so a
 * hand-off is assigned exactly once however many workers run this job. The briefs' talk tracks
 * offer content from the workspace's catalog: `catalogOf` (cached) when given, else read once a batch.
 */
export async function routePendingHandoffs(
  ctx: AppContext,
  workspaceId: string,
  dispatcher?: DeliveryDispatcher,
  catalogOf?: ContentCatalogOf,
): Promise<number> {
  let routed = 0;
  for (;;) {
    const client = await ctx.pool.connect();
    // Webhook deliveries of this batch, sent right after its commit when a dispatcher is given.
    const deliveries: string[] = [];
    const later = dispatcher ? { dispatchLater: deliveries } : {};
    try {
      await client.query('begin');
      await lockRouting(client, workspaceId);
      const { rows: pending } = await client.query<{
        id: string;
        contact_id: string;
        kind: HandoffKind;
        reason: string | null;
        ready_at: Date;
      }>(
        `select id, contact_id, kind, reason, ready_at from handoffs
          where workspace_id = $1 and status = 'pending' order by ready_at, id limit $2 for update skip locked`,
        [workspaceId, BATCH],
      );
      if (pending.length === 0) {
        await client.query('commit');
        return routed;
      }
      const at = ctx.clock.now();
      // One connection runs one query at a time: loaded in turn.
      const rules = await loadRules(client, workspaceId);
      const reps = await loadReps(client, workspaceId, at);
      const teams = await loadTeams(client, workspaceId);
      const policies = new Map<HandoffKind, SlaPolicy>([
        ['hand_raiser', await slaPolicyFor(client, workspaceId, 'hand_raiser')],
        ['mql', await slaPolicyFor(client, workspaceId, 'mql')],
      ]);
      // Read on this batch's connection on a miss: a second one could wait behind busy routing batches.
      const catalog = catalogOf ? await catalogOf(workspaceId, client) : await loadContentCatalog(client, workspaceId);
      let firstStep: Date | null = null;
      const leads = await loadLeads(
        client,
        workspaceId,
        pending.map((handoff) => ({ contactId: handoff.contact_id, kind: handoff.kind })),
        at,
      );
      const histories = await recentActivitiesOf(
        client,
        workspaceId,
        [...leads.values()].filter((lead) => lead.stage === 'mql').map((lead) => lead.id),
      );
      const routedHere = new Set<string>();
      for (const handoff of pending) {
        // A second hand-off of one lead in the batch sees what the first one changed.
        const lead = routedHere.has(handoff.contact_id)
          ? await loadLead(client, workspaceId, handoff.contact_id, { kind: handoff.kind, at })
          : leads.get(handoff.contact_id);
        routedHere.add(handoff.contact_id);
        if (lead?.stage !== 'mql') {
          // Deleted, merged away, or already moved on (accepted, disqualified…) before routing.
          await client.query(
            `update handoffs set status = 'cancelled', routed_at = $3 where workspace_id = $1 and id = $2`,
            [workspaceId, handoff.id, at],
          );
          continue;
        }
        const activities =
          histories.get(lead.id) ?? (await recentActivitiesOf(client, workspaceId, [lead.id])).get(lead.id) ?? [];
        const brief = await briefFor(client, workspaceId, lead, handoff, null, { activities, catalog });
        await publishEvent(
          client,
          {
            workspaceId,
            type: handoff.kind === 'hand_raiser' ? 'lead.hand_raiser' : 'lead.mql',
            data: {
              contactId: lead.id,
              handoffId: handoff.id,
              kind: handoff.kind,
              reason: handoff.reason,
              readyAt: handoff.ready_at.toISOString(),
              grade: lead.grade,
              score: Math.round(lead.score),
              brief,
            },
            text: brief.text,
            at,
          },
          later,
        );
        const decision = chooseRep(rules, worldFor(lead, reps, teams, at));
        if (decision.outcome === 'assigned' && decision.roundRobin) {
          // The next lead in this batch sees the moved credits.
          const team = teams.get(decision.roundRobin.teamId);
          if (team) {
            team.members = team.members.map((member) => ({
              ...member,
              credit: decision.roundRobin!.credits.get(member.userId) ?? member.credit,
            }));
          }
        }
        const { firstStepAt } = await recordAssignment(client, {
          workspaceId,
          lead,
          handoff: { id: handoff.id, kind: handoff.kind, reason: handoff.reason, readyAt: handoff.ready_at },
          decision,
          kind: 'routed',
          previousUserId: lead.ownerId,
          actorId: null,
          at,
          reps,
          email: ctx.config.smtpUrl !== undefined,
          activities,
          catalog,
          policies,
          deferSweep: true,
          dispatchLater: later.dispatchLater,
        });
        if (firstStepAt && (!firstStep || firstStepAt < firstStep)) firstStep = firstStepAt;
        routed += 1;
      }
      // One sweep at the earliest new step; each sweep queues the next.
      if (firstStep) await scheduleSlaSweep(client, workspaceId, firstStep);
      await client.query('commit');
      dispatcher?.dispatch(workspaceId, deliveries);
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
