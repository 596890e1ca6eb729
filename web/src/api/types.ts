export type Role = 'admin' | 'marketing' | 'sales_manager' | 'sales_rep';

export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  marketing: 'Marketing',
  sales_manager: 'Sales manager',
  sales_rep: 'Sales rep',
};

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
};

export type Me = {
  principal: 'user' | 'secret_key';
  role: Role;
  user: User | null;
  workspace: { id: string; name: string; slug: string };
};

export type ApiKey = {
  id: string;
  name: string;
  kind: 'secret' | 'write';
  role: Role | null;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type Team = {
  id: string;
  name: string;
  kind: 'team' | 'pilot';
  members: { userId: string; name: string; role: string; weight: number }[];
};

export type AuditEvent = {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
};

export type Stage =
  | 'subscriber'
  | 'lead'
  | 'mql'
  | 'sal'
  | 'sql'
  | 'opportunity'
  | 'customer'
  | 'recycled'
  | 'disqualified';

export const stageLabels: Record<Stage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
};

export type Overview = {
  contactsByStage: Record<Stage, number>;
  totalContacts: number;
  last30Days: { mqls: number; customers: number };
  deals: {
    currency: string;
    open: { count: number; amountMinor: number };
    wonSince: { count: number; amountMinor: number };
    lostSince: { count: number };
  };
};

export type Channel =
  | 'paid_search'
  | 'organic_search'
  | 'paid_social'
  | 'organic_social'
  | 'email'
  | 'referral'
  | 'direct'
  | 'display'
  | 'content'
  | 'webinar'
  | 'event'
  | 'trade_show'
  | 'radio'
  | 'print'
  | 'cold_call'
  | 'campaign';

export const channelLabels: Record<Channel, string> = {
  paid_search: 'Paid search',
  organic_search: 'Organic search',
  paid_social: 'Paid social',
  organic_social: 'Organic social',
  email: 'Email',
  referral: 'Referral',
  direct: 'Direct',
  display: 'Display',
  content: 'Content',
  webinar: 'Webinar',
  event: 'Event',
  trade_show: 'Trade show',
  radio: 'Radio',
  print: 'Print',
  cold_call: 'Cold call',
  campaign: 'Campaign',
};

/** A source is a channel, or an import/offline label the server keeps as given. */
export function channelLabel(source: string): string {
  return channelLabels[source as Channel] ?? source;
}

export type WorkingStatus = 'new' | 'attempting' | 'connected' | 'qualified' | 'unqualified';

export const workingStatusLabels: Record<WorkingStatus, string> = {
  new: 'New',
  attempting: 'Attempting',
  connected: 'Connected',
  qualified: 'Qualified',
  unqualified: 'Unqualified',
};

/** A status the server does not know yet (a newer version) still reads as itself. */
export function workingStatusLabel(status: string): string {
  return workingStatusLabels[status as WorkingStatus] ?? status;
}

export const grades = ['A', 'B', 'C', 'D', 'F'] as const;

/** Custom property values by key, as the server stores them (string, number, boolean or string list). */
export type PropertyValues = Record<string, unknown>;

export type ContactSummary = {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  lifecycleStage: Stage;
  workingStatus: string | null;
  source: string | null;
  country: string | null;
  ownerId: string | null;
  ownerName: string | null;
  personaId: string | null;
  personaName: string | null;
  score: number;
  grade: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  properties: PropertyValues;
};

export type ContactPage = { items: ContactSummary[]; nextCursor: string | null };

/** What acting on a lead needs of it (accept, reject, log an activity): the queue has this much. */
export type LeadRef = Pick<ContactSummary, 'id' | 'firstName' | 'lastName' | 'email' | 'ownerId'>;

export type Contact = ContactSummary & {
  externalId: string | null;
  phone: string | null;
  seniority: string | null;
  department: string | null;
  city: string | null;
  consentStatus: string;
  firstSeenAt: string | null;
  company: {
    id: string;
    name: string;
    domain: string | null;
    industry: string | null;
    employees: number | null;
  } | null;
  anonymousIds: string[];
  /** Set when this record was merged into another: it is kept only as a pointer there. */
  mergedIntoId: string | null;
  merges: { mergedId: string; at: string; reason: string; email: string | null }[];
  /** The score a week ago, for the trend. */
  scoreWeekAgo: number;
  /** The running SLA clock: whose first touch is due, by when. */
  openSla: { dueAt: string; startedAt: string; userId: string; kind: string } | null;
};

export type TimelineKind = 'activity' | 'touch' | 'stage' | 'status' | 'sales' | 'deal' | 'assignment' | 'sla';

export type TimelineItem = {
  id: string;
  kind: TimelineKind;
  /** Activity type, touch channel, stage or status moved to, sales activity type, or deal event. */
  type: string;
  at: string;
  /** Activity title, touch campaign, change reason, sales activity subject, or deal name. */
  title: string | null;
  url: string | null;
  /** The contact it happened to (a company's timeline mixes several); null for deals. */
  contactId: string | null;
  detail: Record<string, unknown>;
};

export type TimelinePage = { items: TimelineItem[]; nextCursor: string | null };

export type StageTransition = {
  id: string;
  from: Stage | null;
  to: Stage;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  rule: string | null;
  reason: string | null;
  details: Record<string, unknown>;
};

export type StagePeriod = { stage: Stage; enteredAt: string; leftAt: string | null; seconds: number };

export type StageHistory = { transitions: StageTransition[]; periods: StagePeriod[] };

export type RejectionOutcome = 'recycle' | 'disqualify';

export type RejectionReason = {
  code: string;
  label: string;
  defaultOutcome: RejectionOutcome;
  position: number;
  archived: boolean;
};

export type SalesActivityType = 'call' | 'email' | 'meeting' | 'note' | 'task';

export const callOutcomeLabels: Record<string, string> = {
  connected: 'connected',
  voicemail: 'left a voicemail',
  no_answer: 'no answer',
  wrong_number: 'wrong number',
};

export const meetingOutcomeLabels: Record<string, string> = {
  booked: 'booked',
  held: 'held',
  no_show: 'no-show',
  cancelled: 'cancelled',
};

export type Company = {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  region: string | null;
  ownerId: string | null;
  ownerName: string | null;
  contacts: number;
  openDeals: number;
  properties: PropertyValues;
  createdAt: string;
};

export type CompanyPage = { items: Company[]; nextCursor: string | null };

export type DealStatus = 'open' | 'won' | 'lost';

/** The pipeline of an open deal, in order; a closed deal's stage is `closed_won` or `closed_lost`. */
export const dealStages = ['discovery', 'demo', 'proposal', 'negotiation'] as const;
export type DealStage = (typeof dealStages)[number];

export const dealStageLabels: Record<string, string> = {
  discovery: 'Discovery',
  demo: 'Demo',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  closed_won: 'Won',
  closed_lost: 'Lost',
};

export type Deal = {
  id: string;
  name: string;
  amountMinor: number;
  currency: string;
  stage: string;
  status: DealStatus;
  /** A calendar date, YYYY-MM-DD. */
  expectedCloseOn: string | null;
  closedAt: string | null;
  lostReason: string | null;
  ownerId: string | null;
  ownerName: string | null;
  companyId: string | null;
  companyName: string | null;
  contacts: { id: string; name: string | null; email: string | null }[];
  properties: PropertyValues;
  createdAt: string;
};

export type DealPage = { items: Deal[]; nextCursor: string | null };

export type PropertyObject = 'contact' | 'company' | 'deal';
export type PropertyType = 'text' | 'number' | 'date' | 'boolean' | 'single_select' | 'multi_select';

export const propertyTypeLabels: Record<PropertyType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  single_select: 'Single select',
  multi_select: 'Multi select',
};

export type PropertyDefinition = {
  id: string;
  object: PropertyObject;
  key: string;
  label: string;
  type: PropertyType;
  options: string[];
  required: boolean;
  position: number;
};

export type SavedView = {
  id: string;
  userId: string;
  list: 'contacts' | 'companies' | 'deals';
  name: string;
  /** The list's query string as an object of strings. */
  query: Record<string, string>;
  shared: boolean;
};

export type LeadVisibility = 'all' | 'team' | 'own';
export type WorkspaceSettings = { leadVisibility: LeadVisibility };

export type IngestCounts = { accepted: number; duplicates: number; rejected: number; bots: number };

export type LiveEvent = {
  messageId: string;
  type: string;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  receivedAt: string;
  status: 'queued' | 'processed' | 'failed';
  error: string | null;
};

export type LiveRejection = {
  at: string;
  reason: string;
  field: string | null;
  messageId: string | null;
  excerpt: string | null;
};

export type LiveIngest = {
  events: LiveEvent[];
  rejections: LiveRejection[];
  today: IngestCounts;
  pipeline: { queued: number; failures: number; oldestQueuedAt: string | null };
};

export type IngestHistory = { days: (IngestCounts & { day: string })[] };
