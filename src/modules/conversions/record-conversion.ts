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
  await db.query(
    `insert into conversion_events (workspace_id, id, at, step, anonymous_id, contact_id, cta_id, landing_page_id,
                                    variant_id, form_id, asset_id, source, campaign)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      event.workspaceId,
      newId(),
      event.at,
      event.step,
      text(event.anonymousId, 200),
      event.contactId ?? null,
      event.ctaId ?? null,
      event.landingPageId ?? null,
      text(event.variantId, 100),
      event.formId ?? null,
      event.assetId ?? null,
      text(event.source),
      text(event.campaign),
    ],
  );
}
