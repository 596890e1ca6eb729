import { createGunzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isbot } from 'isbot';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { principalFromKey } from '../auth';
import { type EventToWrite, EventWriter, type RejectionToWrite } from './event-writer';
import { ingestLimitersFor } from './ingest-limits';
import { isRejected, normalizeMessage } from './normalize-message';
import type { EventType } from './schema';

/** Segment's limits: 32 KB for one message, 500 KB for a batch. */
export const SINGLE_BODY_LIMIT = 32 * 1024;
export const BATCH_BODY_LIMIT = 500 * 1024;
const MAX_BATCH_ITEMS = 2_500;

const singleRoutes: Record<string, EventType> = {
  track: 'track',
  t: 'track',
  identify: 'identify',
  i: 'identify',
  page: 'page',
  p: 'page',
  screen: 'screen',
  s: 'screen',
  group: 'group',
  g: 'group',
  alias: 'alias',
  a: 'alias',
};

const rejectedItem = z.object({
  index: z.number().describe('Position of the message in the batch (0 for a single call)'),
  messageId: z.string().optional(),
  reason: z.string(),
  field: z.string().optional(),
});

const ingestResponse = z
  .object({
    success: z.literal(true),
    accepted: z.number().describe('Messages stored now'),
    duplicates: z.number().describe('Messages already stored earlier (retries); acknowledged, stored once'),
    droppedAsBots: z
      .number()
      .describe('Messages from known bots and crawlers (by context.userAgent): counted, not stored'),
    rejected: z.array(rejectedItem).describe('Messages refused, each with the reason; nothing else was dropped'),
  })
  .meta({ id: 'IngestResult' });

const anyJson = z.unknown().describe('A Segment message (track, identify, page, screen, group, alias) or batch');

function corsHeaders(reply: FastifyReply) {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-allow-methods', 'POST, GET, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type, authorization, content-encoding');
  reply.header('access-control-max-age', '86400');
}

/**
 * The Segment-compatible ingest API. A request is answered only after its events are committed
 * (group commit); retries of a stored message are acknowledged and stored once; every refused
 * message is named with its reason, and kept for the live view.
 */
export function ingestRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const writer = new EventWriter(ctx.pool, ctx.logger);
    app.addHook('onClose', () => writer.close());

    // Browser libraries send JSON as text/plain (no CORS preflight); servers may gzip.
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new AppError('bad_request', 'Body is not valid JSON'), undefined);
      }
    });
    app.addHook('preParsing', async (request, _reply, payload) => {
      if (request.headers['content-encoding'] !== 'gzip') return payload;
      delete request.headers['content-length'];
      const gunzip = createGunzip();
      gunzip.on('error', () => undefined);
      return payload.pipe(gunzip);
    });
    app.addHook('onRequest', async (_request, reply) => corsHeaders(reply));

    async function ingest(
      request: FastifyRequest,
      messages: unknown[],
      options: { type?: EventType; batchSentAt?: unknown; batchContext?: unknown },
    ) {
      const body = request.body as { writeKey?: unknown } | undefined;
      const principal =
        request.principal ??
        (typeof body?.writeKey === 'string' ? await principalFromKey(ctx, body.writeKey) : undefined);
      if (!principal) {
        throw new AppError('unauthenticated', 'Send a write key: HTTP Basic (key as user) or "writeKey" in the body');
      }
      const { workspaceId } = principal;
      const keyId = principal.kind === 'user' ? null : principal.keyId;
      const { perKey, perIp } = ingestLimitersFor(ctx);
      perIp.consume(request.ip, messages.length);
      perKey.consume(keyId ?? workspaceId, messages.length);

      const receivedAt = ctx.clock.now();
      const events: EventToWrite[] = [];
      const rejections: RejectionToWrite[] = [];
      const rejected: z.infer<typeof rejectedItem>[] = [];
      let bots = 0;
      messages.forEach((raw, index) => {
        const withContext =
          options.batchContext && typeof raw === 'object' && raw !== null && !('context' in raw)
            ? { ...raw, context: options.batchContext }
            : raw;
        const result = normalizeMessage(withContext, {
          receivedAt,
          type: options.type,
          batchSentAt: options.batchSentAt,
          ip: request.ip,
        });
        if (isRejected(result)) {
          rejected.push({ index, ...result });
          rejections.push({
            workspaceId,
            ...result,
            excerpt: safeExcerpt(raw),
            ip: request.ip,
          });
          return;
        }
        const agent = typeof result.context.userAgent === 'string' ? result.context.userAgent : undefined;
        if (agent && isBotAgent(agent)) {
          bots += 1;
          rejections.push({ workspaceId, reason: 'bot', ip: request.ip, bot: true });
          return;
        }
        events.push({ ...result, workspaceId, writeKeyId: keyId });
      });
      const { accepted, duplicates } = await writer.write(events, rejections);
      if (events.length === 0 && bots === 0 && rejected.length > 0) {
        throw new AppError('validation_failed', `Every message was refused: ${rejected[0]!.reason}`, {
          details: rejected.map((item) => ({ path: item.field, message: item.reason, index: item.index })),
        });
      }
      return { success: true as const, accepted, duplicates, droppedAsBots: bots, rejected };
    }

    for (const [path, type] of Object.entries(singleRoutes)) {
      app.post(
        `/v1/${path}`,
        {
          bodyLimit: SINGLE_BODY_LIMIT,
          config: { access: { ingest: true } },
          schema: {
            tags: ['ingest'],
            summary: `Segment ${type} call${path.length === 1 ? ' (browser short form)' : ''}`,
            body: anyJson,
            response: { 200: ingestResponse },
            hide: path.length === 1,
          },
        },
        async (request) => ingest(request, [request.body], { type }),
      );
    }

    for (const path of ['batch', 'b', 'import']) {
      app.post(
        `/v1/${path}`,
        {
          bodyLimit: BATCH_BODY_LIMIT,
          config: { access: { ingest: true } },
          schema: {
            tags: ['ingest'],
            summary: 'Segment batch: up to 500 KB of messages, each with its own type',
            body: anyJson,
            response: { 200: ingestResponse },
            hide: path !== 'batch',
          },
        },
        async (request) => {
          const body = request.body as { batch?: unknown; sentAt?: unknown; context?: unknown } | null;
          if (!body || typeof body !== 'object' || !Array.isArray(body.batch)) {
            throw new AppError('validation_failed', 'batch must be an array of messages', {
              details: [{ path: 'body.batch', message: 'required array' }],
            });
          }
          if (body.batch.length > MAX_BATCH_ITEMS) {
            throw new AppError('payload_too_large', `A batch holds at most ${MAX_BATCH_ITEMS} messages`);
          }
          return ingest(request, body.batch, { batchSentAt: body.sentAt, batchContext: body.context });
        },
      );
    }

    app.options('/v1/*', { config: { access: { public: true } }, schema: { hide: true } }, async (_request, reply) =>
      reply.status(204).send(),
    );
  };
}

// isbot is one large regular expression; visitors' user agents repeat, so remember the answers.
const botVerdicts = new Map<string, boolean>();
function isBotAgent(agent: string): boolean {
  let verdict = botVerdicts.get(agent);
  if (verdict === undefined) {
    verdict = isbot(agent);
    if (botVerdicts.size >= 10_000) botVerdicts.clear();
    botVerdicts.set(agent, verdict);
  }
  return verdict;
}

function safeExcerpt(raw: unknown): string {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 1000);
  } catch {
    return String(raw).slice(0, 1000);
  }
}
