import { describe, expect, it } from 'vitest';
import { joeBlowComments, joeBlowInteractions, jonDoeInteractions } from '../demo/story-leads';
import { timeframeIn, writeTalkTrack } from './write-talk-track';

const now = Date.parse('2026-03-10T10:00:00Z');
const newestFirst = (
  activities: { type: string; at: number; title: string | null; properties: Record<string, unknown> }[],
) =>
  activities
    .map((activity) => ({
      type: activity.type,
      title: activity.title,
      occurredAt: new Date(activity.at),
      properties: activity.properties,
    }))
    .reverse();
const operations = {
  name: 'Operations leader',
  pains: ['Unplanned downtime on the line', 'Spare parts that arrive late'],
  discoveryQuestions: ['How many widgets run in your plants today?', 'What does an hour of downtime cost you?'],
  objections: ['We already have a maintenance contract', 'Not a priority until next fiscal year'],
};
const catalog = [
  { title: '10 Tips for Improving your Widget ROI', assetKind: 'white paper' },
  { title: 'Widget buyer’s checklist', assetKind: 'checklist' },
];

describe('the talk track', () => {
  it('opens Joe Blow’s call with his request and his timeline, in his words', () => {
    const track = writeTalkTrack({
      firstName: 'Joe',
      displayName: 'Joe Blow',
      company: 'Summit Logistics',
      persona: operations,
      activities: newestFirst(joeBlowInteractions(now)),
      catalog,
    });
    expect(track.opener).toBe(
      `Hi Joe — thanks for reaching out through our “Contact sales” form. You wrote: “${joeBlowComments}” — so you are looking to move by the end of next month. Can you tell me more?`,
    );
    expect(track.questions).toEqual(operations.discoveryQuestions);
    expect(track.objections).toEqual(operations.objections);
    expect(track.nextContent).toBe('our white paper “10 Tips for Improving your Widget ROI”');
  });

  it('opens Jon Doe’s call with the white paper and the infographic he downloaded, by title', () => {
    const track = writeTalkTrack({
      firstName: 'Jon',
      displayName: 'Jon Doe',
      company: 'Brightforge',
      persona: operations,
      activities: newestFirst(jonDoeInteractions(now)),
      catalog,
    });
    expect(track.opener).toBe(
      'Hi Jon — I saw you downloaded our white paper “10 Tips for Improving your Widget ROI” and our infographic “Lifecycle of a Widget”; was that helpful?',
    );
    expect(track.opener).not.toMatch(/https?:|\.pdf/);
    expect(track.basis).toEqual([
      'downloaded “10 Tips for Improving your Widget ROI”',
      'downloaded “Lifecycle of a Widget”',
    ]);
    expect(track.interest).toContain('unplanned downtime on the line');
    // He has the white paper: offer what he has not seen.
    expect(track.nextContent).toBe('our checklist “Widget buyer’s checklist”');
  });

  it('says honestly that nothing is recorded for a lead with no history, and invents nothing', () => {
    const track = writeTalkTrack({
      firstName: null,
      displayName: 'kim@example.org',
      company: null,
      persona: null,
      activities: [],
      catalog: [],
    });
    expect(track.opener).toBe(
      'Hi kim@example.org — we have no record of what you looked at yet, so I would rather ask than guess: what made you get in touch with us?',
    );
    expect(track.interest).toBeNull();
    expect(track.basis).toEqual([]);
    expect(track.nextContent).toBeNull();
    expect(track.objections).toEqual([]);
    expect(track.questions).toHaveLength(3);
  });

  it('finds a time frame in a visitor’s words, or none', () => {
    expect(timeframeIn('We have to decide by the end of next month.')).toBe('by the end of next month');
    expect(timeframeIn('Need 40 widgets before Q3')).toBe('before Q3');
    expect(timeframeIn('Hoping to start within 6 weeks')).toBe('within 6 weeks');
    expect(timeframeIn('Just curious about pricing')).toBeNull();
  });
});
