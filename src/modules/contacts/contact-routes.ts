import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { recordAudit } from '../audit';
import { actorOf, principalOf } from '../auth';
import { channels } from '../campaigns/schema';
import { mergeContacts } from '../identity';
import { scoreContactsNow } from '../scoring/rescore-workspace';
import { createCompany, deleteCompany, getCompany, listCompanies, updateCompany } from './companies';
import { contactFiltersSchema } from './contact-filters';
import { companyTimeline, contactTimeline, timelineKinds } from './contact-timeline';
import { getContact } from './get-contact';
import { countContacts, listContacts } from './list-contacts';
import { lifecycleStages } from './schema';
import { assertContactVisible, contactVisibility } from './visibility';
import { createContact, deleteContact, updateContact } from './write-contact';

const summary = {
  id: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  lifecycleStage: z.enum(lifecycleStages),
  workingStatus: z.string().nullable(),
  source: z.string().nullable(),
  country: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  personaId: z.string().nullable(),
  personaName: z.string().nullable(),
  score: z.number(),
  grade: z.string().nullable(),
  lastActivityAt: z.date().nullable(),
  createdAt: z.date(),
  properties: z.record(z.string(), z.unknown()),
};
const contactSummarySchema = z.object(summary).meta({ id: 'ContactSummary' });
const contactSchema = z
  .object({
    ...summary,
    externalId: z.string().nullable(),
    phone: z.string().nullable(),
    seniority: z.string().nullable(),
    department: z.string().nullable(),
    city: z.string().nullable(),
    consentStatus: z.string(),
    firstSeenAt: z.date().nullable(),
    company: z
      .object({
        id: z.string(),
        name: z.string(),
        domain: z.string().nullable(),
        industry: z.string().nullable(),
        employees: z.number().nullable(),
      })
      .nullable(),
    anonymousIds: z.array(z.string()),
    mergedIntoId: z.string().nullable().describe('Set when this record was merged into another'),
    merges: z.array(z.object({ mergedId: z.string(), at: z.date(), reason: z.string(), email: z.string().nullable() })),
    scoreWeekAgo: z.number(),
    openSla: z.object({ dueAt: z.date(), startedAt: z.date(), userId: z.string(), kind: z.string() }).nullable(),
  })
  .meta({ id: 'Contact' });
const timelineItemSchema = z.object({
  id: z.string(),
  kind: z.enum(timelineKinds),
  contactId: z.string().nullable(),
  type: z.string(),
  at: z.date(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
const idParams = z.object({ id: z.uuid() });

const optionalText = (max = 200) => z.string().trim().max(max).nullable().optional();
const contactFieldsSchema = z.object({
  email: z.email().max(254).nullable().optional(),
  firstName: optionalText(),
  lastName: optionalText(),
  phone: optionalText(50),
  title: optionalText(),
  seniority: optionalText(100),
  department: optionalText(100),
  companyName: optionalText(),
  companyId: z.uuid().nullable().optional(),
  country: optionalText(100),
  city: optionalText(100),
  source: z.enum(channels).nullable().optional(),
  sourceDetail: optionalText(),
  consentStatus: z.enum(['granted', 'denied', 'unknown']).optional(),
  consentText: optionalText(2000),
  ownerId: z.uuid().nullable().optional(),
  externalId: optionalText(200),
  properties: z.record(z.string(), z.unknown()).optional().describe('Custom properties by key'),
});
const companySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().nullable(),
    industry: z.string().nullable(),
    employees: z.number().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    contacts: z.number(),
    openDeals: z.number(),
    properties: z.record(z.string(), z.unknown()),
    createdAt: z.date(),
  })
  .meta({ id: 'Company' });
const companyFieldsSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  domain: optionalText(253),
  industry: optionalText(100),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  country: optionalText(100),
  region: optionalText(100),
  ownerId: z.uuid().nullable().optional(),
  externalId: optionalText(200),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const timelineQuery = z.object({
  kinds: z
    .string()
    .max(200)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(timelineKinds)).min(1))
    .optional()
    .describe(`Comma-separated: ${timelineKinds.join(', ')}`),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const timelineResponse = z.object({ items: z.array(timelineItemSchema), nextCursor: z.string().nullable() });
const writers = ['admin', 'marketing', 'sales_manager', 'sales_rep'] as const;

export function contactRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/contacts',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['contacts'],
          summary: 'Contacts matching filters, in the chosen order (keyset pagination with `cursor`)',
          querystring: contactFiltersSchema.extend({
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(contactSummarySchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => {
        const { cursor, limit, ...filters } = request.query;
        return listContacts(ctx, { principal: principalOf(request), filters, cursor, limit });
      },
    );

    app.get(
      '/api/contacts/count',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['contacts'],
          summary: 'How many contacts match the same filters as the list',
          querystring: contactFiltersSchema,
          response: { 200: z.object({ count: z.number() }) },
        },
      },
      async (request) => ({
        count: await countContacts(ctx, { principal: principalOf(request), filters: request.query }),
      }),
    );

    app.post(
      '/api/contacts',
      {
        config: { access: { roles: writers } },
        schema: {
          tags: ['contacts'],
          summary: 'Create a contact',
          body: contactFieldsSchema.extend({ lifecycleStage: z.enum(lifecycleStages).default('lead') }),
          response: { 201: contactSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { lifecycleStage, ...fields } = request.body;
        const actor = actorOf(principal);
        const id = await createContact(ctx, {
          workspaceId: principal.workspaceId,
          fields,
          stage: lifecycleStage,
          actor: { type: actor.actorType, id: actor.actorId },
        });
        await scoreContactsNow(ctx, principal.workspaceId, [id], 'profile');
        return reply.status(201).send(await getContact(ctx, principal.workspaceId, id));
      },
    );

    app.get(
      '/api/contacts/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['contacts'], summary: 'One contact', params: idParams, response: { 200: contactSchema } },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        return getContact(ctx, principal.workspaceId, request.params.id);
      },
    );

    app.patch(
      '/api/contacts/:id',
      {
        config: { access: { roles: writers } },
        schema: {
          tags: ['contacts'],
          summary: 'Change a contact’s fields; custom properties merge (null removes one)',
          params: idParams,
          body: contactFieldsSchema.strict(),
          response: { 200: contactSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        await updateContact(ctx, {
          workspaceId: principal.workspaceId,
          contactId: request.params.id,
          fields: request.body,
        });
        await scoreContactsNow(ctx, principal.workspaceId, [request.params.id], 'profile');
        return getContact(ctx, principal.workspaceId, request.params.id);
      },
    );

    app.delete(
      '/api/contacts/:id',
      {
        config: { access: { roles: ['admin', 'marketing', 'sales_manager'] } },
        schema: {
          tags: ['contacts'],
          summary: 'Delete a contact and its history',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await deleteContact(ctx, { workspaceId: principal.workspaceId, contactId: request.params.id });
        await recordAudit(ctx, {
          workspaceId: principal.workspaceId,
          actor: principal,
          action: 'contact.deleted',
          targetType: 'contact',
          targetId: request.params.id,
        });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/contacts/:id/timeline',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['contacts'],
          summary: 'Everything that happened to a contact, newest first (filter by kind)',
          params: idParams,
          querystring: timelineQuery,
          response: { 200: timelineResponse },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        return contactTimeline(ctx, {
          workspaceId: principal.workspaceId,
          contactId: request.params.id,
          ...request.query,
        });
      },
    );

    app.post(
      '/api/contacts/:id/merge',
      {
        config: { access: { roles: ['admin', 'marketing', 'sales_manager'] } },
        schema: {
          tags: ['contacts'],
          summary: 'Merge another contact (the same person) into this one: history, score and owner combined',
          params: idParams,
          body: z.object({ otherId: z.uuid(), reason: z.string().trim().max(500).optional() }),
          response: { 200: contactSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { workspaceId } = principal;
        const actor = actorOf(principal);
        await ctx.db.transaction((tx) =>
          mergeContacts(tx, {
            workspaceId,
            survivorId: request.params.id,
            mergedId: request.body.otherId,
            reason: request.body.reason || 'merged by hand',
            actor: { type: actor.actorType, id: actor.actorId },
            at: ctx.clock.now(),
          }),
        );
        await scoreContactsNow(ctx, workspaceId, [request.params.id], 'merge');
        await recordAudit(ctx, {
          workspaceId,
          actor: principal,
          action: 'contact.merged',
          targetType: 'contact',
          targetId: request.params.id,
          details: { mergedId: request.body.otherId },
        });
        return getContact(ctx, workspaceId, request.params.id);
      },
    );

    app.get(
      '/api/companies',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['companies'],
          summary: 'Companies by name, searchable by name or domain',
          querystring: z.object({
            q: z.string().trim().min(1).max(200).optional(),
            industry: z.string().max(100).optional(),
            owner: z.union([z.literal('none'), z.uuid()]).optional(),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(companySchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => listCompanies(ctx, { workspaceId: principalOf(request).workspaceId, ...request.query }),
    );

    app.post(
      '/api/companies',
      {
        config: { access: { roles: writers } },
        schema: {
          tags: ['companies'],
          summary: 'Create a company',
          body: companyFieldsSchema.extend({ name: z.string().trim().min(1).max(200) }),
          response: { 201: companySchema },
        },
      },
      async (request, reply) => {
        const { workspaceId } = principalOf(request);
        const id = await createCompany(ctx, { workspaceId, fields: request.body });
        return reply.status(201).send(await getCompany(ctx, workspaceId, id));
      },
    );

    app.get(
      '/api/companies/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['companies'], summary: 'One company', params: idParams, response: { 200: companySchema } },
      },
      async (request) => getCompany(ctx, principalOf(request).workspaceId, request.params.id),
    );

    app.patch(
      '/api/companies/:id',
      {
        config: { access: { roles: writers } },
        schema: {
          tags: ['companies'],
          summary: 'Change a company',
          params: idParams,
          body: companyFieldsSchema.strict(),
          response: { 200: companySchema },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        await updateCompany(ctx, { workspaceId, companyId: request.params.id, fields: request.body });
        return getCompany(ctx, workspaceId, request.params.id);
      },
    );

    app.delete(
      '/api/companies/:id',
      {
        config: { access: { roles: ['admin', 'marketing', 'sales_manager'] } },
        schema: {
          tags: ['companies'],
          summary: 'Delete a company (its contacts stay)',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteCompany(ctx, { workspaceId: principalOf(request).workspaceId, companyId: request.params.id });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/companies/:id/timeline',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['companies'],
          summary: 'The timeline of every contact of the company, with its deals and sales activities',
          params: idParams,
          querystring: timelineQuery,
          response: { 200: timelineResponse },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await getCompany(ctx, principal.workspaceId, request.params.id);
        const visibility = await contactVisibility(ctx, principal);
        return companyTimeline(ctx, {
          workspaceId: principal.workspaceId,
          companyId: request.params.id,
          visibility,
          ...request.query,
        });
      },
    );
  };
}
