import type { SqlClient } from '../../core/db/sql-client';
import { newId } from '../../core/ids';
import type { ConversionStep } from './schema';

export type ConversionEvent = {
  workspaceId: string;
  step: ConversionStep;
  at: Date;
  anonymousId?: string | null;
  contactId?: string | null;
  ctaId?: string | null;
  landingPageId?: string | null;
  variantId?: string | null;
  formId?: string | null;
  assetId?: string | null;
  source?: string | null;
  campaign?: string | null;
};

/** Visitor-given text as PostgreSQL can store it (no NUL), within a sane length. */
const text = (value: string | null | undefined, max = 500) => (value ? value.replace(/\0/g, '').slice(0, max) : null);

/** Records one step of a conversion path, in the caller's transaction when given one. */
export async function recordConversionEvent(db: SqlClient, event: ConversionEvent): Promise<void> {
  await recordConversionEvents(db, [event]);
}

/** Records steps of conversion paths in one statement (a batch of form submissions, say). */
export async function recordConversionEvents(db: SqlClient, events: ConversionEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    workspace_id: event.workspaceId,
    id: newId(),
    at: event.at,
    step: event.step,
    anonymous_id: text(event.anonymousId, 200),
    contact_id: event.contactId ?? null,
    cta_id: event.ctaId ?? null,
    landing_page_id: event.landingPageId ?? null,
    variant_id: text(event.variantId, 100),
    form_id: event.formId ?? null,
    asset_id: event.assetId ?? null,
    source: text(event.source),
    campaign: text(event.campaign),
  }));
  await db.query(
    `insert into conversion_events (workspace_id, id, at, step, anonymous_id, contact_id, cta_id, landing_page_id,
                                    variant_id, form_id, asset_id, source, campaign)
     select workspace_id, id, at, step, anonymous_id, contact_id, cta_id, landing_page_id, variant_id, form_id,
            asset_id, source, campaign
       from jsonb_to_recordset($1::jsonb) as r(workspace_id uuid, id uuid, at timestamptz, step text, anonymous_id text,
            contact_id uuid, cta_id uuid, landing_page_id uuid, variant_id text, form_id uuid, asset_id uuid,
            source text, campaign text)`,
    [JSON.stringify(rows)],
  );
}
