import type { ActivityType } from '../activities/schema';
import type { Channel } from '../campaigns/schema';
import type { LifecycleStage, WorkingStatus } from '../contacts/schema';
import { defaultRejectionReasons } from '../lifecycle/rejection-reasons';
import { contentAssets, type DemoCampaign, dealLostReasons, emailSubjects, websitePages } from './catalog';
import type { DemoCompany, DemoPerson } from './generate-people';
import type { Random } from './random';

const DAY = 86_400_000;
const SITE = 'https://widgetworks.example';

export type DemoActivity = {
  type: ActivityType;
  at: number;
  title: string;
  url: string | null;
  campaignIndex: number | null;
  properties: Record<string, unknown>;
};

export type DemoTouch = {
  at: number;
  channel: Channel;
  campaignIndex: number | null;
  source: string | null;
  medium: string | null;
  referrer: string | null;
  landingUrl: string | null;
};

export type DemoTransition = {
  from: LifecycleStage | null;
  to: LifecycleStage;
  at: number;
  actor: 'system' | 'rule' | 'user';
  rule: string | null;
  reason: string | null;
  details: Record<string, unknown>;
};

export type DemoDeal = {
  name: string;
  amountCents: number;
  stage: string;
  status: 'open' | 'won' | 'lost';
  createdAt: number;
  expectedCloseAt: number;
  closedAt: number | null;
  lostReason: string | null;
};

export type DemoHistory = {
  activities: DemoActivity[];
  touches: DemoTouch[];
  transitions: DemoTransition[];
  stage: LifecycleStage;
  workingStatus: WorkingStatus | null;
  /** The rep who owns the lead from hand-off on; undefined before MQL. */
  owned: boolean;
  score: number;
  grade: string;
  source: Channel;
  firstSeenAt: number;
  lastActivityAt: number;
  deal: DemoDeal | null;
  consent: boolean;
};

const organicReferrers: Partial<Record<Channel, [string, string | null]>> = {
  organic_search: ['https://www.google.com/', 'google'],
  referral: ['https://partners.example/widget-works', 'partners.example'],
  direct: ['', null],
};

/** Points per activity, close to the default engagement rules the scoring module ships with. */
function pointsFor(activity: DemoActivity): number {
  if (activity.type === 'content_download') return 10;
  if (activity.type === 'form_submit') return 5;
  if (activity.type === 'email_click') return 3;
  if (activity.type === 'email_open') return 1;
  if (activity.type === 'page_view') {
    if (activity.url?.endsWith('/pricing')) return 5;
    if (activity.url?.endsWith('/careers')) return -10;
    return 1;
  }
  return 0;
}

export function fitGrade(person: DemoPerson, company: DemoCompany): string {
  if (person.department === 'Student') return 'F';
  let points = 0;
  points += { 'C-level': 30, VP: 30, Director: 25, Manager: 15, 'Individual contributor': 5 }[person.seniority] ?? 0;
  points += ['Operations', 'Engineering', 'IT'].includes(person.department)
    ? 25
    : person.department === 'Finance'
      ? 15
      : 0;
  points += company.employees >= 200 ? 25 : company.employees >= 50 ? 15 : 5;
  points += ['Manufacturing', 'Logistics', 'Energy', 'Automotive', 'Food & Beverage'].includes(company.industry)
    ? 20
    : 5;
  if (person.freeMail) points -= 15;
  return points >= 80 ? 'A' : points >= 65 ? 'B' : points >= 50 ? 'C' : points >= 35 ? 'D' : 'F';
}

/**
 * The story of one contact: how they arrived, what they did, and how far through the funnel they
 * travelled. Plain data, no I/O. `now` anchors the history in the recent past.
 */
export function generateHistory(input: {
  random: Random;
  person: DemoPerson;
  company: DemoCompany;
  campaigns: readonly DemoCampaign[];
  now: number;
  averageActivities: number;
}): DemoHistory {
  const { random, person, company, campaigns, now } = input;
  const campaignIndex = campaigns.indexOf(random.weighted(campaigns.map((campaign) => [campaign, campaign.weight])));
  const campaign = campaigns[campaignIndex]!;
  const firstSeenAt = now - random.int(1, 180) * DAY - random.int(0, DAY);
  const targetActivities = Math.max(
    1,
    Math.round(input.averageActivities * (0.2 + random.next() * random.next() * 3.2)),
  );

  const activities: DemoActivity[] = [];
  const touches: DemoTouch[] = [];
  let at = firstSeenAt;
  const span = Math.max(DAY, now - firstSeenAt - 3_600_000);
  const step = span / (targetActivities + 1);

  const touch = (channel: Channel, index: number | null, touchAt: number, landing: string) => {
    const known = index === null ? undefined : campaigns[index];
    const referrer = organicReferrers[channel];
    touches.push({
      at: touchAt,
      channel,
      campaignIndex: index,
      source: known?.utmSource ?? referrer?.[1] ?? null,
      medium: known?.utmMedium ?? null,
      referrer: referrer?.[0] || null,
      landingUrl: `${SITE}${landing}${known?.utm ? `?utm_campaign=${known.utm}` : ''}`,
    });
  };

  // First touch: offline channels (trade show, cold call, radio) start with a visit typed in by hand.
  const offline = ['trade_show', 'cold_call', 'radio'].includes(campaign.channel);
  touch(campaign.channel, campaignIndex, at, '/');
  let downloadsLeft = random.int(0, 3);
  let identifiedAt: number | null = null;

  while (activities.length < targetActivities) {
    at += step * (0.3 + random.next() * 1.4);
    if (at > now - 60_000) at = now - random.int(60_000, 3_600_000);
    const roll = random.next();
    if (roll < 0.5 || activities.length === 0) {
      const [path, title] = random.weighted(
        websitePages.map(([page, pageTitle, weight]) => [[page, pageTitle], weight]),
      );
      if (activities.length > 0 && random.chance(0.25)) {
        const channel = random.weighted<Channel>([
          ['direct', 4],
          ['organic_search', 3],
          ['email', 2],
          ['paid_search', 1],
        ]);
        const index = campaigns.findIndex((candidate) => candidate.channel === channel);
        touch(channel, index >= 0 && channel !== 'direct' ? index : null, at, path);
      }
      activities.push({
        type: 'page_view',
        at,
        title,
        url: `${SITE}${path}`,
        campaignIndex: offline && activities.length === 0 ? campaignIndex : null,
        properties: {},
      });
    } else if (roll < 0.68 && downloadsLeft > 0) {
      downloadsLeft -= 1;
      const asset = random.pick(contentAssets);
      if (identifiedAt === null) identifiedAt = at;
      activities.push({
        type: 'form_submit',
        at,
        title: `Download: ${asset.title}`,
        url: `${SITE}${asset.path}`,
        campaignIndex: null,
        properties: { form: 'Content download', fields: ['email', 'first_name', 'company'] },
      });
      activities.push({
        type: 'content_download',
        at: at + 5_000,
        title: asset.title,
        url: `${SITE}${asset.path}.pdf`,
        campaignIndex: null,
        properties: { assetKind: asset.kind },
      });
    } else {
      const subject = random.pick(emailSubjects);
      const emailCampaign = campaigns.findIndex((candidate) => candidate.channel === 'email');
      activities.push({
        type: 'email_sent',
        at,
        title: subject,
        url: null,
        campaignIndex: emailCampaign,
        properties: {},
      });
      if (random.chance(0.45)) {
        const openedAt = at + random.int(60_000, DAY);
        activities.push({
          type: 'email_open',
          at: openedAt,
          title: subject,
          url: null,
          campaignIndex: emailCampaign,
          properties: {},
        });
        if (random.chance(0.35)) {
          activities.push({
            type: 'email_click',
            at: openedAt + random.int(5_000, 120_000),
            title: subject,
            url: `${SITE}/blog/measuring-widget-roi`,
            campaignIndex: emailCampaign,
            properties: {},
          });
          touch('email', emailCampaign, openedAt, '/blog/measuring-widget-roi');
        }
      }
    }
  }
  activities.sort((a, b) => a.at - b.at);
  for (const activity of activities) if (activity.at > now) activity.at = now - random.int(1_000, 600_000);
  activities.sort((a, b) => a.at - b.at);

  const grade = fitGrade(person, company);
  const score = Math.max(
    0,
    Math.min(
      150,
      activities.reduce((sum, activity) => sum + pointsFor(activity), 0),
    ),
  );
  const lastActivityAt = activities.at(-1)?.at ?? firstSeenAt;
  const identified = identifiedAt ?? (random.chance(0.6) ? activities[0]!.at : null);

  // The funnel: subscriber → lead → MQL → sales' verdict → deal.
  const transitions: DemoTransition[] = [];
  let stage: LifecycleStage = 'subscriber';
  let workingStatus: WorkingStatus | null = null;
  let deal: DemoDeal | null = null;
  const move = (to: LifecycleStage, moveAt: number, extra: Partial<DemoTransition> = {}) => {
    // History is strictly ordered: a move never shares its instant with the one before.
    const at = Math.max(moveAt, (transitions.at(-1)?.at ?? 0) + 1000);
    transitions.push({ from: stage, to, at, actor: 'system', rule: null, reason: null, details: {}, ...extra });
    stage = to;
  };
  transitions.push({
    from: null,
    to: 'subscriber',
    at: firstSeenAt,
    actor: 'system',
    rule: null,
    reason: null,
    details: {},
  });
  if (identified !== null) move('lead', identified, { rule: 'form submitted' });
  const qualifies = identified !== null && score >= 25 && 'AB'.includes(grade);
  if (qualifies) {
    const mqlAt = Math.min(now - 60_000, Math.max(identified, lastActivityAt - random.int(0, 5) * DAY));
    move('mql', mqlAt, { actor: 'rule', rule: 'MQL: grade B or better and score ≥ 25', details: { score, grade } });
    workingStatus = 'new';
    const verdict = random.weighted([
      ['pending', 14],
      ['accepted', 60],
      ['rejected', 26],
    ] as const);
    const decidedAt = Math.min(now - 30_000, mqlAt + random.int(10, 60 * 48) * 60_000);
    if (verdict === 'pending') {
      workingStatus = random.chance(0.5) ? 'attempting' : 'new';
    } else if (verdict === 'rejected') {
      const reason = random.weighted(
        defaultRejectionReasons.map(
          ({ code }) => [code, code === 'wrong_timing' ? 6 : code === 'bad_fit' ? 5 : 2] as const,
        ),
      );
      const { label, defaultOutcome: outcome } = defaultRejectionReasons.find(
        (candidate) => candidate.code === reason,
      )!;
      move(outcome === 'recycle' ? 'recycled' : 'disqualified', decidedAt, {
        actor: 'user',
        reason: label,
        details: { rejection: { reason, label, note: null, outcome }, score, grade },
      });
      workingStatus = 'unqualified';
    } else {
      move('sal', decidedAt, { actor: 'user', details: { accepted: true } });
      workingStatus = 'connected';
      if (random.chance(0.55)) {
        const sqlAt = Math.min(now - 20_000, decidedAt + random.int(1, 14) * DAY);
        move('sql', sqlAt, { actor: 'user' });
        workingStatus = 'qualified';
        if (random.chance(0.7)) {
          const openedAt = Math.min(now - 10_000, sqlAt + random.int(1, 10) * DAY);
          move('opportunity', openedAt, { actor: 'user', rule: 'deal opened' });
          const amountCents = Math.round((company.employees * 40 + random.int(5_000, 60_000)) / 500) * 500 * 100;
          const outcome = random.weighted([
            ['won', 34],
            ['lost', 40],
            ['open', 26],
          ] as const);
          const closedAt = outcome === 'open' ? null : Math.min(now - 5_000, openedAt + random.int(7, 75) * DAY);
          deal = {
            name: `${company.name.replace(/ (Inc|Co|Group|GmbH|Ltd)$/, '')} — widget fleet`,
            amountCents: Math.min(amountCents, 250_000_00),
            stage:
              outcome === 'open' ? random.pick(['discovery', 'demo', 'proposal', 'negotiation']) : `closed_${outcome}`,
            status: outcome,
            createdAt: openedAt,
            expectedCloseAt: closedAt ?? openedAt + random.int(20, 90) * DAY,
            closedAt,
            lostReason: outcome === 'lost' ? random.pick(dealLostReasons) : null,
          };
          if (outcome === 'won' && closedAt) move('customer', closedAt, { actor: 'user', rule: 'deal won' });
        }
      }
    }
  }

  return {
    activities,
    touches,
    transitions,
    stage,
    workingStatus,
    owned: qualifies,
    score,
    grade,
    source: campaign.channel,
    firstSeenAt,
    lastActivityAt,
    deal,
    consent: identified !== null && random.chance(0.8),
  };
}
