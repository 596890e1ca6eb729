/** Every table, for drizzle (queries) and drizzle-kit (migrations). Modules own their tables. */
export * from '../../modules/activities/schema';
export * from '../../modules/audit/schema';
export * from '../../modules/auth/schema';
export * from '../../modules/campaigns/schema';
export * from '../../modules/contacts/schema';
export * from '../../modules/deals/schema';
export * from '../../modules/identity/schema';
export * from '../../modules/imports/schema';
export * from '../../modules/ingest/schema';
export * from '../../modules/lifecycle/schema';
export * from '../../modules/personas/schema';
export * from '../../modules/pipeline/schema';
export * from '../../modules/properties/schema';
export * from '../../modules/sales-activities/schema';
export * from '../../modules/teams/schema';
export * from '../../modules/views/schema';
export * from '../../modules/workspaces/schema';
