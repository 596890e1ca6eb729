import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { pageRoutes } from './page-routes';

export { escapeHtml } from './hosted-html';
export { findPageBySlug, getPage, listPages, pageInputSchema, savePage, setPageStatus } from './manage-pages';
export { renderMarkdown } from './render-markdown';

/** Landing pages hosted at /p/<slug>: templates, Markdown bodies, SEO meta, A/B variants. */
export function landingPagesModule(ctx: AppContext): BatonModule {
  return { name: 'landing-pages', routes: [pageRoutes(ctx)] };
}
