import { expect } from 'vitest';
import type { AppContext } from '../../core/context';
import type { BatonApp } from '../../core/http/app';
import type { Pipeline } from '../pipeline';
import { processSubmission } from './process-submission';

/** A form with most field kinds, mapped to contact fields, a custom property and comments. */
export const demoForm = (overrides: Record<string, unknown> = {}) => ({
  name: 'Contact sales',
  status: 'published',
  fields: [
    { name: 'email', type: 'email', label: 'Work email', required: true, mapTo: 'contact.email' },
    { name: 'first_name', type: 'text', label: 'First name', required: true, mapTo: 'contact.firstName' },
    { name: 'last_name', type: 'text', label: 'Last name', mapTo: 'contact.lastName' },
    { name: 'company', type: 'text', label: 'Company', mapTo: 'contact.companyName' },
    { name: 'phone', type: 'phone', label: 'Phone', mapTo: 'contact.phone' },
    { name: 'team_size', type: 'number', label: 'Team size', min: 1, max: 100000 },
    { name: 'interest', type: 'multi_select', label: 'Interested in', options: ['Scoring', 'Routing', 'Forms'] },
    { name: 'comments', type: 'textarea', label: 'How can we help?', mapTo: 'comments' },
    { name: 'job_title', type: 'text', label: 'Job title', mapTo: 'contact.title', progressive: true },
    {
      name: 'country',
      type: 'select',
      label: 'Country',
      options: ['Germany', 'France', 'USA'],
      mapTo: 'contact.country',
      progressive: true,
    },
    { name: 'lead_source', type: 'hidden', label: 'Lead source', defaultValue: 'website' },
  ],
  consent: { text: 'I agree to be contacted about Baton.', required: true },
  success: { type: 'message', message: 'Thanks, we will be in touch.' },
  spam: { minFillSeconds: 0, blockedDomains: ['spam.example'] },
  ...overrides,
});

/** Applies every submission waiting to be processed (as the job would), then the event pipeline. */
export async function processPending(ctx: AppContext, pipeline: Pipeline, workspaceId: string): Promise<void> {
  const { rows } = await ctx.pool.query<{ id: string }>(
    "select id from form_submissions where workspace_id = $1 and status = 'pending' order by received_at",
    [workspaceId],
  );
  for (const row of rows) await processSubmission(ctx, { workspaceId, submissionId: row.id });
  await pipeline.drain();
}

export async function createForm(app: BatonApp, cookie: string, body: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/api/forms', headers: { cookie }, payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; embed: { snippet: string } };
}

/** The render token of the form's HTML (`_baton_t`). */
export const tokenIn = (html: string) => html.match(/name="_baton_t" value="([^"]+)"/)?.[1] ?? '';
