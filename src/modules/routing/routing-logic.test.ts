import { describe, expect, it } from 'vitest';
import { writeTalkTrack } from '../talk-track/write-talk-track';
import type { RepState } from './availability';
import { type BriefInput, writeCallBrief } from './call-brief';
import { chooseRep, type RoutingRule } from './choose-rep';
import { pickNext, type RoundRobinMember } from './round-robin';
import { slaTimes } from './sla-times';
import { addWorkingMinutes, instantOf, isWorkingTime, officeHours, workingMillisBetween } from './working-time';

const utc = (text: string) => Date.parse(text);
const berlin = { timeZone: 'Europe/Berlin', hours: officeHours };

describe('working time', () => {
  it('reads wall-clock times in a time zone on both sides of a daylight-saving change', () => {
    // Berlin: UTC+1 in winter, UTC+2 from 2026-03-29 02:00.
    expect(new Date(instantOf(2026, 3, 27, 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(new Date(instantOf(2026, 3, 30, 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    // 02:30 does not exist that night: it reads as 03:30 CEST. 02:30 on the autumn night happens twice: the first.
    expect(new Date(instantOf(2026, 3, 29, 150, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(instantOf(2026, 10, 25, 150, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('counts an SLA in business hours across a weekend', () => {
    // Friday 16:30 Berlin (15:30 UTC, winter) + 60 working minutes → Monday 09:30 Berlin.
    const due = addWorkingMinutes(utc('2026-01-09T15:30:00Z'), 60, berlin);
    expect(new Date(due).toISOString()).toBe('2026-01-12T08:30:00.000Z');
    expect(workingMillisBetween(utc('2026-01-09T15:30:00Z'), due, berlin)).toBe(60 * 60_000);
  });

  it('counts business hours across the weekend the clocks change', () => {
    // Friday 2026-03-27 16:45 Berlin (UTC+1) + 30 min → Monday 2026-03-30 09:15 Berlin (UTC+2) = 07:15 UTC.
    const due = addWorkingMinutes(utc('2026-03-27T15:45:00Z'), 30, berlin);
    expect(new Date(due).toISOString()).toBe('2026-03-30T07:15:00.000Z');
    // The same span in New York, whose clocks changed two weeks earlier: Friday 16:45 EDT → Monday 09:15 EDT.
    const newYork = { timeZone: 'America/New_York', hours: officeHours };
    expect(new Date(addWorkingMinutes(utc('2026-03-27T20:45:00Z'), 30, newYork)).toISOString()).toBe(
      '2026-03-30T13:15:00.000Z',
    );
  });

  it('starts counting at opening time for a lead that arrives at night, and knows when someone works', () => {
    // Tuesday 03:00 Berlin + 5 minutes → 09:05.
    expect(new Date(addWorkingMinutes(utc('2026-01-13T02:00:00Z'), 5, berlin)).toISOString()).toBe(
      '2026-01-13T08:05:00.000Z',
    );
    expect(isWorkingTime(utc('2026-01-13T08:05:00Z'), berlin)).toBe(true);
    expect(isWorkingTime(utc('2026-01-13T16:00:00Z'), berlin)).toBe(false);
    expect(isWorkingTime(utc('2026-01-10T10:00:00Z'), berlin)).toBe(false);
  });

  it('places every step of the escalation ladder, in wall-clock time or in business hours', () => {
    const policy = {
      minutes: 60,
      businessHours: true,
      steps: [
        { percent: 50, action: 'remind' as const },
        { percent: 100, action: 'alert_manager' as const },
        { percent: 200, action: 'reassign' as const },
      ],
    };
    const friday = new Date('2026-01-09T15:30:00Z'); // 16:30 in Berlin
    const inHours = slaTimes(policy, friday, berlin);
    expect(inHours.stepAt.map((at) => at.toISOString())).toEqual([
      '2026-01-09T16:00:00.000Z',
      '2026-01-12T08:30:00.000Z',
      '2026-01-12T09:30:00.000Z',
    ]);
    const wall = slaTimes({ ...policy, businessHours: false }, friday, berlin);
    expect(wall.dueAt.toISOString()).toBe('2026-01-09T16:30:00.000Z');
  });
});

describe('weighted round robin', () => {
  it('matches the weights within 2 % over 10,000 assignments', () => {
    let members: RoundRobinMember[] = [
      { userId: 'a', weight: 5, credit: 0 },
      { userId: 'b', weight: 3, credit: 0 },
      { userId: 'c', weight: 1, credit: 0 },
      { userId: 'd', weight: 1, credit: 0 },
    ];
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i += 1) {
      const pick = pickNext(members, () => true)!;
      counts.set(pick.userId, (counts.get(pick.userId) ?? 0) + 1);
      members = members.map((member) => ({ ...member, credit: pick.credits.get(member.userId)! }));
    }
    for (const member of members) {
      const expected = (member.weight / 10) * 10_000;
      expect(Math.abs(counts.get(member.userId)! - expected) / expected).toBeLessThan(0.02);
    }
  });

  it('keeps the turn of a rep who is away: they get the next lead when they are back', () => {
    let members: RoundRobinMember[] = [
      { userId: 'ann', weight: 1, credit: 0 },
      { userId: 'bob', weight: 1, credit: 0 },
      { userId: 'cy', weight: 1, credit: 0 },
    ];
    const take = (away: string[] = []) => {
      const pick = pickNext(members, (id) => !away.includes(id))!;
      members = members.map((member) => ({ ...member, credit: pick.credits.get(member.userId)! }));
      return pick.userId;
    };
    expect(take()).toBe('ann');
    // Bob's turn, but he is out: Cy takes it, and Ann's next turn does not jump the queue.
    expect(take(['bob'])).toBe('cy');
    expect(take()).toBe('bob');
    expect([take(), take(), take()].sort()).toEqual(['ann', 'bob', 'cy']);
    expect(pickNext(members, () => false)).toBeNull();
  });
});

const rep = (userId: string, name: string, extra: Partial<RepState> = {}): RepState => ({
  userId,
  name,
  active: true,
  paused: false,
  pausedReason: null,
  schedule: { timeZone: 'UTC', hours: officeHours },
  outOfOffice: null,
  openUntouched: 0,
  maxOpenUntouched: null,
  ...extra,
});

describe('choosing a rep', () => {
  const rules: RoutingRule[] = [
    {
      id: 'r1',
      name: 'Hand-raisers to their account owner',
      enabled: true,
      conditions: [{ field: 'handRaiser', operator: 'equals_any', values: ['true'] }],
      target: { type: 'account_owner' },
      workingHoursOnly: false,
    },
    {
      id: 'r2',
      name: 'Germany to the DACH team',
      enabled: true,
      conditions: [{ field: 'country', operator: 'equals_any', values: ['Germany'] }],
      target: { type: 'team', teamId: 'dach' },
      workingHoursOnly: false,
    },
  ];
  const at = new Date('2026-01-13T10:00:00Z');
  const world = (reps: RepState[], profile: Record<string, string>, accountOwnerId: string | null = 'olga') => ({
    profile,
    accountOwnerId,
    at,
    rep: (id: string) => reps.find((item) => item.userId === id),
    team: (id: string) =>
      id === 'dach'
        ? {
            name: 'DACH',
            members: [
              { userId: 'dirk', weight: 1, credit: 0 },
              { userId: 'eva', weight: 1, credit: 0 },
            ],
          }
        : undefined,
  });

  it('sends a hand-raiser to the account owner, on to the team when the owner is away, and to the fallback queue when all are', () => {
    const everyone = [rep('olga', 'Olga'), rep('dirk', 'Dirk'), rep('eva', 'Eva')];
    const profile = { handRaiser: 'true', country: 'Germany' };
    expect(chooseRep(rules, world(everyone, profile))).toMatchObject({
      outcome: 'assigned',
      userId: 'olga',
      ruleId: 'r1',
    });

    const away = { outOfOffice: { until: new Date('2026-01-20T00:00:00Z'), note: 'holiday' } };
    const ownerOut = [rep('olga', 'Olga', away), rep('dirk', 'Dirk'), rep('eva', 'Eva')];
    const second = chooseRep(rules, world(ownerOut, profile));
    expect(second).toMatchObject({ outcome: 'assigned', userId: 'dirk', ruleId: 'r2' });
    expect(second.skipped).toEqual([
      {
        rule: 'Hand-raisers to their account owner',
        userId: 'olga',
        name: 'Olga',
        why: expect.stringContaining('out of office until 2026-01-20'),
      },
    ]);

    const allOut = [
      rep('olga', 'Olga', away),
      rep('dirk', 'Dirk', { paused: true, pausedReason: 'training' }),
      rep('eva', 'Eva', { openUntouched: 3, maxOpenUntouched: 3 }),
    ];
    const third = chooseRep(rules, world(allOut, profile));
    expect(third.outcome).toBe('fallback');
    expect(third.skipped.map((skip) => [skip.userId, skip.why])).toEqual([
      ['olga', expect.stringContaining('out of office')],
      ['dirk', 'paused by a manager (training)'],
      ['eva', 'at the cap of 3 untouched leads'],
    ]);
    expect(third.trace.map((step) => step.outcome)).toEqual(['no_one_available', 'no_one_available']);
  });

  it('passes over rules whose conditions do not hold, and skips reps outside working hours only when the rule says so', () => {
    const reps = [rep('olga', 'Olga'), rep('dirk', 'Dirk'), rep('eva', 'Eva')];
    const decision = chooseRep(rules, world(reps, { handRaiser: 'false', country: 'France' }));
    expect(decision).toMatchObject({ outcome: 'fallback', reason: 'no rule found an available rep' });
    expect(decision.trace[0]).toMatchObject({ outcome: 'not_matched', detail: 'not: hand-raiser is true' });

    const night = { ...world(reps, { handRaiser: 'false', country: 'Germany' }), at: new Date('2026-01-13T22:00:00Z') };
    expect(chooseRep(rules, night)).toMatchObject({ outcome: 'assigned', userId: 'dirk' });
    const strict = rules.map((rule) => ({ ...rule, workingHoursOnly: true }));
    expect(chooseRep(strict, night)).toMatchObject({ outcome: 'fallback' });
  });
});

describe('the call brief', () => {
  const base = {
    name: 'Joe Blow',
    email: 'joe@acme.example',
    phone: '+1 555 0100',
    title: 'Operations Director',
    company: { name: 'Acme', industry: 'Logistics', employees: 800 },
    persona: 'Operations leader',
    grade: 'B',
    score: 42.4,
    reason: 'Hand-raiser: fast-track to sales',
    slaDueAt: new Date('2026-01-13T10:05:00Z'),
  };

  const operations = {
    name: 'Operations leader',
    pains: ['Unplanned downtime'],
    discoveryQuestions: ['How many widgets run today?', 'What does an hour of downtime cost you?'],
    objections: ['We already have a maintenance contract'],
  };
  /** The talk track as routing writes it: the same activities, the persona, the catalog. */
  const talkTrackOf = (
    activities: BriefInput['activities'],
    persona: Parameters<typeof writeTalkTrack>[0]['persona'],
    company: string | null,
  ) =>
    writeTalkTrack({
      firstName: 'Joe',
      displayName: 'Joe Blow',
      company,
      persona,
      activities,
      catalog: [
        { title: '10 Tips for Improving your Widget ROI', assetKind: 'white paper' },
        { title: 'Widget buyer’s checklist', assetKind: 'checklist' },
      ],
    });

  it('tells who, why, what they did and in their own words, how to open the call, with the deadline', () => {
    const activities: BriefInput['activities'] = [
      {
        type: 'form_submit',
        title: 'Contact sales',
        url: null,
        occurredAt: new Date('2026-01-13T09:58:00Z'),
        properties: { comments: 'Dana referred me; we decide by March.' },
      },
      {
        type: 'content_download',
        title: '10 Tips for Improving your Widget ROI',
        url: null,
        occurredAt: new Date('2026-01-12T09:00:00Z'),
        properties: {},
      },
    ];
    const brief = writeCallBrief({
      ...base,
      kind: 'hand_raiser',
      activities,
      talkTrack: talkTrackOf(activities, operations, 'Acme'),
    });
    expect(brief.headline).toBe('Hand-raiser: Joe Blow wants to talk to sales');
    expect(brief.who).toBe(
      'Joe Blow, Operations Director at Acme (Logistics, 800 employees) — persona Operations leader',
    );
    expect(brief.why).toBe('Asked to talk to sales (Hand-raiser: fast-track to sales); grade B, score 42.');
    expect(brief.keyActivities).toEqual([
      '2026-01-13: filled in the form “Contact sales”',
      '2026-01-12: downloaded “10 Tips for Improving your Widget ROI”',
    ]);
    expect(brief.talkTrack).toEqual({
      opener:
        'Hi Joe — thanks for reaching out through our “Contact sales” form. You wrote: “Dana referred me; we decide by March.” — so you are looking to move by March. Can you tell me more?',
      questions: operations.discoveryQuestions,
      nextContent: 'our checklist “Widget buyer’s checklist”',
      objections: operations.objections,
    });
    expect(brief.text).toBe(
      [
        'Hand-raiser: Joe Blow wants to talk to sales',
        'Joe Blow, Operations Director at Acme (Logistics, 800 employees) — persona Operations leader',
        'Asked to talk to sales (Hand-raiser: fast-track to sales); grade B, score 42.',
        'Phone: +1 555 0100',
        'What they did:',
        '- 2026-01-13: filled in the form “Contact sales”',
        '- 2026-01-12: downloaded “10 Tips for Improving your Widget ROI”',
        'In their words: “Dana referred me; we decide by March.”',
        'Talk track:',
        `- Open with: ${brief.talkTrack.opener}`,
        '- Ask: 1. How many widgets run today? 2. What does an hour of downtime cost you?',
        '- Offer next: our checklist “Widget buyer’s checklist”',
        '- Expect: We already have a maintenance contract',
        'First touch due by 2026-01-13 10:05 UTC.',
      ].join('\n'),
    );
  });

  it('says so when nothing is recorded, and invents nothing', () => {
    const brief = writeCallBrief({
      ...base,
      kind: 'mql',
      company: null,
      title: null,
      persona: null,
      phone: null,
      activities: [],
      talkTrack: talkTrackOf([], null, null),
    });
    expect(brief.who).toBe('Joe Blow');
    expect(brief.keyActivities).toEqual([]);
    expect(brief.comments).toEqual([]);
    expect(brief.text).toContain('No activity is recorded for this lead yet.');
    expect(brief.text).toContain(
      '- Open with: Hi Joe — we have no record of what you looked at yet, so I would rather ask than guess: what made you get in touch with us?',
    );
    expect(brief.text).not.toContain('Expect:');
  });
});
