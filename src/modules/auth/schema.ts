import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const userRoles = ['admin', 'marketing', 'sales_manager', 'sales_rep'] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable(
  'users',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    /** scrypt hash; null for users who have not set a password yet. */
    passwordHash: text('password_hash'),
    disabledAt: timestampColumn('disabled_at'),
    lastLoginAt: timestampColumn('last_login_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('users_workspace_email_key').on(t.workspaceId, sql`lower(${t.email})`),
    index('users_email_idx').on(sql`lower(${t.email})`),
    check('users_role_check', sql`${t.role} in ('admin', 'marketing', 'sales_manager', 'sales_rep')`),
  ],
);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAtColumn(),
    lastSeenAt: timestampColumn('last_seen_at').notNull().defaultNow(),
    /** Sliding idle expiry, never later than `maxExpiresAt`. */
    expiresAt: timestampColumn('expires_at').notNull(),
    maxExpiresAt: timestampColumn('max_expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_expires_at_idx').on(t.expiresAt),
    foreignKey({ columns: [t.workspaceId, t.userId], foreignColumns: [users.workspaceId, users.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const apiKeyKinds = ['secret', 'write'] as const;
export type ApiKeyKind = (typeof apiKeyKinds)[number];

/**
 * Secret keys (`sk_…`) act with a role on the whole API; write keys (`wk_…`) may only send events
 * to the ingest API. Shown once, stored as SHA-256.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').$type<ApiKeyKind>().notNull(),
    role: text('role').$type<UserRole>(),
    keyHash: text('key_hash').notNull(),
    /** The first characters of the key, to recognise it in lists. */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
    lastUsedAt: timestampColumn('last_used_at'),
    revokedAt: timestampColumn('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    check('api_keys_kind_check', sql`${t.kind} in ('secret', 'write')`),
    check(
      'api_keys_role_check',
      sql`(${t.kind} = 'write' and ${t.role} is null) or (${t.kind} = 'secret' and ${t.role} is not null)`,
    ),
  ],
);
