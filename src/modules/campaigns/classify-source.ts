import type { Channel } from './schema';

export type Utm = { source?: string; medium?: string; campaign?: string; term?: string; content?: string };

export type SourceClassification = {
  channel: Channel;
  /** The `utm_campaign` to credit, when the visit was tagged with one. */
  campaign: string | null;
  source: string | null;
  medium: string | null;
};

const searchEngines = /(^|\.)(google|bing|duckduckgo|yahoo|baidu|yandex|ecosia|qwant|startpage|naver|search\.brave)\./;
const socialNetworks =
  /(^|\.)(facebook|fb|linkedin|lnkd|twitter|t\.co|x\.com|instagram|youtube|youtu\.be|reddit|pinterest|tiktok|threads|mastodon|bsky)\b/;
const webmail = /(^|\.)(mail\.google|outlook\.live|outlook\.office|mail\.yahoo|mail\.proton|webmail)\./;

const paidMediums = new Set(['cpc', 'ppc', 'paid', 'paidsearch', 'paid_search', 'paid-search', 'sem', 'adwords']);
const paidSocialMediums = new Set([
  'paid_social',
  'paidsocial',
  'paid-social',
  'social_paid',
  'social-paid',
  'sponsored',
]);
const displayMediums = new Set(['display', 'banner', 'cpm', 'programmatic']);
const emailMediums = new Set(['email', 'e-mail', 'e_mail', 'newsletter', 'mail']);
const socialMediums = new Set(['social', 'social-network', 'social_network', 'sm', 'social-media', 'social_media']);

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

const clean = (value: string | undefined) => value?.trim().slice(0, 200) || undefined;

/**
 * Which channel brought a visit, from its UTM tags, click ids and referrer — the rules of the
 * common analytics tools: tagged traffic by medium, then click ids, then the referrer's kind, then
 * direct. Tagged traffic with an unfamiliar medium is `campaign`.
 */
export function classifySource(input: { utm?: Utm; referrer?: string; url?: string }): SourceClassification {
  const utm = {
    source: clean(input.utm?.source)?.toLowerCase(),
    medium: clean(input.utm?.medium)?.toLowerCase(),
    campaign: clean(input.utm?.campaign),
  };
  const referrerHost = hostOf(input.referrer);
  const pageHost = hostOf(input.url);
  const externalReferrer = referrerHost && referrerHost !== pageHost ? referrerHost : null;
  const params = (() => {
    try {
      return input.url ? new URL(input.url).searchParams : new URLSearchParams();
    } catch {
      return new URLSearchParams();
    }
  })();
  const result = (channel: Channel, source: string | null = utm.source ?? externalReferrer): SourceClassification => ({
    channel,
    campaign: utm.campaign ?? null,
    source,
    medium: utm.medium ?? null,
  });

  const socialSource = utm.source ? socialNetworks.test(`${utm.source}.`) : false;
  if (utm.medium) {
    if (paidMediums.has(utm.medium)) return result(socialSource ? 'paid_social' : 'paid_search');
    if (paidSocialMediums.has(utm.medium)) return result('paid_social');
    if (displayMediums.has(utm.medium)) return result('display');
    if (emailMediums.has(utm.medium)) return result('email');
    if (socialMediums.has(utm.medium)) return result('organic_social');
    if (utm.medium === 'organic') return result('organic_search');
    if (utm.medium === 'referral') return result('referral');
  }
  if (params.has('gclid') || params.has('msclkid') || params.has('gbraid') || params.has('wbraid')) {
    return result('paid_search', utm.source ?? (params.has('msclkid') ? 'bing' : 'google'));
  }
  if (utm.source || utm.campaign || utm.medium) {
    if (socialSource) return result('organic_social');
    if (utm.source && searchEngines.test(`${utm.source}.`)) return result('organic_search');
    return result('campaign');
  }
  if (externalReferrer) {
    // Webmail first: mail.google.com is Gmail, not Google search.
    if (webmail.test(`${externalReferrer}.`)) return result('email');
    if (searchEngines.test(`${externalReferrer}.`) || searchEngines.test(externalReferrer))
      return result('organic_search');
    if (socialNetworks.test(externalReferrer)) return result('organic_social');
    return result('referral');
  }
  return result('direct', null);
}
