import type { DemoActivity } from './generate-history';

const SITE = 'https://widgetworks.example';
const MINUTE = 60_000;

/**
 * The two leads of the articles, so the demo tells their story. Jon Doe: seven interactions, never
 * asked for sales. Joe Blow: a referred hand-raiser who filled the contact-sales form.
 */
export function jonDoeInteractions(now: number): DemoActivity[] {
  const start = now - 3 * 24 * 60 * MINUTE;
  const at = (minutes: number) => start + minutes * MINUTE;
  const subject = 'The lifecycle of a widget, on one page';
  return [
    {
      type: 'page_view',
      at: at(0),
      title: 'Measuring widget ROI',
      url: `${SITE}/blog/measuring-widget-roi`,
      campaignIndex: null,
      properties: {},
    },
    {
      type: 'content_download',
      at: at(6),
      title: '10 Tips for Improving your Widget ROI',
      url: `${SITE}/resources/widget-roi-tips.pdf`,
      campaignIndex: null,
      properties: { assetKind: 'white paper' },
    },
    { type: 'email_sent', at: at(24 * 60), title: subject, url: null, campaignIndex: null, properties: {} },
    { type: 'email_open', at: at(26 * 60), title: subject, url: null, campaignIndex: null, properties: {} },
    {
      type: 'email_click',
      at: at(26 * 60 + 2),
      title: subject,
      url: `${SITE}/resources/lifecycle-of-a-widget`,
      campaignIndex: null,
      properties: {},
    },
    {
      type: 'page_view',
      at: at(2 * 24 * 60),
      title: 'Product — the Widget Works platform',
      url: `${SITE}/product`,
      campaignIndex: null,
      properties: {},
    },
    {
      type: 'content_download',
      at: at(2 * 24 * 60 + 4),
      title: 'Lifecycle of a Widget',
      url: `${SITE}/resources/lifecycle-of-a-widget.pdf`,
      campaignIndex: null,
      properties: { assetKind: 'infographic' },
    },
  ];
}

export const joeBlowComments =
  'Dana Kim at Northwind Logistics referred me. We need to replace the widgets in our three warehouses and want a quote — we have to decide by the end of next month.';

export function joeBlowInteractions(now: number): DemoActivity[] {
  return [
    {
      type: 'page_view',
      at: now - 40 * MINUTE,
      title: 'Pricing',
      url: `${SITE}/pricing`,
      campaignIndex: null,
      properties: {},
    },
    {
      type: 'form_submit',
      at: now - 38 * MINUTE,
      title: 'Contact sales',
      url: `${SITE}/contact-sales`,
      campaignIndex: null,
      properties: { form: 'Contact sales', handRaiser: true, comments: joeBlowComments },
    },
  ];
}
