import { load, readCookie, save, writeCookie } from './storage';
import { uuid } from './uuid';

const ANONYMOUS_ID = 'baton_aid';
const USER_ID = 'baton_uid';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Who the visitor is: a first-party anonymous id (a cookie, mirrored in localStorage in case one of
 * them is cleared) and, once the site calls identify, its user id. Read freely; written only when
 * tracking is allowed.
 */
export const identity: { anonymousId: string; userId?: string } = {
  anonymousId: readCookie(ANONYMOUS_ID) || load('localStorage', ANONYMOUS_ID) || uuid(),
  userId: load('localStorage', USER_ID) || undefined,
};

/** Rewritten on every page so the cookie lasts a year after the last visit, not the first. */
export function saveIdentity(): void {
  writeCookie(ANONYMOUS_ID, identity.anonymousId, ONE_YEAR_SECONDS);
  save('localStorage', ANONYMOUS_ID, identity.anonymousId);
  save('localStorage', USER_ID, identity.userId ?? null);
}

/** Forgets the visitor: stored ids are removed and a new anonymous id starts in memory. */
export function forgetIdentity(): void {
  writeCookie(ANONYMOUS_ID, '', 0);
  save('localStorage', ANONYMOUS_ID, null);
  save('localStorage', USER_ID, null);
  identity.anonymousId = uuid();
  identity.userId = undefined;
}
