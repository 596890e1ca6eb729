import { sql } from 'drizzle-orm';
import { bigint, date, foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, workspaceIdColumn } from '../../core/db/columns';

/** Channels a campaign or a touch can belong to (event, trade show, radio, print and cold call are offline). */
export const channels = [
  'paid_search',
  'organic_search',
  'paid_social',
  'organic_social',
  'email',
  'referral',
  'direct',
  'display',
  'content',
  'webinar',
  'event',
  'trade_show',
  'radio',
  'print',
  'cold_call',
  /** Tagged with UTM parameters whose medium fits none of the channels above. */
  'campaign',
] as const;
export type Channel = (typeof channels)[number];

export const campaigns = pgTable(
  'campaigns',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    /** The `utm_campaign` value that attributes web traffic to this campaign. */
    utmCampaign: text('utm_campaign'),
    status: text('status').$type<'planned' | 'active' | 'completed'>().notNull().default('active'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('campaigns_utm_key').on(t.workspaceId, sql`lower(${t.utmCampaign})`),
  ],
);

/** Money spent on a campaign in a period (integer minor units), online or offline. */
export const campaignCosts = pgTable(
  'campaign_costs',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    campaignId: uuid('campaign_id').notNull(),
    periodStart: date('period_start').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    note: text('note'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('campaign_costs_campaign_idx').on(t.workspaceId, t.campaignId, t.periodStart),
    foreignKey({
      columns: [t.workspaceId, t.campaignId],
      foreignColumns: [campaigns.workspaceId, campaigns.id],
    }).onDelete('cascade'),
  ],
);
