import { z } from 'zod';
import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { formPublicRoutes } from './form-public-routes';
import { formRoutes } from './form-routes';
import { submissionMailer } from './notify-submission';
import { processSubmissions } from './process-submission';

export { embedSnippet } from './embed-snippet';
export { type Form, type FormField, type FormInput, formInputSchema } from './form-definition';
export { formStylesheet } from './form-style';
export { knownVisitor } from './known-visitor';
export { createForm, getPublishedForm, updateForm } from './manage-forms';
export { escapeHtml, type RenderFormOptions, renderFormHtml } from './render-form';

const processPayload = z.union([
  z.object({ workspaceId: z.uuid(), submissionId: z.uuid() }),
  z.object({ workspaceId: z.uuid(), submissionIds: z.array(z.uuid()).min(1) }),
]);

/** Forms: the builder's API, the public embed and submission endpoints, and submission processing. */
export function formsModule(ctx: AppContext): BatonModule {
  const notify = submissionMailer(ctx);
  return {
    name: 'forms',
    routes: [formRoutes(ctx), formPublicRoutes(ctx)],
    jobs: [
      {
        name: 'forms.process',
        run: async (payload) => {
          const input = processPayload.parse(payload);
          const ids = 'submissionIds' in input ? input.submissionIds : [input.submissionId];
          // One transaction for the batch; a failing one is kept `failed` with its error and the job
          // fails, so graphile-worker retries it and the retry skips those processed.
          await processSubmissions(ctx, { workspaceId: input.workspaceId, submissionIds: ids });
        },
      },
      { name: 'forms.notify', run: notify },
    ],
  };
}
