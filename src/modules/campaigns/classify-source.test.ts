import { describe, expect, it } from 'vitest';
import { classifySource } from './classify-source';

const page = 'https://widgetworks.example/pricing';

describe('classifying where a visit came from', () => {
  it.each([
    [{ utm: { source: 'google', medium: 'cpc', campaign: 'Widgets Q3' } }, 'paid_search', 'Widgets Q3'],
    [{ utm: { source: 'linkedin', medium: 'cpc' } }, 'paid_social', null],
    [{ utm: { source: 'facebook', medium: 'paid_social' } }, 'paid_social', null],
    [{ utm: { source: 'newsletter', medium: 'email', campaign: 'june' } }, 'email', 'june'],
    [{ utm: { source: 'twitter', medium: 'social' } }, 'organic_social', null],
    [{ utm: { source: 'partner-site', medium: 'referral' } }, 'referral', null],
    [{ utm: { source: 'radio', medium: 'audio', campaign: 'drive time' } }, 'campaign', 'drive time'],
    [{ utm: { source: 'linkedin' } }, 'organic_social', null],
    [{ url: `${page}?gclid=abc` }, 'paid_search', null],
    [{ referrer: 'https://www.google.com/' }, 'organic_search', null],
    [{ referrer: 'https://duckduckgo.com/?q=widgets' }, 'organic_search', null],
    [{ referrer: 'https://www.linkedin.com/feed/' }, 'organic_social', null],
    [{ referrer: 'https://t.co/abc' }, 'organic_social', null],
    [{ referrer: 'https://mail.google.com/mail/u/0/' }, 'email', null],
    [{ referrer: 'https://blog.partner.example/widgets' }, 'referral', null],
    [{ referrer: 'https://widgetworks.example/' }, 'direct', null],
    [{}, 'direct', null],
    [{ referrer: 'not a url' }, 'direct', null],
  ])('%j → %s', (input, channel, campaign) => {
    const result = classifySource({ url: page, ...input });
    expect(result.channel).toBe(channel);
    expect(result.campaign).toBe(campaign);
  });

  it('reports the source: the UTM source, else the referring host', () => {
    expect(classifySource({ referrer: 'https://www.bing.com/search?q=x', url: page }).source).toBe('bing.com');
    expect(classifySource({ utm: { source: 'Google', medium: 'CPC' }, url: page })).toMatchObject({
      source: 'google',
      medium: 'cpc',
    });
  });
});
