import { channels } from '../campaigns';
import { type LifecycleStage, lifecycleStages, type WorkingStatus, workingStatuses } from '../contacts';
import { dealStages } from '../deals';
import type { PropertyObject } from '../properties';
import { type SalesActivityType, salesActivityTypes } from '../sales-activities';
import type { ImportKind } from './schema';
import { enumReader } from './values';

/** How a cell is read for a standard field. */
export type FieldType =
  | 'text'
  | 'email'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'money'
  | 'currency'
  | 'enum'
  | 'owner'
  | 'duration'
  | 'reference';

export type FieldSpec = {
  field: string;
  label: string;
  type: FieldType;
  /** Longest text kept. */
  max?: number;
  /** The allowed values of an enum field. */
  values?: readonly string[];
  description?: string;
  /** Headers (compared lower-cased, letters and digits only) that map to this field, HubSpot and Salesforce names included. */
  headers: string[];
};

const text = (field: string, label: string, headers: string[], max = 200, description?: string): FieldSpec => ({
  field,
  label,
  type: 'text',
  max,
  headers,
  description,
});

const ownerField = (headers: string[]): FieldSpec => ({
  field: 'owner',
  label: 'Owner (email or name of a user)',
  type: 'owner',
  headers,
});

export const dealStageValues = [...dealStages, 'closed_won', 'closed_lost'] as const;
export const dealStatusValues = ['open', 'won', 'lost'] as const;
export const consentValues = ['granted', 'denied', 'unknown'] as const;
export const activityOutcomes = [
  'connected',
  'voicemail',
  'no_answer',
  'wrong_number',
  'booked',
  'held',
  'no_show',
  'cancelled',
] as const;

/** The standard fields each kind of import can fill, in the order the mapping screen offers them. */
export const targetFields: Record<ImportKind, FieldSpec[]> = {
  contacts: [
    {
      field: 'email',
      label: 'Email',
      type: 'email',
      headers: ['email', 'emailaddress', 'e-mail', 'mail', 'workemail', 'businessemail', 'primaryemail', 'emails'],
      description: 'Finds the contact to update; new otherwise',
    },
    text(
      'externalId',
      'External ID',
      [
        'externalid',
        'id',
        'recordid',
        'contactid',
        'leadid',
        'prospectid',
        'userid',
        'customerid',
        'crmid',
        'salesforceid',
        'hubspotid',
      ],
      200,
      'The id in the system the file comes from; finds the contact when there is no email',
    ),
    text('firstName', 'First name', ['firstname', 'first', 'givenname', 'forename', 'vorname', 'prenom']),
    text('lastName', 'Last name', ['lastname', 'last', 'surname', 'familyname', 'nachname']),
    text('fullName', 'Full name (split into first and last)', ['name', 'fullname', 'contactname', 'leadname']),
    text(
      'phone',
      'Phone',
      ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'mobilephonenumber', 'workphone'],
      50,
    ),
    text('title', 'Job title', ['title', 'jobtitle', 'position', 'jobposition']),
    text('seniority', 'Seniority', ['seniority', 'senioritylevel', 'level'], 100),
    text('department', 'Department', ['department', 'dept', 'division'], 100),
    text(
      'companyName',
      'Company name',
      [
        'company',
        'companyname',
        'account',
        'accountname',
        'organization',
        'organisation',
        'employer',
        'associatedcompany',
      ],
      200,
      'Linked to the company of that name, created if missing',
    ),
    text(
      'companyDomain',
      'Company domain or website',
      ['website', 'companydomain', 'companydomainname', 'domain', 'websiteurl', 'companywebsite'],
      253,
      'Linked to the company with that domain, created if missing',
    ),
    text('country', 'Country', ['country', 'countryregion', 'countryname', 'mailingcountry'], 100),
    text('city', 'City', ['city', 'town', 'mailingcity'], 100),
    {
      field: 'source',
      label: 'Original source (channel)',
      type: 'enum',
      values: channels,
      headers: ['source', 'originalsource', 'channel', 'originalchannel'],
    },
    text('sourceDetail', 'Source detail', ['sourcedetail', 'originalsourcedrilldown1', 'sourcedrilldown']),
    {
      field: 'lifecycleStage',
      label: 'Lifecycle stage',
      type: 'enum',
      values: lifecycleStages,
      headers: ['lifecyclestage', 'stage', 'leadstage', 'lifecycle'],
    },
    {
      field: 'workingStatus',
      label: 'Lead status (sales working status)',
      type: 'enum',
      values: workingStatuses,
      headers: ['leadstatus', 'status', 'workingstatus'],
    },
    ownerField(['owneremail', 'owner', 'contactowner', 'leadowner', 'hubspotowner', 'salesrep', 'assignedto']),
    {
      field: 'consentStatus',
      label: 'Marketing consent',
      type: 'enum',
      values: consentValues,
      headers: ['consent', 'consentstatus', 'marketingconsent', 'emailconsent'],
    },
    {
      field: 'createdAt',
      label: 'Created at',
      type: 'datetime',
      headers: ['createdate', 'createddate', 'createdat', 'datecreated', 'created'],
    },
  ],
  companies: [
    text(
      'name',
      'Company name',
      ['name', 'companyname', 'company', 'account', 'accountname', 'organization', 'organisation'],
      200,
    ),
    text(
      'domain',
      'Domain or website',
      ['domain', 'website', 'companydomainname', 'websiteurl', 'url', 'companydomain'],
      253,
      'Finds the company to update',
    ),
    text(
      'externalId',
      'External ID',
      ['externalid', 'id', 'recordid', 'companyid', 'accountid', 'salesforceid', 'hubspotid'],
      200,
      'The id in the system the file comes from; finds the company first',
    ),
    text('industry', 'Industry', ['industry', 'sector', 'vertical'], 100),
    {
      field: 'employees',
      label: 'Number of employees',
      type: 'integer',
      headers: ['employees', 'numberofemployees', 'employeecount', 'headcount', 'noofemployees'],
    },
    text(
      'country',
      'Country',
      ['country', 'countryregion', 'billingcountry', 'officelocation', 'location', 'headquarters', 'hq'],
      100,
    ),
    text('region', 'Region', ['region', 'stateregion', 'state', 'billingstateprovince', 'province'], 100),
    ownerField(['owneremail', 'owner', 'companyowner', 'accountowner']),
  ],
  deals: [
    text('name', 'Deal name', ['name', 'dealname', 'opportunityname', 'opportunity', 'title'], 200),
    text(
      'externalId',
      'External ID',
      ['externalid', 'id', 'recordid', 'dealid', 'opportunityid', 'salesforceid', 'hubspotid'],
      200,
      'Finds the deal to update; without it deals are matched by name and company',
    ),
    text(
      'company',
      'Company (account) name',
      ['account', 'accountname', 'company', 'companyname', 'associatedcompany', 'organization', 'customer'],
      200,
      'Linked to the company of that name, created if missing',
    ),
    text('companyDomain', 'Company domain', ['website', 'domain', 'companydomain', 'companydomainname'], 253),
    ownerField([
      'owneremail',
      'owner',
      'dealowner',
      'opportunityowner',
      'salesagent',
      'salesrep',
      'agent',
      'rep',
      'assignedto',
    ]),
    {
      field: 'amount',
      label: 'Amount',
      type: 'money',
      headers: ['amount', 'value', 'dealvalue', 'closevalue', 'dealamount', 'amountincompanycurrency'],
    },
    {
      field: 'currency',
      label: 'Currency',
      type: 'currency',
      headers: ['currency', 'currencycode', 'dealcurrencycode', 'opportunitycurrency'],
    },
    {
      field: 'stage',
      label: 'Stage',
      type: 'enum',
      values: dealStageValues,
      headers: ['stage', 'dealstage', 'pipelinestage', 'salesstage'],
    },
    {
      field: 'status',
      label: 'Status (open, won, lost)',
      type: 'enum',
      values: dealStatusValues,
      headers: ['status', 'dealstatus', 'wonlost', 'result'],
    },
    {
      field: 'closeDate',
      label: 'Close date (closed deals: when; open deals: expected)',
      type: 'datetime',
      headers: ['closedate', 'closingdate', 'closedat', 'dateclosed'],
    },
    {
      field: 'expectedCloseDate',
      label: 'Expected close date',
      type: 'date',
      headers: ['expectedclosedate', 'expectedclose', 'forecastclosedate'],
    },
    text('lostReason', 'Lost reason', ['lostreason', 'closedlostreason', 'lossreason', 'reasonlost'], 500),
    {
      field: 'contactEmail',
      label: 'Contact email (links the contact)',
      type: 'email',
      headers: ['contactemail', 'email', 'primarycontactemail', 'associatedcontactemail'],
    },
    {
      field: 'createdAt',
      label: 'Created at',
      type: 'datetime',
      headers: ['createdate', 'createddate', 'createdat', 'engagedate', 'datecreated', 'opendate'],
    },
  ],
  sales_activities: [
    {
      field: 'type',
      label: 'Type (call, email, meeting, note, task)',
      type: 'enum',
      values: salesActivityTypes,
      headers: ['type', 'activitytype', 'activity', 'engagementtype', 'kind'],
    },
    {
      field: 'occurredAt',
      label: 'Date and time',
      type: 'datetime',
      headers: [
        'date',
        'occurredat',
        'activitydate',
        'timestamp',
        'datetime',
        'calldate',
        'when',
        'time',
        'createdate',
      ],
    },
    {
      field: 'contactEmail',
      label: 'Contact email',
      type: 'email',
      headers: ['email', 'contactemail', 'emailaddress'],
    },
    text('contactExternalId', 'Contact external ID', ['contactid', 'leadid', 'contactexternalid', 'prospectid']),
    text('dealExternalId', 'Deal external ID', ['dealid', 'opportunityid', 'dealexternalid']),
    text('company', 'Company name or domain', ['company', 'companyname', 'account', 'accountname']),
    ownerField(['owner', 'user', 'assignedto', 'activityowner', 'rep', 'salesrep', 'createdby', 'agent', 'salesagent']),
    {
      field: 'outcome',
      label: 'Outcome',
      type: 'enum',
      values: activityOutcomes,
      headers: ['outcome', 'calloutcome', 'result', 'disposition', 'meetingoutcome'],
    },
    {
      field: 'durationSeconds',
      label: 'Duration (seconds or mm:ss)',
      type: 'duration',
      headers: ['duration', 'durationseconds', 'callduration', 'length'],
    },
    text('subject', 'Subject', ['subject', 'title', 'summary'], 500),
    text('body', 'Notes', ['body', 'notes', 'note', 'description', 'details', 'comments'], 20_000),
    { field: 'dueAt', label: 'Due (tasks)', type: 'datetime', headers: ['duedate', 'due', 'dueat'] },
    text('externalId', 'External ID', ['externalid', 'id', 'activityid', 'engagementid', 'recordid']),
  ],
  campaign_costs: [
    text(
      'campaign',
      'Campaign name',
      ['campaign', 'campaignname', 'name'],
      200,
      'Created if missing (needs a channel)',
    ),
    {
      field: 'channel',
      label: 'Channel (for new campaigns)',
      type: 'enum',
      values: channels,
      headers: ['channel', 'medium', 'campaigntype', 'type'],
    },
    {
      field: 'periodStart',
      label: 'Period start',
      type: 'date',
      headers: ['date', 'periodstart', 'month', 'period', 'startdate', 'week', 'day'],
    },
    { field: 'amount', label: 'Amount', type: 'money', headers: ['amount', 'cost', 'spend', 'spent', 'amountspent'] },
    { field: 'currency', label: 'Currency', type: 'currency', headers: ['currency', 'currencycode'] },
    text('note', 'Note', ['note', 'notes', 'description', 'comment', 'lineitem'], 500),
  ],
};

/** Which custom properties a kind can hold (sales activities and campaign costs have none). */
export const propertyObjectOf: Record<ImportKind, PropertyObject | null> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  sales_activities: null,
  campaign_costs: null,
};

/** Headers of Baton's own exports that are not data to import back (ids, computed values): ignored unless a field takes them. */
export const ignoredHeaders = new Set([
  'batonid',
  'ownername',
  'score',
  'grade',
  'lastactivityat',
  'contacts',
  'opendeals',
  'createdat',
]);

export const readLifecycleStage = enumReader<LifecycleStage>('lifecycle stage', lifecycleStages, {
  subscriber: 'subscriber',
  sub: 'subscriber',
  newlead: 'lead',
  marketingqualifiedlead: 'mql',
  marketingqualified: 'mql',
  salesacceptedlead: 'sal',
  salesaccepted: 'sal',
  accepted: 'sal',
  salesqualifiedlead: 'sql',
  salesqualified: 'sql',
  opp: 'opportunity',
  opportunities: 'opportunity',
  customers: 'customer',
  client: 'customer',
  evangelist: 'customer',
  nurture: 'recycled',
  recycle: 'recycled',
  dq: 'disqualified',
  unqualified: 'disqualified',
});

export const readWorkingStatus = enumReader<WorkingStatus>('lead status', workingStatuses, {
  open: 'new',
  opennotcontacted: 'new',
  notcontacted: 'new',
  attemptedtocontact: 'attempting',
  attempted: 'attempting',
  inprogress: 'attempting',
  working: 'attempting',
  workingcontacted: 'attempting',
  contacted: 'connected',
  engaged: 'connected',
  opendeal: 'qualified',
  closedconverted: 'qualified',
  converted: 'qualified',
  badtiming: 'unqualified',
  closednotconverted: 'unqualified',
  notinterested: 'unqualified',
  disqualified: 'unqualified',
});

export const readChannel = enumReader('channel', channels, {
  ppc: 'paid_search',
  cpc: 'paid_search',
  adwords: 'paid_search',
  googleads: 'paid_search',
  payperclickads: 'paid_search',
  sem: 'paid_search',
  seo: 'organic_search',
  organic: 'organic_search',
  paidsocialmedia: 'paid_social',
  socialads: 'paid_social',
  social: 'organic_social',
  socialmedia: 'organic_social',
  emailmarketing: 'email',
  newsletter: 'email',
  referrals: 'referral',
  referralsites: 'referral',
  partner: 'referral',
  directtraffic: 'direct',
  banner: 'display',
  blog: 'content',
  webinars: 'webinar',
  events: 'event',
  conference: 'event',
  tradeshows: 'trade_show',
  magazine: 'print',
  newspaper: 'print',
  coldcalling: 'cold_call',
  outbound: 'cold_call',
  telemarketing: 'cold_call',
  othercampaigns: 'campaign',
});

export const readConsent = enumReader('consent', consentValues, {
  yes: 'granted',
  true: 'granted',
  '1': 'granted',
  optin: 'granted',
  optedin: 'granted',
  subscribed: 'granted',
  no: 'denied',
  false: 'denied',
  '0': 'denied',
  optout: 'denied',
  optedout: 'denied',
  unsubscribed: 'denied',
});

export type DealStageValue = (typeof dealStageValues)[number];

export const readDealStage = enumReader<DealStageValue>('deal stage', dealStageValues, {
  prospecting: 'discovery',
  prospect: 'discovery',
  qualification: 'discovery',
  qualify: 'discovery',
  qualifiedtobuy: 'discovery',
  appointmentscheduled: 'discovery',
  needsanalysis: 'discovery',
  new: 'discovery',
  presentation: 'demo',
  presentationscheduled: 'demo',
  valueproposition: 'demo',
  iddecisionmakers: 'demo',
  perceptionanalysis: 'demo',
  decisionmakerboughtin: 'demo',
  engaging: 'demo',
  evaluation: 'demo',
  solution: 'demo',
  proposalpricequote: 'proposal',
  quote: 'proposal',
  contractsent: 'proposal',
  proposalsent: 'proposal',
  negotiationreview: 'negotiation',
  contract: 'negotiation',
  commit: 'negotiation',
  won: 'closed_won',
  closedwon: 'closed_won',
  closewon: 'closed_won',
  win: 'closed_won',
  lost: 'closed_lost',
  closedlost: 'closed_lost',
  closelost: 'closed_lost',
  loss: 'closed_lost',
});

export const readDealStatus = enumReader('deal status', dealStatusValues, {
  active: 'open',
  inprogress: 'open',
  pending: 'open',
  closedwon: 'won',
  win: 'won',
  closedlost: 'lost',
  loss: 'lost',
});

export const readActivityType = enumReader<SalesActivityType>('activity type', salesActivityTypes, {
  calls: 'call',
  phonecall: 'call',
  loggedcall: 'call',
  phone: 'call',
  emails: 'email',
  emailsent: 'email',
  loggedemail: 'email',
  meetings: 'meeting',
  notes: 'note',
  comment: 'note',
  tasks: 'task',
  todo: 'task',
});

export const readOutcome = enumReader('outcome', activityOutcomes, {
  leftvoicemail: 'voicemail',
  leftlivemessage: 'voicemail',
  busy: 'no_answer',
  noanswer: 'no_answer',
  wrongnumber: 'wrong_number',
  scheduled: 'booked',
  completed: 'held',
  noshow: 'no_show',
  canceled: 'cancelled',
});

/** Outcomes a call or a meeting may have (as `logSalesActivity` checks). */
export const outcomesOf: Record<SalesActivityType, readonly string[]> = {
  call: ['connected', 'voicemail', 'no_answer', 'wrong_number'],
  meeting: ['booked', 'held', 'no_show', 'cancelled'],
  email: [],
  note: [],
  task: [],
};

/** The reader of each enum field, by kind and field. */
export const enumReaders: Record<string, (raw: string) => unknown> = {
  'contacts.source': readChannel,
  'contacts.lifecycleStage': readLifecycleStage,
  'contacts.workingStatus': readWorkingStatus,
  'contacts.consentStatus': readConsent,
  'deals.stage': readDealStage,
  'deals.status': readDealStatus,
  'sales_activities.type': readActivityType,
  'sales_activities.outcome': readOutcome,
  'campaign_costs.channel': readChannel,
};
