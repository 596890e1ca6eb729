import { describe, expect, it } from 'vitest';
import { activityFromEvent, normalizeEventName } from './activity-from-event';

const base = { event: null, name: null, properties: {}, context: {} };

describe('events as activities', () => {
  it('makes page views titled by the page', () => {
    expect(
      activityFromEvent({
        ...base,
        type: 'page',
        context: { page: { title: 'Pricing', url: 'https://x.example/pricing' } },
      }),
    ).toEqual({ type: 'page_view', title: 'Pricing', url: 'https://x.example/pricing', properties: {} });
  });

  it('types Segment-spec and common event names, titled by the content, not the URL', () => {
    const download = activityFromEvent({
      ...base,
      type: 'track',
      event: 'Content Downloaded',
      properties: { title: '10 Tips for Improving your Widget ROI', url: 'https://x.example/roi.pdf' },
    });
    expect(download).toMatchObject({ type: 'content_download', title: '10 Tips for Improving your Widget ROI' });
    expect(
      activityFromEvent({ ...base, type: 'track', event: 'form_submitted', properties: { form: 'Contact sales' } }),
    ).toMatchObject({ type: 'form_submit', title: 'Contact sales' });
    // The lead's own words, where the brief and the talk track read them, also from a tracked form's fields.
    expect(
      activityFromEvent({
        ...base,
        type: 'track',
        event: 'Form Submitted',
        properties: { form: 'Contact sales', fields: { email: 'a@b.example', message: '  Need 40 seats by May ' } },
      })?.properties,
    ).toEqual({
      form: 'Contact sales',
      fields: { email: 'a@b.example', message: '  Need 40 seats by May ' },
      comments: 'Need 40 seats by May',
    });
    expect(
      activityFromEvent({ ...base, type: 'track', event: 'Email Opened', properties: { email_subject: 'Hi' } }),
    ).toMatchObject({ type: 'email_open', title: 'Hi' });
    expect(
      activityFromEvent({
        ...base,
        type: 'track',
        event: 'Email Link Clicked',
        properties: { link_url: 'https://x.example/a' },
      }),
    ).toMatchObject({ type: 'email_click', url: 'https://x.example/a' });
    expect(activityFromEvent({ ...base, type: 'track', event: 'Played Demo Video' })).toMatchObject({
      type: 'custom',
      title: 'Played Demo Video',
      properties: { event: 'Played Demo Video' },
    });
  });

  it('leaves identity calls off the timeline', () => {
    expect(activityFromEvent({ ...base, type: 'identify' })).toBeNull();
    expect(activityFromEvent({ ...base, type: 'group' })).toBeNull();
  });

  it('normalises event names', () => {
    expect(normalizeEventName('ContentDownloaded')).toBe('content downloaded');
    expect(normalizeEventName('  email_link-clicked ')).toBe('email link clicked');
  });
});
