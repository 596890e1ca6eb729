import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../../core/context';
import { messagePage } from '../landing-pages/hosted-html';
import { checkDownloadToken } from './download-links';
import { assetStorageOf, getAssetRow } from './manage-assets';
import { recordDownload } from './record-download';

function refuse(reply: FastifyReply, status: number, title: string, message: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(messagePage({ title, message, status }));
}

/** RFC 6266 filename: a plain ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * GET /d/<token>: streams an offer's file to whoever holds a valid link, and records the download.
 * A forged link gets 403, an expired one 410, each as a short page a person can read.
 */
export function downloadRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // A wildcard, not a parameter: tokens are longer than the router's parameter limit.
    app.get('/d/*', { schema: { hide: true } }, async (request, reply) => {
      const token = (request.params as { '*': string })['*'];
      const check =
        token.length <= 2000 ? await checkDownloadToken(ctx, token) : ({ ok: false, reason: 'forged' } as const);
      if (!check.ok && check.reason === 'forged') {
        return refuse(
          reply,
          403,
          'This link is not valid',
          'The download link was changed or is incomplete. Ask for a new one.',
        );
      }
      if (!check.ok) {
        return refuse(
          reply,
          410,
          'This link has expired',
          'Download links work for a limited time. Fill in the form again for a fresh link.',
        );
      }
      const asset = await getAssetRow(ctx, check.grant.workspaceId, check.grant.assetId);
      const file = asset && (await assetStorageOf(ctx).get(asset.storageKey));
      if (!asset || !file) {
        return refuse(reply, 410, 'This file is no longer available', 'The offer behind this link was removed.');
      }
      // A preview image is shown, not downloaded: no activity, no conversion step.
      const inline = check.grant.inline === true && asset.contentType.startsWith('image/');
      if (inline) {
        return reply
          .header('cache-control', 'public, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .header('content-length', String(asset.sizeBytes))
          .type(asset.contentType)
          .send(file);
      }
      await recordDownload(ctx, { grant: check.grant, asset, anonymousId: request.cookies.baton_aid });
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', contentDisposition(asset.fileName))
        .header('content-length', String(asset.sizeBytes))
        .type(asset.contentType)
        .send(file);
    });
  };
}
