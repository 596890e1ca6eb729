import type { AppContext } from '../../core/context';
import { sqlClientOf } from '../../core/db/sql-client';
import { newId } from '../../core/ids';
import { insertActivities } from '../activities';
import { recordConversionEvent } from '../conversions/record-conversion';
import { enqueueScoreContacts } from '../scoring';
import type { DownloadGrant } from './download-token';
import type { AssetKind } from './schema';

/**
 * A download, as the rest of Baton sees it: a `content_download` activity named by the offer's
 * title and kind (what the talk track quotes) on the contact when known — else on the anonymous
 * visitor, moved onto the contact when they are identified — plus a 'download' conversion event.
 */
export async function recordDownload(
  ctx: AppContext,
  input: {
    grant: DownloadGrant;
    asset: { id: string; title: string; kind: AssetKind; fileName: string };
    anonymousId?: string;
  },
): Promise<void> {
  const { grant, asset } = input;
  const workspaceId = grant.workspaceId;
  const anonymousId = grant.anonymousId ?? input.anonymousId?.slice(0, 200) ?? null;
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const db = sqlClientOf(tx);
    // The contact the link was made for (or the one it was merged into), else the visitor's, if known.
    const { rows } = await db.query<{ id: string }>(
      `select coalesce(c.merged_into_id, c.id) as id from contacts c where c.workspace_id = $1 and c.id = $2
       union all
       select i.contact_id from identities i where i.workspace_id = $1 and i.kind = 'anonymous' and i.value = $3
       limit 1`,
      [workspaceId, grant.contactId ?? null, anonymousId],
    );
    const contactId = rows[0]?.id ?? null;
    await insertActivities(
      tx,
      workspaceId,
      [
        {
          id: newId(at.getTime()),
          contactId,
          anonymousId,
          type: 'content_download',
          occurredAt: at,
          title: asset.title,
          url: null,
          campaignId: null,
          properties: {
            assetId: asset.id,
            assetKind: asset.kind,
            fileName: asset.fileName,
            ...(grant.landingPageId ? { landingPageId: grant.landingPageId } : {}),
          },
          messageId: null,
        },
      ],
      at,
    );
    await recordConversionEvent(db, {
      workspaceId,
      step: 'download',
      at,
      anonymousId,
      contactId,
      assetId: asset.id,
      landingPageId: grant.landingPageId,
      variantId: grant.variantId,
      ctaId: grant.ctaId,
      source: grant.source,
      campaign: grant.campaign,
    });
    if (contactId) await enqueueScoreContacts(tx, workspaceId, [contactId]);
  });
}
