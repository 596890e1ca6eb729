import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';

/**
 * The scoring model as the API speaks it (mirrors `src/modules/scoring/contract.ts`; the web app
 * cannot import server code). Every criterion and rule the server returns has an id; new ones do not.
 */
export type FitOperator = 'contains_any' | 'equals_any' | 'gte' | 'lte' | 'is_set' | 'is_not_set';
export type PassGrade = 'A' | 'B' | 'C' | 'D';
export type Grade = PassGrade | 'F';

export const activityTypes = [
  'page_view',
  'content_download',
  'form_submit',
  'email_sent',
  'email_open',
  'email_click',
  'custom',
] as const;
export type ActivityType = (typeof activityTypes)[number];

export type FitCriterion = {
  id?: string;
  label: string;
  field: string;
  operator: FitOperator;
  values: string[];
  points: number;
};

export type DisqualifyRule = {
  id?: string;
  label: string;
  field: string;
  operator: 'contains_any' | 'equals_any';
  values: string[];
};

export type ActivityMatch = {
  types?: ActivityType[];
  urlContains?: string;
  urlPattern?: string;
  titleContains?: string;
  campaignId?: string;
  eventName?: string;
  properties?: Record<string, string | number | boolean>;
};

export type Caps = { perDay?: number; perWeek?: number; ever?: number };

export type EngagementRule = {
  id?: string;
  label: string;
  match: ActivityMatch;
  points: number;
  /** The server may leave it out when the rule has none. */
  caps?: Caps;
  enabled: boolean;
};

export type ScoringModel = {
  halfLifeDays: number;
  gradeBands: Record<PassGrade, number>;
  mqlRule: { minGrade: PassGrade; minScore: number };
  handRaiser: { forms: string[]; events: string[] };
  disqualify: DisqualifyRule[];
  criteria: FitCriterion[];
  rules: EngagementRule[];
};

export type RescoreStatus = {
  state: 'idle' | 'running' | 'failed';
  done: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** While running: deciding every contact's new score, then writing the ones that changed. */
  phase?: 'computing' | 'applying';
  /** How many contacts the new model changes (known once computed). */
  changes?: number;
  error?: string;
};

export type ScoringState = { model: ScoringModel; version: number; rescore: RescoreStatus };

export type Outcome = {
  contactsScored: number;
  mqls: number;
  handRaisers: number;
  accepted: number;
  rejected: number;
  rejectedByReason: { reason: string; label: string; count: number }[];
  won: number;
  wonAmountMinor: number;
};

export type Preview = { days: number; from: string; to: string; current: Outcome; proposed: Outcome };

export type Calibration = {
  outcome: string;
  contacts: number;
  positives: number;
  auc: number | null;
  byGrade: { grade: string; contacts: number; positives: number; rate: number }[];
  byScoreDecile: {
    decile: number;
    minScore: number;
    maxScore: number;
    contacts: number;
    positives: number;
    rate: number;
  }[];
};

export type ScoreBreakdown = {
  score: number;
  grade: Grade | null;
  fitPoints: number;
  persona: { id: string; name: string; description: string } | null;
  isMql: boolean;
  mqlRule: { minGrade: PassGrade; minScore: number };
  engagement: {
    ruleId: string;
    label: string;
    activityId: string;
    activityType: string;
    activityTitle: string | null;
    occurredAt: string;
    points: number;
    pointsNow: number;
  }[];
  capped: { ruleId: string; label: string; count: number }[];
  fit: { id: string; label: string; points: number }[];
  history: { at: string; score: number; grade: string | null; cause: 'activity' | 'profile' | 'rescore' | 'merge' }[];
};

export const passGrades: PassGrade[] = ['A', 'B', 'C', 'D'];

export const activityTypeLabels: Record<ActivityType, string> = {
  page_view: 'Page view',
  content_download: 'Content download',
  form_submit: 'Form submission',
  email_sent: 'Email sent',
  email_open: 'Email open',
  email_click: 'Email click',
  custom: 'Custom event',
};

export const fitOperatorLabels: Record<FitOperator, string> = {
  contains_any: 'contains any of',
  equals_any: 'is any of',
  gte: 'is at least',
  lte: 'is at most',
  is_set: 'is set',
  is_not_set: 'is not set',
};

/** Operators that test no value, and those that compare one number. */
export const valuelessOperators: FitOperator[] = ['is_set', 'is_not_set'];
export const numberOperators: FitOperator[] = ['gte', 'lte'];

export const fieldLabels: Record<string, string> = {
  title: 'Job title',
  seniority: 'Seniority',
  department: 'Department',
  country: 'Country',
  industry: 'Company industry',
  employees: 'Company employees',
  persona: 'Persona',
  emailDomainType: 'Email domain type',
  emailDomain: 'Email domain (competitors, partners)',
  source: 'Source',
};

export const gradeColors: Record<string, string> = { A: 'teal', B: 'green', C: 'yellow', D: 'orange', F: 'red' };

export function useScoring() {
  return useQuery({
    queryKey: ['scoring'],
    queryFn: () => get<ScoringState>('/api/scoring'),
    // A rescore reports its progress: ask every second while it runs.
    refetchInterval: (query) => (query.state.data?.rescore.state === 'running' ? 1000 : false),
  });
}

/** What a criterion or disqualify rule tests, in words: `Job title contains any of VP, Head`. */
export function describeCondition(
  condition: { field: string; operator: FitOperator; values: string[] },
  fieldLabel: (field: string) => string,
): string {
  const values = valuelessOperators.includes(condition.operator) ? '' : ` ${condition.values.join(', ')}`;
  return `${fieldLabel(condition.field)} ${fitOperatorLabels[condition.operator]}${values}`;
}

/** A rule's conditions in words: `Page view · URL contains /pricing`. */
export function describeMatch(match: ActivityMatch): string {
  const parts = [
    match.types?.length ? match.types.map((type) => activityTypeLabels[type] ?? type).join(' or ') : 'Any activity',
    match.urlContains && `URL contains ${match.urlContains}`,
    match.urlPattern && `URL matches ${match.urlPattern}`,
    match.titleContains && `title contains ${match.titleContains}`,
    match.eventName && `event ${match.eventName}`,
    match.campaignId && `campaign ${match.campaignId}`,
    ...Object.entries(match.properties ?? {}).map(([key, value]) => `${key} = ${String(value)}`),
  ];
  return parts.filter(Boolean).join(' · ');
}

export function describeCaps(caps: Caps = {}): string {
  const parts = [
    caps.perDay !== undefined && `${caps.perDay}× a day`,
    caps.perWeek !== undefined && `${caps.perWeek}× a week`,
    caps.ever !== undefined && `${caps.ever}× ever`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'No cap';
}

export const signed = (points: number) => (points > 0 ? `+${points}` : String(points));
