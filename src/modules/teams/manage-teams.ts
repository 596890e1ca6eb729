import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { users } from '../auth/schema';
import { type TeamKind, teamMembers, teams } from './schema';

export type TeamView = {
  id: string;
  name: string;
  kind: TeamKind;
  members: { userId: string; name: string; role: string; weight: number }[];
};

export async function listTeams(ctx: AppContext, workspaceId: string): Promise<TeamView[]> {
  const teamRows = await ctx.db
    .select({ id: teams.id, name: teams.name, kind: teams.kind })
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.kind), asc(teams.name));
  const memberRows = await ctx.db
    .select({
      teamId: teamMembers.teamId,
      userId: teamMembers.userId,
      weight: teamMembers.weight,
      name: users.name,
      role: users.role,
    })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.workspaceId, teamMembers.workspaceId), eq(users.id, teamMembers.userId)))
    .where(eq(teamMembers.workspaceId, workspaceId))
    .orderBy(asc(users.name));
  return teamRows.map((team) => ({
    ...team,
    members: memberRows
      .filter((member) => member.teamId === team.id)
      .map(({ userId, name, role, weight }) => ({ userId, name, role, weight })),
  }));
}

export async function createTeam(
  ctx: AppContext,
  input: { workspaceId: string; name: string; kind: TeamKind },
): Promise<TeamView> {
  try {
    const [team] = await ctx.db
      .insert(teams)
      .values({ workspaceId: input.workspaceId, id: newId(), name: input.name.trim(), kind: input.kind })
      .returning({ id: teams.id, name: teams.name, kind: teams.kind });
    return { ...team!, members: [] };
  } catch (error) {
    if (isUniqueViolation(error, 'teams_workspace_name_key')) {
      throw new AppError('conflict', `A team named ${input.name} already exists`, {
        details: [{ path: 'name', message: 'already taken' }],
      });
    }
    throw error;
  }
}

/** Replaces a team's members (and their round-robin weights) in one step. */
export async function setTeamMembers(
  ctx: AppContext,
  input: { workspaceId: string; teamId: string; members: { userId: string; weight: number }[] },
): Promise<TeamView> {
  const userIds = [...new Set(input.members.map((member) => member.userId))];
  if (userIds.length !== input.members.length) {
    throw new AppError('validation_failed', 'A user appears twice', {
      details: [{ path: 'members', message: 'duplicate user' }],
    });
  }
  await ctx.db.transaction(async (tx) => {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, input.workspaceId), eq(teams.id, input.teamId)))
      .for('update');
    if (!team) throw notFound('Team');
    if (userIds.length > 0) {
      const found = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, input.workspaceId), inArray(users.id, userIds)));
      const missing = userIds.filter((id) => !found.some((row) => row.id === id));
      if (missing.length > 0) {
        throw new AppError('validation_failed', 'Unknown users', {
          details: missing.map((id) => ({ path: 'members', message: `no user ${id} in this workspace` })),
        });
      }
    }
    await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.workspaceId, input.workspaceId), eq(teamMembers.teamId, input.teamId)));
    if (input.members.length > 0) {
      await tx.insert(teamMembers).values(
        input.members.map((member) => ({
          workspaceId: input.workspaceId,
          teamId: input.teamId,
          userId: member.userId,
          weight: member.weight,
        })),
      );
    }
  });
  const team = (await listTeams(ctx, input.workspaceId)).find((candidate) => candidate.id === input.teamId);
  if (!team) throw notFound('Team');
  return team;
}

export async function deleteTeam(ctx: AppContext, workspaceId: string, teamId: string): Promise<void> {
  const result = await ctx.db.delete(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)));
  if (!result.rowCount) throw notFound('Team');
}
