import type { UserRole } from './schema';

/** Who is making a request: a signed-in user, or an API key acting for the workspace. */
export type Principal =
  | { kind: 'user'; workspaceId: string; userId: string; role: UserRole; sessionId: string }
  | { kind: 'secret_key'; workspaceId: string; keyId: string; role: UserRole }
  | { kind: 'write_key'; workspaceId: string; keyId: string };

/** What a route lets in. Every /api route must declare one (checked when routes are registered). */
export type Access =
  | { public: true }
  /** Ingest routes: write keys (and secret keys) may call them. */
  | { ingest: true }
  /** Signed-in users and secret keys with one of these roles; `any` for every role. */
  | { roles: readonly UserRole[] | 'any' };

export function actorOf(principal: Principal): { actorType: 'user' | 'api_key'; actorId: string } {
  return principal.kind === 'user'
    ? { actorType: 'user', actorId: principal.userId }
    : { actorType: 'api_key', actorId: principal.keyId };
}

export function roleOf(principal: Principal): UserRole | undefined {
  return principal.kind === 'write_key' ? undefined : principal.role;
}
