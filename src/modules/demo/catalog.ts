import type { Channel } from '../campaigns/schema';

/**
 * Widget Works, the widget maker of the articles: what it sells, who buys, how they find it.
 * Everything here is invented; domains use the reserved `.example` suffix.
 */

export const demoWorkspace = { name: 'Widget Works', slug: 'widgetworks' } as const;

export const demoUsers = [
  { name: 'Ada Admin', email: 'ada@widgetworks.example', role: 'admin' },
  { name: 'Mia Marketer', email: 'mia@widgetworks.example', role: 'marketing' },
  { name: 'Sam Manager', email: 'sam@widgetworks.example', role: 'sales_manager' },
  { name: 'Rita Reyes', email: 'rita@widgetworks.example', role: 'sales_rep' },
  { name: 'Ravi Rao', email: 'ravi@widgetworks.example', role: 'sales_rep' },
  { name: 'Rosa Romero', email: 'rosa@widgetworks.example', role: 'sales_rep' },
  { name: 'Raj Roy', email: 'raj@widgetworks.example', role: 'sales_rep' },
  { name: 'Rene Roux', email: 'rene@widgetworks.example', role: 'sales_rep' },
  { name: 'Rhea Ross', email: 'rhea@widgetworks.example', role: 'sales_rep' },
] as const;

/** Teams by member email, with round-robin weights. The pilot group gets inbound leads first. */
export const demoTeams = [
  {
    name: 'Inbound',
    kind: 'team',
    members: [
      ['rita@widgetworks.example', 2],
      ['ravi@widgetworks.example', 2],
      ['rosa@widgetworks.example', 1],
      ['raj@widgetworks.example', 1],
    ],
  },
  {
    name: 'Enterprise',
    kind: 'team',
    members: [
      ['rene@widgetworks.example', 1],
      ['rhea@widgetworks.example', 1],
    ],
  },
  {
    name: 'Pilot group',
    kind: 'pilot',
    members: [
      ['rita@widgetworks.example', 1],
      ['ravi@widgetworks.example', 1],
    ],
  },
] as const;

export const contentAssets = [
  { title: '10 Tips for Improving your Widget ROI', kind: 'white paper', path: '/resources/widget-roi-tips' },
  { title: 'Lifecycle of a Widget', kind: 'infographic', path: '/resources/lifecycle-of-a-widget' },
  { title: 'The Widget Buyer’s Guide 2026', kind: 'ebook', path: '/resources/widget-buyers-guide' },
  { title: 'How Acme Cut Widget Downtime by 40%', kind: 'case study', path: '/resources/acme-case-study' },
  { title: 'Widget Security Checklist', kind: 'checklist', path: '/resources/widget-security-checklist' },
] as const;

/** Pages of widgetworks.example with how often visitors see them. */
export const websitePages = [
  ['/', 'Widget Works — widgets that pay for themselves', 30],
  ['/product', 'Product — the Widget Works platform', 16],
  ['/pricing', 'Pricing', 9],
  ['/blog/widget-maintenance-myths', '5 widget maintenance myths', 8],
  ['/blog/measuring-widget-roi', 'Measuring widget ROI', 7],
  ['/customers', 'Customers', 6],
  ['/integrations', 'Integrations', 5],
  ['/demo', 'Book a demo', 3],
  ['/careers', 'Careers at Widget Works', 2],
] as const;

export const emailSubjects = [
  'Your widget ROI, in 10 tips',
  'The lifecycle of a widget, on one page',
  'Widget Works monthly: what’s new',
  'Webinar invite: getting more from every widget',
  'How Acme cut widget downtime by 40%',
] as const;

export type DemoCampaign = {
  name: string;
  channel: Channel;
  utm: string | null;
  /** Monthly spend in cents; offline campaigns carry costs too. */
  monthlyCostCents: number;
  /** Share of new contacts who first arrive through it. */
  weight: number;
  utmSource?: string;
  utmMedium?: string;
};

export const demoCampaigns: DemoCampaign[] = [
  {
    name: 'Google Ads — widget software',
    channel: 'paid_search',
    utm: 'gads-widget-software',
    monthlyCostCents: 1_200_000,
    weight: 18,
    utmSource: 'google',
    utmMedium: 'cpc',
  },
  { name: 'Organic search', channel: 'organic_search', utm: null, monthlyCostCents: 250_000, weight: 22 },
  {
    name: 'LinkedIn — Lifecycle of a Widget',
    channel: 'paid_social',
    utm: 'li-lifecycle-infographic',
    monthlyCostCents: 800_000,
    weight: 12,
    utmSource: 'linkedin',
    utmMedium: 'paid_social',
  },
  {
    name: 'Widget ROI white paper',
    channel: 'content',
    utm: 'widget-roi-whitepaper',
    monthlyCostCents: 300_000,
    weight: 10,
    utmSource: 'syndication',
    utmMedium: 'content',
  },
  {
    name: 'Monthly newsletter',
    channel: 'email',
    utm: 'newsletter',
    monthlyCostCents: 60_000,
    weight: 8,
    utmSource: 'newsletter',
    utmMedium: 'email',
  },
  {
    name: 'Webinar: getting more from every widget',
    channel: 'webinar',
    utm: 'webinar-more-from-widgets',
    monthlyCostCents: 150_000,
    weight: 6,
    utmSource: 'webinar',
    utmMedium: 'event',
  },
  { name: 'Widget World Expo 2026', channel: 'trade_show', utm: null, monthlyCostCents: 2_500_000, weight: 7 },
  { name: 'Drive-time radio spot', channel: 'radio', utm: 'radio-drive-time', monthlyCostCents: 900_000, weight: 4 },
  { name: 'Cold calling — Q3 list', channel: 'cold_call', utm: null, monthlyCostCents: 400_000, weight: 5 },
  { name: 'Partner referrals', channel: 'referral', utm: null, monthlyCostCents: 0, weight: 8 },
];

export const demoPersonas = [
  {
    name: 'Operations Olivia',
    description: 'Runs plant or field operations; owns widget uptime and the maintenance budget.',
    conditions: [
      { field: 'department', operator: 'equals_any', values: ['Operations'] },
      { field: 'seniority', operator: 'equals_any', values: ['Director', 'VP', 'Manager'] },
    ],
    pains: [
      'Unplanned widget downtime',
      'Maintenance costs that creep up every quarter',
      'No single view of widget health',
    ],
    discoveryQuestions: [
      'How do you find out today that a widget is about to fail?',
      'What did downtime cost you last quarter?',
      'Who else weighs in when you change how widgets are maintained?',
    ],
    objections: ['We already have a maintenance contract', 'Not a priority until next fiscal year'],
    priority: 3,
  },
  {
    name: 'Engineer Eric',
    description: 'Engineering lead who evaluates widget tooling hands-on and cares about integrations.',
    conditions: [{ field: 'department', operator: 'equals_any', values: ['Engineering', 'IT'] }],
    pains: ['Widgets that do not talk to the rest of the stack', 'Manual data collection', 'Vendor lock-in'],
    discoveryQuestions: [
      'Which systems would widget data need to reach?',
      'How do you evaluate new tooling — trial, proof of concept, RFP?',
      'What broke the last time you changed widget vendors?',
    ],
    objections: ['We could build this ourselves', 'Security review takes months'],
    priority: 2,
  },
  {
    name: 'Finance Fiona',
    description: 'CFO or finance lead who signs off on spend and wants ROI in numbers.',
    conditions: [{ field: 'department', operator: 'equals_any', values: ['Finance'] }],
    pains: ['Widget spend without a measurable return', 'Budget surprises from emergency repairs'],
    discoveryQuestions: [
      'How do you measure the return on widget spend today?',
      'What payback period would make this an easy yes?',
    ],
    objections: ['No budget this year', 'Show me the ROI first'],
    priority: 1,
  },
] as const;

export const dealLostReasons = ['Price', 'Went with a competitor', 'No decision', 'Timing', 'Missing feature'] as const;

export const firstNames = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'James',
  'Isabella',
  'Lucas',
  'Mia',
  'Mateo',
  'Amelia',
  'Ethan',
  'Harper',
  'Aiden',
  'Evelyn',
  'Oliver',
  'Abigail',
  'Daniel',
  'Emily',
  'Henry',
  'Ella',
  'Jackson',
  'Chloe',
  'Samuel',
  'Grace',
  'Sebastian',
  'Nora',
  'David',
  'Priya',
  'Arjun',
  'Mei',
  'Wei',
  'Yuki',
  'Hiro',
  'Fatima',
  'Omar',
  'Aisha',
  'Carlos',
  'Lucia',
  'Pierre',
  'Camille',
  'Lars',
  'Ingrid',
  'Anna',
  'Jonas',
  'Sofia',
  'Marco',
  'Giulia',
  'Kofi',
  'Amara',
  'Tomasz',
  'Zofia',
  'Diego',
  'Valentina',
  'Sean',
  'Niamh',
] as const;

export const lastNames = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Patel',
  'Shah',
  'Chen',
  'Wang',
  'Tanaka',
  'Sato',
  'Khan',
  'Haddad',
  'Okafor',
  'Mensah',
  'Dubois',
  'Laurent',
  'Larsen',
  'Nilsen',
  'Schmidt',
  'Weber',
  'Rossi',
  'Bianchi',
  'Kowalski',
  'Nowak',
  'Silva',
  'Santos',
  'Murphy',
  'Kelly',
  'Novak',
  'Horvat',
  'Berg',
  'Lindqvist',
] as const;

export const companyWords = {
  first: [
    'Acme',
    'Bright',
    'Summit',
    'Northwind',
    'Blue',
    'Iron',
    'Cedar',
    'Granite',
    'Pioneer',
    'Vertex',
    'Harbor',
    'Silver',
    'Atlas',
    'Keystone',
    'Maple',
    'Apex',
    'Crescent',
    'Evergreen',
    'Falcon',
    'Lakeside',
    'Orion',
    'Prairie',
    'Redwood',
    'Sterling',
    'Union',
    'Zenith',
    'Copper',
    'Delta',
    'Beacon',
    'Meridian',
  ],
  second: [
    'Forge',
    'Works',
    'Dynamics',
    'Systems',
    'Industries',
    'Manufacturing',
    'Logistics',
    'Energy',
    'Foods',
    'Labs',
    'Motors',
    'Robotics',
    'Packaging',
    'Materials',
    'Tooling',
    'Fabrication',
    'Components',
    'Plastics',
  ],
  suffix: ['', '', '', ' Inc', ' Co', ' Group', ' GmbH', ' Ltd'],
} as const;

export const industries = [
  ['Manufacturing', 30],
  ['Logistics', 14],
  ['Energy', 10],
  ['Food & Beverage', 10],
  ['Automotive', 9],
  ['Healthcare', 8],
  ['Retail', 7],
  ['Software', 6],
  ['Education', 3],
  ['Government', 3],
] as const;

export const countries = [
  ['United States', 40],
  ['Canada', 8],
  ['United Kingdom', 10],
  ['Germany', 10],
  ['France', 6],
  ['Netherlands', 4],
  ['India', 7],
  ['Australia', 5],
  ['Brazil', 4],
  ['Japan', 6],
] as const;

export const regionOfCountry: Record<string, string> = {
  'United States': 'North America',
  Canada: 'North America',
  'United Kingdom': 'EMEA',
  Germany: 'EMEA',
  France: 'EMEA',
  Netherlands: 'EMEA',
  India: 'APAC',
  Australia: 'APAC',
  Japan: 'APAC',
  Brazil: 'LATAM',
};

export const departments = [
  ['Operations', 30],
  ['Engineering', 20],
  ['IT', 10],
  ['Finance', 10],
  ['Procurement', 10],
  ['Marketing', 8],
  ['Sales', 6],
  ['HR', 3],
  ['Student', 3],
] as const;

export const seniorities = [
  ['Individual contributor', 35],
  ['Manager', 30],
  ['Director', 18],
  ['VP', 10],
  ['C-level', 7],
] as const;

export const titleByDepartment: Record<string, Record<string, string>> = {
  Operations: {
    'Individual contributor': 'Maintenance Technician',
    Manager: 'Operations Manager',
    Director: 'Director of Operations',
    VP: 'VP Operations',
    'C-level': 'COO',
  },
  Engineering: {
    'Individual contributor': 'Mechanical Engineer',
    Manager: 'Engineering Manager',
    Director: 'Director of Engineering',
    VP: 'VP Engineering',
    'C-level': 'CTO',
  },
  IT: {
    'Individual contributor': 'Systems Administrator',
    Manager: 'IT Manager',
    Director: 'Director of IT',
    VP: 'VP Information Technology',
    'C-level': 'CIO',
  },
  Finance: {
    'Individual contributor': 'Financial Analyst',
    Manager: 'Finance Manager',
    Director: 'Finance Director',
    VP: 'VP Finance',
    'C-level': 'CFO',
  },
  Procurement: {
    'Individual contributor': 'Buyer',
    Manager: 'Procurement Manager',
    Director: 'Director of Procurement',
    VP: 'VP Supply Chain',
    'C-level': 'Chief Procurement Officer',
  },
  Marketing: {
    'Individual contributor': 'Marketing Specialist',
    Manager: 'Marketing Manager',
    Director: 'Marketing Director',
    VP: 'VP Marketing',
    'C-level': 'CMO',
  },
  Sales: {
    'Individual contributor': 'Account Executive',
    Manager: 'Sales Manager',
    Director: 'Sales Director',
    VP: 'VP Sales',
    'C-level': 'Chief Revenue Officer',
  },
  HR: {
    'Individual contributor': 'Recruiter',
    Manager: 'HR Manager',
    Director: 'HR Director',
    VP: 'VP People',
    'C-level': 'Chief People Officer',
  },
  Student: {
    'Individual contributor': 'Student',
    Manager: 'Graduate Student',
    Director: 'Student',
    VP: 'Student',
    'C-level': 'Student',
  },
};

export const freeMailDomains = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'proton.me'] as const;
