import type pg from 'pg';
import { newId } from '../../core/ids';
import { Invalid } from './values';

type UserRow = { id: string; email: string; name: string };

const nameKey = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/** Email for a user created from a bare name: `Anna Snelling` → `anna.snelling@import.invalid` (a reserved domain). */
export function placeholderEmail(name: string): string {
  const local =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '') || 'user';
  return `${local.slice(0, 60)}@import.invalid`;
}

/**
 * The workspace's users by email and by name, for owner columns ("Contact owner", "sales_agent").
 * A name two users share is ambiguous; a missing owner is created (as a sales rep without a
 * password) only when the import says so.
 */
export class OwnerDirectory {
  private readonly byEmail = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();

  private constructor(users: UserRow[]) {
    for (const user of users) this.remember(user);
  }

  static async load(client: pg.ClientBase, workspaceId: string): Promise<OwnerDirectory> {
    const { rows } = await client.query<UserRow>('select id, email, name from users where workspace_id = $1', [
      workspaceId,
    ]);
    return new OwnerDirectory(rows);
  }

  private remember(user: UserRow) {
    this.byEmail.set(user.email.toLowerCase(), user.id);
    const key = nameKey(user.name);
    const ids = this.byName.get(key) ?? [];
    if (!ids.includes(user.id)) ids.push(user.id);
    this.byName.set(key, ids);
  }

  /** A user id; `null` when unknown (the caller decides: error, or create); Invalid when ambiguous. */
  resolve(raw: string): string | null | Invalid {
    const value = raw.trim();
    if (value.includes('@')) return this.byEmail.get(value.toLowerCase()) ?? null;
    const ids = this.byName.get(nameKey(value));
    if (!ids) return this.byEmail.get(placeholderEmail(value)) ?? null;
    if (ids.length > 1) return new Invalid(`${ids.length} users are named "${value}"; use their email`);
    return ids[0]!;
  }

  /**
   * Creates users for owners not found (sales reps, no password: an admin invites them later).
   * Returns the ids created.
   */
  async createMissing(
    client: pg.ClientBase,
    workspaceId: string,
    owners: Iterable<string>,
    at: Date,
  ): Promise<{ id: string; email: string; name: string }[]> {
    const wanted = new Map<string, { id: string; email: string; name: string }>();
    for (const raw of owners) {
      const value = raw.trim().replace(/\s+/g, ' ');
      if (!value || this.resolve(value) !== null) continue;
      const email = value.includes('@') ? value.toLowerCase() : placeholderEmail(value);
      if (wanted.has(email)) continue;
      const name = value.includes('@') ? nameFromEmail(email) : value.slice(0, 200);
      wanted.set(email, { id: newId(), email, name });
    }
    if (wanted.size === 0) return [];
    const { rows } = await client.query<UserRow>(
      `insert into users (workspace_id, id, email, name, role, created_at)
       select $1, r.id, r.email, r.name, 'sales_rep', $3
         from jsonb_to_recordset($2::jsonb) as r(id uuid, email text, name text)
       on conflict do nothing
       returning id, email, name`,
      [workspaceId, JSON.stringify([...wanted.values()]), at],
    );
    for (const row of rows) this.remember(row);
    // Created a moment ago by someone else (same email): learn those too.
    const missing = [...wanted.keys()].filter((email) => !this.byEmail.has(email));
    if (missing.length > 0) {
      const { rows: existing } = await client.query<UserRow>(
        'select id, email, name from users where workspace_id = $1 and lower(email) = any($2::text[])',
        [workspaceId, missing],
      );
      for (const row of existing) this.remember(row);
    }
    return rows;
  }
}

function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');
}
