/** The routing and SLA API's shapes, as the web app reads them. */
export type ConditionOperator = 'contains_any' | 'equals_any' | 'gte' | 'lte' | 'is_set' | 'is_not_set';
export type RoutingCondition = { field: string; operator: ConditionOperator; values: string[] };
export type RoutingTarget =
  | { type: 'user'; userId: string }
  | { type: 'team'; teamId: string }
  | { type: 'account_owner' };
export type RoutingRule = {
  id?: string;
  name: string;
  enabled: boolean;
  conditions: RoutingCondition[];
  target: RoutingTarget;
  workingHoursOnly: boolean;
};

export type Skip = { rule: string; userId: string | null; name: string | null; why: string };
export type RuleTrace = {
  ruleId: string;
  rule: string;
  outcome: 'not_matched' | 'no_one_available' | 'chosen';
  detail: string;
};
export type CallBrief = {
  headline: string;
  who: string;
  why: string;
  keyActivities: string[];
  comments: string[];
  /** The lead's talk track, as on the lead record: how to open, what to ask, what to offer, what to expect. */
  talkTrack: { opener: string; questions: string[]; nextContent: string | null; objections: string[] };
  text: string;
};
export type Simulation = {
  decision: {
    outcome: 'assigned' | 'fallback';
    userId?: string;
    userName: string | null;
    rule?: string;
    reason: string;
    skipped: Skip[];
    trace: RuleTrace[];
  };
  brief: CallBrief;
};

export type WeeklyHours = ([number, number] | null)[];
export type RepAvailability = {
  userId: string;
  name: string;
  role: string;
  active: boolean;
  timeZone: string;
  hours: WeeklyHours;
  maxOpenUntouched: number | null;
  paused: boolean;
  pausedReason: string | null;
  openUntouched: number;
  timeOff: { id: string; startsAt: string; endsAt: string; note: string | null }[];
};

export type SlaStep = { percent: number; action: 'remind' | 'alert_manager' | 'reassign' };
export type SlaPolicy = { minutes: number; businessHours: boolean; steps: SlaStep[] };
export type SlaPolicies = { hand_raiser: SlaPolicy; mql: SlaPolicy };
export type SlaGoals = { monthlyMqls: number; acceptanceRatePercent: number };

export type SlaBoard = {
  open: {
    clockId: string;
    contactId: string;
    contactName: string;
    userId: string;
    userName: string;
    kind: string;
    startedAt: string;
    dueAt: string;
    breached: boolean;
  }[];
  breaches: {
    clockId: string;
    contactId: string;
    contactName: string;
    userName: string;
    dueAt: string;
    status: string;
    firstTouchAt: string | null;
  }[];
  fallback: { assignmentId: string; contactId: string; contactName: string; at: string; reason: string }[];
  reps: {
    userId: string;
    name: string;
    assigned: number;
    touched: number;
    met: number;
    missed: number;
    open: number;
    medianResponseMs: number | null;
  }[];
  systemDelay: {
    count: number;
    assignP50Ms: number | null;
    assignP99Ms: number | null;
    notifyP50Ms: number | null;
    notifyP99Ms: number | null;
  };
  marketing: {
    monthlyMqlGoal: number;
    mqlsThisMonth: number;
    acceptanceGoalPercent: number;
    acceptedThisMonth: number;
    rejectedThisMonth: number;
  };
};

export const routingFields: { value: string; label: string }[] = [
  { value: 'handRaiser', label: 'Hand-raiser (true/false)' },
  { value: 'kind', label: 'Kind (hand_raiser/mql)' },
  { value: 'country', label: 'Country' },
  { value: 'region', label: 'Region (company)' },
  { value: 'employees', label: 'Company size (employees)' },
  { value: 'industry', label: 'Industry' },
  { value: 'persona', label: 'Persona' },
  { value: 'grade', label: 'Grade' },
  { value: 'score', label: 'Score' },
  { value: 'source', label: 'Source' },
  { value: 'title', label: 'Title' },
  { value: 'seniority', label: 'Seniority' },
  { value: 'department', label: 'Department' },
  { value: 'company', label: 'Company name' },
  { value: 'emailDomain', label: 'Email domain' },
  { value: 'emailDomainType', label: 'Email domain type' },
];

export const operatorLabels: Record<ConditionOperator, string> = {
  equals_any: 'is any of',
  contains_any: 'contains any of',
  gte: 'is at least',
  lte: 'is at most',
  is_set: 'is set',
  is_not_set: 'is not set',
};

export const stepLabels: Record<SlaStep['action'], string> = {
  remind: 'Remind the rep',
  alert_manager: 'Alert the managers',
  reassign: 'Reassign the lead',
};

export const formatMs = (ms: number | null) =>
  ms === null
    ? '–'
    : ms < 1000
      ? `${Math.round(ms)} ms`
      : ms < 120_000
        ? `${(ms / 1000).toFixed(1)} s`
        : `${Math.round(ms / 60_000)} min`;
