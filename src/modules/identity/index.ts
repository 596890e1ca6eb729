export { type KnownIdentityRows, loadKnownIdentities } from './load-known-identities';
export { type MergeInput, mergeContacts } from './merge-contacts';
export { saveIdentityLinks, saveVisitorSessions } from './save-identities';
