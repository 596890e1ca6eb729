import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { recordAudit } from '../audit';
import { principalOf } from '../auth';
import { contactFiltersSchema } from '../contacts';
import { dealStatuses } from '../deals';
import { sendCsv } from './csv-format';
import { exportCompanies, exportContacts, exportDeals } from './export-csv';

const stamp = () => new Date().toISOString().slice(0, 10);

export function exportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/exports/contacts.csv',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['exports'],
          summary: 'Contacts matching the same filters as GET /api/contacts, as CSV (UTF-8 with BOM, formulas guarded)',
          querystring: contactFiltersSchema,
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const stream = await exportContacts(ctx, { principal, filters: request.query });
        await recordAudit(ctx, {
          workspaceId: principal.workspaceId,
          actor: principal,
          action: 'export.contacts',
          details: { filters: request.query },
        });
        return sendCsv(reply, `contacts-${stamp()}.csv`, stream);
      },
    );

    app.get(
      '/api/exports/companies.csv',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['exports'],
          summary: 'Companies matching the same filters as GET /api/companies, as CSV',
          querystring: z.object({
            q: z.string().trim().min(1).max(200).optional(),
            industry: z.string().max(100).optional(),
            owner: z.union([z.literal('none'), z.uuid()]).optional(),
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const stream = await exportCompanies(ctx, { workspaceId: principal.workspaceId, ...request.query });
        await recordAudit(ctx, {
          workspaceId: principal.workspaceId,
          actor: principal,
          action: 'export.companies',
          details: { filters: request.query },
        });
        return sendCsv(reply, `companies-${stamp()}.csv`, stream);
      },
    );

    app.get(
      '/api/exports/deals.csv',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['exports'],
          summary: 'Deals by status, owner, company or contact, as CSV (amounts in major units)',
          querystring: z.object({
            status: z.enum(dealStatuses).optional(),
            owner: z.uuid().optional(),
            company: z.uuid().optional(),
            contact: z.uuid().optional(),
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const stream = await exportDeals(ctx, { workspaceId: principal.workspaceId, ...request.query });
        await recordAudit(ctx, {
          workspaceId: principal.workspaceId,
          actor: principal,
          action: 'export.deals',
          details: { filters: request.query },
        });
        return sendCsv(reply, `deals-${stamp()}.csv`, stream);
      },
    );
  };
}
