import { load, save } from './storage';
import type { Campaign, PageInfo } from './types';

const CAMPAIGN = 'baton_campaign';
const UTM_FIELDS: [param: string, field: keyof Campaign][] = [
  ['utm_source', 'source'],
  ['utm_medium', 'medium'],
  ['utm_campaign', 'name'],
  ['utm_term', 'term'],
  ['utm_content', 'content'],
];

let referrer = document.referrer;
let campaign = storedCampaign();

/** The page's address without its fragment: in-page anchors are the same page. */
export function pageUrl(): string {
  return location.href.split('#')[0]!;
}

export function pageInfo(): PageInfo {
  return { path: location.pathname, referrer, search: location.search, title: document.title, url: pageUrl() };
}

/** After a single-page-app navigation the previous address is the referrer, as on a real page load. */
export function navigatedFrom(url: string): void {
  referrer = url;
}

/**
 * The campaign that brought the visitor this session: the first utm_* parameters seen, kept in
 * sessionStorage (when `persist` is allowed) so later pages without them still carry it.
 */
export function sessionCampaign(persist: boolean): Campaign | undefined {
  campaign ??= campaignOf(location.search);
  if (campaign && persist) save('sessionStorage', CAMPAIGN, JSON.stringify(campaign));
  return campaign;
}

export function forgetCampaign(): void {
  campaign = undefined;
  save('sessionStorage', CAMPAIGN, null);
}

function campaignOf(search: string): Campaign | undefined {
  const params = new URLSearchParams(search);
  const found: Campaign = {};
  for (const [param, field] of UTM_FIELDS) {
    const value = params.get(param);
    if (value) found[field] = value;
  }
  return Object.keys(found).length ? found : undefined;
}

function storedCampaign(): Campaign | undefined {
  try {
    return JSON.parse(load('sessionStorage', CAMPAIGN) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}
