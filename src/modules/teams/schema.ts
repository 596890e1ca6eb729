import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, workspaceIdColumn } from '../../core/db/columns';
import { users } from '../auth/schema';

export const teamKinds = ['team', 'pilot'] as const;
export type TeamKind = (typeof teamKinds)[number];

/** A team of reps; `pilot` marks the pilot group that gets inbound leads first. */
export const teams = pgTable(
  'teams',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').$type<TeamKind>().notNull().default('team'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('teams_workspace_name_key').on(t.workspaceId, t.name),
    check('teams_kind_check', sql`${t.kind} in ('team', 'pilot')`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: workspaceIdColumn(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** Share of round-robin assignments relative to the team's other members. */
    weight: integer('weight').notNull().default(1),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.teamId, t.userId] }),
    foreignKey({ columns: [t.workspaceId, t.teamId], foreignColumns: [teams.workspaceId, teams.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.workspaceId, t.userId], foreignColumns: [users.workspaceId, users.id] }).onDelete(
      'cascade',
    ),
    index('team_members_user_idx').on(t.workspaceId, t.userId),
  ],
);
