import { Readable } from 'node:stream';
import type pg from 'pg';
import type { AppContext } from '../../core/context';
import { copyRows } from '../../core/db/copy-rows';
import { newId } from '../../core/ids';
import { ctaInputSchema, saveCta } from '../ctas';
import { createForm, formInputSchema, updateForm } from '../forms';
import { pageInputSchema, savePage, setPageStatus } from '../landing-pages';
import { uploadAsset } from '../offers';
import { createProperty } from '../properties';
import { demoCampaigns } from './catalog';
import { demoPdf } from './demo-pdf';
import type { Random } from './random';

const DAY = 86_400_000;

/** The buyer's guide's landing page, its A/B test and the CTA that leads there. */
export const demoContent = {
  guideSlug: 'widget-buyers-guide',
  salesSlug: 'talk-to-sales',
  guideTitle: 'The Widget Buyer’s Guide 2026',
} as const;

export type DemoContentResult = { forms: number; conversionEvents: number; submissions: number };

/**
 * The conversion side of Widget Works, made through the same use cases a marketer's clicks call:
 * a "Contact sales" hand-raiser form and its page, a gated buyer's guide (a real PDF) behind a
 * download form, its landing page with two variants, a CTA for the website — then sixty days of
 * visitors along CTA view → click → page view → submission → download, so the funnel has a story:
 * variant B converts better, paid social brings cheap clicks that rarely convert.
 */
export async function seedDemoContent(
  ctx: AppContext,
  client: pg.PoolClient,
  input: { workspaceId: string; random: Random; now: number; scale: number; notifyUserId?: string },
): Promise<DemoContentResult> {
  const { workspaceId, random, now } = input;
  // The custom properties the sales form fills, as marketing would define them first.
  for (const property of [
    { key: 'company_size_band', label: 'Company size band', options: ['1-49', '50-249', '250-999', '1000+'] },
    { key: 'buying_timeframe', label: 'Buying timeframe', options: ['This quarter', 'This year', 'Just looking'] },
  ])
    await createProperty(ctx, { workspaceId, object: 'contact', type: 'single_select', required: false, ...property });
  const contactSales = await createForm(
    ctx,
    workspaceId,
    formInputSchema.parse({
      name: 'Contact sales',
      status: 'published',
      handRaiser: true,
      submitLabel: 'Talk to sales',
      notifyUserIds: input.notifyUserId ? [input.notifyUserId] : [],
      fields: [
        { name: 'email', type: 'email', label: 'Work email', required: true, mapTo: 'contact.email' },
        { name: 'first_name', type: 'text', label: 'First name', required: true, mapTo: 'contact.firstName' },
        { name: 'last_name', type: 'text', label: 'Last name', mapTo: 'contact.lastName' },
        { name: 'company', type: 'text', label: 'Company', required: true, mapTo: 'company.name' },
        { name: 'phone', type: 'phone', label: 'Phone', mapTo: 'contact.phone' },
        {
          name: 'employees',
          type: 'select',
          label: 'Company size',
          options: ['1-49', '50-249', '250-999', '1000+'],
          mapTo: 'contact.custom.company_size_band',
          progressive: true,
        },
        {
          name: 'timeframe',
          type: 'select',
          label: 'When do you need widgets?',
          options: ['This quarter', 'This year', 'Just looking'],
          mapTo: 'contact.custom.buying_timeframe',
          progressive: true,
        },
        { name: 'comments', type: 'textarea', label: 'What can we help with?', mapTo: 'comments' },
      ],
      consent: { text: 'Widget Works may contact me about my request.', required: true },
      success: { type: 'message', message: 'Thanks — a widget specialist will call you within the hour.' },
    }),
  );
  const guideForm = await createForm(
    ctx,
    workspaceId,
    formInputSchema.parse({
      name: 'Buyer’s guide download',
      status: 'published',
      submitLabel: 'Send me the guide',
      fields: [
        { name: 'email', type: 'email', label: 'Work email', required: true, mapTo: 'contact.email' },
        { name: 'first_name', type: 'text', label: 'First name', mapTo: 'contact.firstName' },
        { name: 'company', type: 'text', label: 'Company', mapTo: 'company.name' },
        { name: 'job_title', type: 'text', label: 'Job title', mapTo: 'contact.title', progressive: true },
        { name: 'country', type: 'text', label: 'Country', mapTo: 'contact.country', progressive: true },
        { name: 'phone', type: 'phone', label: 'Phone', mapTo: 'contact.phone', progressive: true },
      ],
      consent: { text: 'Send me Widget Works news now and then. I can unsubscribe at any time.', required: false },
    }),
  );
  const guide = await uploadAsset(ctx, {
    workspaceId,
    createdBy: null,
    title: demoContent.guideTitle,
    kind: 'guide',
    description: 'Twelve questions to ask before you buy widgets, with a cost worksheet.',
    gateFormId: guideForm.id,
    fileName: 'widget-buyers-guide-2026.pdf',
    file: Readable.from([
      demoPdf(demoContent.guideTitle, [
        'Twelve questions to ask before you buy widgets.',
        '1. What does an hour of widget downtime cost you?',
        '2. Who maintains the widgets, and how often?',
        '3. Which systems must the widgets talk to?',
      ]),
    ]),
  });
  await updateForm(
    ctx,
    workspaceId,
    guideForm.id,
    formInputSchema.parse({
      ...guideForm,
      success: { type: 'offer', assetId: guide.id, message: 'Here is your guide. Enjoy the read!' },
    }),
  );

  const guidePage = await savePage(
    ctx,
    workspaceId,
    pageInputSchema.parse({
      name: 'Buyer’s guide',
      slug: demoContent.guideSlug,
      template: 'split',
      accentColor: '#0f766e',
      seoTitle: 'The Widget Buyer’s Guide 2026 — Widget Works',
      seoDescription: 'Twelve questions to ask before you buy widgets. Free guide with a cost worksheet.',
      formId: guideForm.id,
      assetId: guide.id,
      variants: [
        {
          id: 'a',
          name: 'Questions',
          headline: 'Buy widgets without regret',
          subheadline: 'Twelve questions to ask every widget vendor.',
          body: '## Inside the guide\n\n- The twelve questions\n- A cost worksheet for your team\n- What good uptime looks like',
        },
        {
          id: 'b',
          name: 'Cost first',
          headline: 'What do widgets really cost you?',
          subheadline: 'The 2026 buyer’s guide, with a worksheet you can fill in today.',
          body: '## Why teams read it\n\n**Downtime costs more than widgets.** The guide shows where it hides.\n\n- The twelve questions\n- The worksheet',
        },
      ],
    }),
  );
  await setPageStatus(ctx, workspaceId, guidePage.id, 'published');
  const salesPage = await savePage(
    ctx,
    workspaceId,
    pageInputSchema.parse({
      name: 'Talk to sales',
      slug: demoContent.salesSlug,
      template: 'classic',
      seoTitle: 'Talk to a widget specialist — Widget Works',
      formId: contactSales.id,
      variants: [
        {
          id: 'a',
          name: 'Default',
          headline: 'Talk to a widget specialist',
          subheadline: 'We call back within the hour on working days.',
          body: 'Tell us about your widgets and we will tell you honestly whether we can help.',
        },
      ],
    }),
  );
  await setPageStatus(ctx, workspaceId, salesPage.id, 'published');
  const cta = await saveCta(
    ctx,
    workspaceId,
    ctaInputSchema.parse({
      name: 'Blog sidebar — buyer’s guide',
      text: 'Get the buyer’s guide',
      backgroundColor: '#0f766e',
      targetPageId: guidePage.id,
    }),
  );

  const events = conversionHistory(random, now, input.scale);
  await copyRows(
    client,
    'conversion_events',
    [
      'workspace_id',
      'id',
      'at',
      'step',
      'anonymous_id',
      'cta_id',
      'landing_page_id',
      'variant_id',
      'form_id',
      'asset_id',
      'source',
      'campaign',
    ],
    events.map((event) => [
      workspaceId,
      newId(),
      new Date(event.at),
      event.step,
      event.visitor,
      event.viaCta ? cta.id : null,
      event.step === 'cta_view' || event.step === 'cta_click' ? null : guidePage.id,
      event.step === 'cta_view' || event.step === 'cta_click' ? null : event.variant,
      event.step === 'submission' ? guideForm.id : null,
      event.step === 'download' ? guide.id : null,
      event.source,
      event.campaign,
    ]),
  );
  // The demo leads' own form activities become the forms' submissions, linked to their leads.
  const submissions =
    (await insertSubmissions(client, { workspaceId, formId: contactSales.id, activityTitle: 'Contact sales', now })) +
    (await insertSubmissions(client, {
      workspaceId,
      formId: guideForm.id,
      activityTitle: `Download: ${demoContent.guideTitle}`,
      now,
    }));
  return { forms: 2, conversionEvents: events.length, submissions };
}

type HistoryEvent = {
  at: number;
  step: 'cta_view' | 'cta_click' | 'page_view' | 'submission' | 'download';
  visitor: string;
  viaCta: boolean;
  variant: 'a' | 'b';
  source: string;
  campaign: string | null;
};

/** Sixty days of visitors on the guide's path; `scale` visitors a day on average. Pure but for `random`. */
export function conversionHistory(random: Random, now: number, scale: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const online = demoCampaigns.filter(
    (campaign) => campaign.weight > 0 && !['trade_show', 'radio', 'cold_call'].includes(campaign.channel),
  );
  // Paid social clicks a lot and converts little; search converts best.
  const convertOf = (channel: string) => (channel === 'paid_social' ? 0.12 : channel === 'paid_search' ? 0.3 : 0.24);
  for (let day = 60; day >= 1; day -= 1) {
    const start = now - day * DAY;
    const weekday = new Date(start).getUTCDay();
    const visitors = Math.round(scale * (weekday === 0 || weekday === 6 ? 0.45 : 1) * (0.8 + random.next() * 0.4));
    for (let i = 0; i < visitors; i += 1) {
      const campaign = random.pick(online);
      const visitor = `demo-${newId()}`;
      const at = start + random.int(7 * 3600_000, 22 * 3600_000);
      const variant = random.chance(0.5) ? 'a' : 'b';
      const base = { visitor, variant, source: campaign.channel, campaign: campaign.utm } as const;
      // Most visitors meet the CTA on the blog; a few come to the page straight from an ad or a link.
      const viaCta = random.chance(0.8);
      if (viaCta) {
        events.push({ ...base, at, step: 'cta_view', viaCta });
        if (!random.chance(campaign.channel === 'paid_social' ? 0.14 : 0.07)) continue;
        events.push({ ...base, at: at + 20_000, step: 'cta_click', viaCta });
      }
      const viewedAt = at + 21_000;
      events.push({ ...base, at: viewedAt, step: 'page_view', viaCta });
      const rate = convertOf(campaign.channel) * (variant === 'b' ? 1.25 : 1);
      if (!random.chance(rate)) continue;
      events.push({ ...base, at: viewedAt + 60_000, step: 'submission', viaCta });
      if (random.chance(0.86)) events.push({ ...base, at: viewedAt + 75_000, step: 'download', viaCta });
    }
  }
  return events;
}

/**
 * Form activities of the demo's leads in the last 120 days, as processed submissions of `formId`:
 * the submissions list shows who sent it, with their answers, linked to their leads.
 */
async function insertSubmissions(
  client: pg.PoolClient,
  input: { workspaceId: string; formId: string; activityTitle: string; now: number },
): Promise<number> {
  const { rowCount } = await client.query(
    `insert into form_submissions (workspace_id, id, form_id, received_at, status, values, context, email, contact_id, processed_at)
     select a.workspace_id, a.id, $2, a.occurred_at, 'processed',
            jsonb_strip_nulls(jsonb_build_object('email', c.email, 'first_name', c.first_name, 'last_name', c.last_name,
                              'company', c.company_name, 'comments', a.properties->>'comments')),
            jsonb_build_object('pageUrl', a.url, 'consentGiven', true),
            c.email, c.id, a.occurred_at
       from activities a join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
      where a.workspace_id = $1 and a.type = 'form_submit' and a.title = $3 and c.email is not null
        and a.occurred_at > $4`,
    [input.workspaceId, input.formId, input.activityTitle, new Date(input.now - 120 * DAY)],
  );
  return rowCount ?? 0;
}
