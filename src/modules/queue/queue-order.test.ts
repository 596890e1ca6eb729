import { describe, expect, it } from 'vitest';
import { isWarm, slaUrgency, whyHere } from './queue-order';

const at = (iso: string) => new Date(iso);

describe('queue words', () => {
  it('calls a clock overdue past its deadline and due soon in its last quarter (at least its last 15 minutes)', () => {
    const hour = { startedAt: at('2026-01-13T10:00:00Z'), dueAt: at('2026-01-13T11:00:00Z') };
    expect(slaUrgency(hour, at('2026-01-13T10:44:00Z'))).toBe('on_track');
    expect(slaUrgency(hour, at('2026-01-13T10:45:00Z'))).toBe('due_soon');
    expect(slaUrgency(hour, at('2026-01-13T11:00:00Z'))).toBe('overdue');
    const fiveMinutes = { startedAt: at('2026-01-13T10:00:00Z'), dueAt: at('2026-01-13T10:05:00Z') };
    expect(slaUrgency(fiveMinutes, at('2026-01-13T10:00:01Z'))).toBe('due_soon');
  });

  it('marks a lead warm for four hours after its last activity', () => {
    const now = at('2026-01-13T14:00:00Z');
    expect(isWarm(at('2026-01-13T10:00:00Z'), now)).toBe(true);
    expect(isWarm(at('2026-01-13T09:59:59Z'), now)).toBe(false);
    expect(isWarm(null, now)).toBe(false);
  });

  it('says why a lead is here in one line, with what the lead did', () => {
    const base = {
      stage: 'mql',
      workingStatus: null,
      handoffKind: 'mql' as const,
      handoffReason: 'MQL: grade B or better and score ≥ 50',
      assignmentKind: 'routed',
      assignmentReason: 'Rule “Inbound”',
      keyActivity: { type: 'content_download', title: '10 Tips for Improving your Widget ROI', comments: null },
    };
    expect(whyHere(base)).toBe(
      'Marketing-qualified (grade B or better and score ≥ 50); downloaded “10 Tips for Improving your Widget ROI”',
    );
    expect(whyHere({ ...base, assignmentKind: 'sla' })).toBe(
      'Reassigned to you: the last owner missed the SLA; they downloaded “10 Tips for Improving your Widget ROI”',
    );
    expect(whyHere({ ...base, stage: 'sal', workingStatus: 'attempting', keyActivity: null })).toBe(
      'Accepted, trying to reach them',
    );
    expect(
      whyHere({
        ...base,
        handoffKind: 'hand_raiser',
        keyActivity: { type: 'form_submit', title: 'Contact sales', comments: 'x'.repeat(200) },
      }),
    ).toBe(`Asked for sales: sent the “Contact sales” form: “${'x'.repeat(89)}…”`);
    expect(whyHere({ ...base, handoffReason: null, keyActivity: null })).toBe('Marketing-qualified');
  });
});
