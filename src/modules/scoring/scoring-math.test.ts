import { describe, expect, it } from 'vitest';
import {
  type EngagementRule,
  newCapCounter,
  ruleMatches,
  type ScoredActivity,
  takeCap,
  weekOf,
} from './engagement-rules';
import { defaultGradeBands, fitGrade, gradeFor } from './fit-grade';
import { matchPersona, type PersonaRule } from './match-persona';
import { addPoints, currentScore, DAY_MS, decayFactor, rankAt, scoreRank } from './score-math';

const start = Date.UTC(2026, 0, 5, 12); // a Monday, noon UTC

describe('decay', () => {
  it('halves a score in exactly one half-life, and quarters it in two', () => {
    const state = { value: 80, at: start };
    expect(currentScore(state, start + 30 * DAY_MS, 30)).toBe(40);
    expect(currentScore(state, start + 60 * DAY_MS, 30)).toBe(20);
    expect(currentScore(state, start + 15 * DAY_MS, 30)).toBeCloseTo(80 / Math.SQRT2, 10);
    expect(decayFactor(0, 30)).toBe(1);
  });

  it('adds points at their own moment, including late ones', () => {
    let state = addPoints({ value: 0, at: 0 }, 10, start, 30);
    state = addPoints(state, 10, start + 30 * DAY_MS, 30); // 10 decayed to 5, plus 10
    expect(currentScore(state, start + 30 * DAY_MS, 30)).toBe(15);
    const late = addPoints(state, 8, start, 30); // arrived late: worth 4 at the state's moment
    expect(currentScore(late, start + 30 * DAY_MS, 30)).toBe(19);
  });

  it('ranks scores by a key that does not move with time', () => {
    const a = { value: 40, at: start };
    const b = { value: 30, at: start + 10 * DAY_MS };
    const now = start + 20 * DAY_MS;
    const aboveA = currentScore(b, now, 30) > currentScore(a, now, 30);
    expect(scoreRank(b, 30)! > scoreRank(a, 30)!).toBe(aboveA);
    expect(scoreRank(a, 30)! >= rankAt(currentScore(a, now, 30), now, 30) - 1e-9).toBe(true);
    expect(scoreRank({ value: 0, at: start }, 30)).toBeNull();
  });

  it('floors negative signals at zero', () => {
    const state = addPoints({ value: 5, at: start }, -20, start + DAY_MS, 30);
    expect(state.value).toBeLessThan(0);
    expect(currentScore(state, start + 2 * DAY_MS, 30)).toBe(0);
  });
});

describe('caps', () => {
  const counter = newCapCounter();
  it('counts per UTC day and ISO week, across period boundaries', () => {
    const caps = { perDay: 2, perWeek: 3 };
    const sunday = start + 6 * DAY_MS; // same ISO week as the Monday
    expect([
      takeCap(caps, counter, start),
      takeCap(caps, counter, start + 1000),
      takeCap(caps, counter, start + 2000),
    ]).toEqual([true, true, false]);
    expect(takeCap(caps, counter, sunday)).toBe(true); // third of the week
    expect(takeCap(caps, counter, sunday + 1000)).toBe(false); // week full
    expect(weekOf(sunday + 12 * 3_600_000)).toBe(weekOf(start) + 1); // Monday midnight: a new week
    expect(takeCap(caps, counter, sunday + 12 * 3_600_000)).toBe(true);
  });

  it('stops for good at an ever cap', () => {
    const everCounter = newCapCounter();
    expect([1, 2, 3].map((day) => takeCap({ ever: 2 }, everCounter, start + day * DAY_MS))).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('rules', () => {
  const activity = (over: Partial<ScoredActivity>): ScoredActivity => ({
    id: 'a',
    type: 'page_view',
    occurredAt: start,
    title: 'Pricing',
    url: 'https://widgetworks.example/pricing?plan=pro',
    campaignId: null,
    properties: {},
    ...over,
  });
  const rule = (match: EngagementRule['match']) => match;
  it('match type, URL (contains or pattern), title, event name and properties', () => {
    expect(ruleMatches(rule({ types: ['page_view'], urlContains: '/PRICING' }), activity({}))).toBe(true);
    expect(ruleMatches(rule({ urlPattern: '/careers(/|$)' }), activity({}))).toBe(false);
    expect(ruleMatches(rule({ urlPattern: '([' }), activity({}))).toBe(false);
    expect(
      ruleMatches(
        rule({ types: ['content_download'], titleContains: 'roi' }),
        activity({ type: 'content_download', title: '10 Tips for Improving your Widget ROI' }),
      ),
    ).toBe(true);
    expect(
      ruleMatches(
        rule({ eventName: 'Requested Demo' }),
        activity({ type: 'custom', title: 'Requested Demo', properties: { event: 'Requested Demo' } }),
      ),
    ).toBe(true);
    expect(ruleMatches(rule({ properties: { plan: 'PRO' } }), activity({ properties: { plan: 'pro' } }))).toBe(true);
  });
});

describe('fit grade and personas', () => {
  const criteria = [
    {
      id: 'vp',
      label: 'VP or C-level',
      field: 'seniority' as const,
      operator: 'equals_any' as const,
      values: ['VP', 'C-level'],
      points: 30,
    },
    {
      id: 'ops',
      label: 'Operations',
      field: 'department' as const,
      operator: 'equals_any' as const,
      values: ['Operations'],
      points: 25,
    },
    {
      id: 'size',
      label: '200+ employees',
      field: 'employees' as const,
      operator: 'gte' as const,
      values: ['200'],
      points: 25,
    },
    {
      id: 'free',
      label: 'Free-mail address',
      field: 'emailDomainType' as const,
      operator: 'equals_any' as const,
      values: ['free'],
      points: -20,
    },
    {
      id: 'student',
      label: 'Student',
      field: 'title' as const,
      operator: 'contains_any' as const,
      values: ['student'],
      points: -100,
    },
  ];

  it('bands points into grades at the thresholds', () => {
    expect([80, 79, 60, 59.5, 40, 20, 19, -50].map((points) => gradeFor(points, defaultGradeBands))).toEqual([
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'F',
      'F',
    ]);
    expect(
      fitGrade(criteria, { seniority: 'VP', department: 'Operations', employees: 850, emailDomainType: 'business' }),
    ).toMatchObject({ points: 80, grade: 'A' });
    expect(
      fitGrade(criteria, { seniority: 'VP', department: 'Operations', employees: 850, emailDomainType: 'free' }).grade,
    ).toBe('B');
    expect(fitGrade(criteria, { title: 'Graduate Student', employees: 'unknown' })).toMatchObject({
      points: -100,
      grade: 'F',
    });
  });

  it('picks the most specific persona, then the higher priority, then by name', () => {
    const personas: PersonaRule[] = [
      {
        id: 'ops',
        name: 'Operations Olivia',
        priority: 1,
        conditions: [{ field: 'department', operator: 'equals_any' as const, values: ['Operations'] }],
      },
      {
        id: 'ops-lead',
        name: 'Operations leader',
        priority: 0,
        conditions: [
          { field: 'department', operator: 'equals_any' as const, values: ['Operations'] },
          { field: 'seniority', operator: 'equals_any' as const, values: ['VP', 'Director'] },
        ],
      },
      {
        id: 'b',
        name: 'Bea',
        priority: 5,
        conditions: [{ field: 'country', operator: 'equals_any' as const, values: ['Germany'] }],
      },
      {
        id: 'a',
        name: 'Abe',
        priority: 5,
        conditions: [{ field: 'country', operator: 'equals_any' as const, values: ['Germany'] }],
      },
    ];
    expect(matchPersona(personas, { department: 'Operations', seniority: 'VP' })?.id).toBe('ops-lead');
    expect(matchPersona(personas, { department: 'Operations', seniority: 'Manager' })?.id).toBe('ops');
    expect(matchPersona(personas, { country: 'Germany' })?.id).toBe('a');
    expect(matchPersona(personas, { country: 'France' })).toBeUndefined();
  });
});
