import { describe, expect, it } from 'vitest';
import { copyValue } from '../../core/db/copy-rows';
import { demoCampaigns } from './catalog';
import { fitGrade, generateHistory } from './generate-history';
import { generateCompanies, generatePerson } from './generate-people';
import { createRandom } from './random';

const now = Date.UTC(2026, 5, 1);

describe('demo history generator', () => {
  it('tells coherent stories: ordered activities in the past, stage history ending at the current stage', () => {
    const random = createRandom(7);
    let counter = 0;
    const companies = generateCompanies(random, 50, () => `company-${counter++}`);
    const emails = new Set<string>();
    const stagesSeen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const company = random.pick(companies);
      const person = generatePerson(random, company, emails);
      const history = generateHistory({ random, person, company, campaigns: demoCampaigns, now, averageActivities: 8 });
      const times = history.activities.map((activity) => activity.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every((at) => at <= now && at >= history.firstSeenAt)).toBe(true);
      const transitionTimes = history.transitions.map((transition) => transition.at);
      expect(new Set(transitionTimes).size).toBe(transitionTimes.length);
      expect(history.transitions.at(-1)!.to).toBe(history.stage);
      for (let t = 1; t < history.transitions.length; t += 1) {
        expect(history.transitions[t]!.from).toBe(history.transitions[t - 1]!.to);
      }
      if (history.deal?.status === 'won') expect(history.stage).toBe('customer');
      stagesSeen.add(history.stage);
    }
    expect(emails.size).toBe(2000);
    expect([...stagesSeen].sort()).toEqual(
      ['customer', 'disqualified', 'lead', 'mql', 'opportunity', 'recycled', 'sal', 'sql', 'subscriber'].sort(),
    );
  });

  it('is deterministic for a seed', () => {
    const make = () => {
      const random = createRandom(42);
      const companies = generateCompanies(random, 5, () => 'id');
      return generatePerson(random, companies[0]!, new Set());
    };
    expect(make()).toEqual(make());
  });

  it('grades students F and senior operations buyers at large manufacturers A', () => {
    const company = {
      id: 'c',
      name: 'X',
      domain: 'x.example',
      industry: 'Manufacturing',
      employees: 900,
      country: 'Germany',
      region: 'EMEA',
    };
    const base = {
      firstName: 'A',
      lastName: 'B',
      email: 'a@x.example',
      phone: '',
      country: 'Germany',
      freeMail: false,
    };
    expect(fitGrade({ ...base, title: 'VP Operations', seniority: 'VP', department: 'Operations' }, company)).toBe('A');
    expect(
      fitGrade({ ...base, title: 'Student', seniority: 'Individual contributor', department: 'Student' }, company),
    ).toBe('F');
  });

  it('escapes values for COPY text format', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyValue({ a: 'x\ty' })).toBe('{"a":"x\\\\ty"}');
    expect(copyValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});
