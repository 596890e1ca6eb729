import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { assertContactVisible } from '../contacts/visibility';
import type { BatonModule } from '../module';
import { contentCatalog } from './content-catalog';
import { talkTrackFor } from './talk-track-for';
import { openerKinds } from './write-talk-track';

export { contentCatalog, loadContentCatalog } from './content-catalog';
export {
  type OpenerKind,
  type OpenerTemplates,
  openerKinds,
  type TalkTrack,
  validateTalkTrackTemplate,
  writeTalkTrack,
} from './write-talk-track';

const talkTrackSchema = z
  .object({
    opener: z.string(),
    openerKind: z.enum(openerKinds).describe('The story the opener tells: hand-raiser, downloads, reading, no history'),
    openerFromTemplate: z
      .boolean()
      .describe('Written from the persona’s own template rather than the built-in sentence'),
    interest: z.string().nullable(),
    questions: z.array(z.string()),
    nextContent: z.string().nullable(),
    objections: z.array(z.string()),
    basis: z.array(z.string()),
    text: z.string(),
  })
  .meta({ id: 'TalkTrack' });

function talkTrackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const catalog = contentCatalog(ctx);
  return async (app) => {
    app.get(
      '/api/contacts/:id/talk-track',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['contacts'],
          summary: 'What to say on the first call: an opener from what the lead did, questions, content, objections',
          params: z.object({ id: z.uuid() }),
          response: { 200: talkTrackSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        return talkTrackFor(ctx, catalog, principal.workspaceId, request.params.id);
      },
    );
  };
}

export function talkTrackModule(ctx: AppContext): BatonModule {
  return { name: 'talk-track', routes: [talkTrackRoutes(ctx)] };
}
