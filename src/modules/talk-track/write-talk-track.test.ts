import { describe, expect, it } from 'vitest';
import { joeBlowComments, joeBlowInteractions, jonDoeInteractions } from '../demo/story-leads';
import { builtInOpeners, timeframeIn, validateTalkTrackTemplate, writeTalkTrack } from './write-talk-track';

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
    expect(track).toMatchObject({ openerKind: 'handRaiser', openerFromTemplate: false });
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

  describe('with marketing’s own openers', () => {
    const jon = (templates: Record<string, string>, company: string | null = 'Brightforge') =>
      writeTalkTrack({
        firstName: 'Jon',
        displayName: 'Jon Doe',
        company,
        persona: { ...operations, templates },
        activities: newestFirst(jonDoeInteractions(now)),
        catalog,
      });

    it('uses the persona’s template for the lead’s story, placeholders filled', () => {
      const track = jon({
        download: 'Hello {firstName} from {company}! Thanks for reading {downloads}. Anything you would add?',
        handRaiser: 'Not this one: {comment}',
      });
      expect(track.opener).toBe(
        'Hello Jon from Brightforge! Thanks for reading our white paper “10 Tips for Improving your Widget ROI” and our infographic “Lifecycle of a Widget”. Anything you would add?',
      );
      expect(track).toMatchObject({ openerKind: 'download', openerFromTemplate: true });
      expect(track.text.split('\n')[0]).toBe(`Opener: ${track.opener}`);
      // Only the opener is marketing's: questions, content and objections are as before.
      expect(track.questions).toEqual(operations.discoveryQuestions);
      expect(track.nextContent).toBe('our checklist “Widget buyer’s checklist”');
    });

    it('fills a hand-raiser’s form, words and time frame, and falls back to the full name without a first name', () => {
      const track = writeTalkTrack({
        firstName: null,
        displayName: 'Joe Blow',
        company: 'Summit Logistics',
        persona: {
          ...operations,
          templates: { handRaiser: '{ firstName }, you asked via “{form}” to move {timeframe}: “{comment}”' },
        },
        activities: newestFirst(joeBlowInteractions(now)),
        catalog,
      });
      expect(track.opener).toBe(
        `Joe Blow, you asked via “Contact sales” to move by the end of next month: “${joeBlowComments}”`,
      );
    });

    it('uses the built-in sentence when the lead has no value for a placeholder the template uses, inventing nothing', () => {
      const withoutCompany = jon({ download: 'Hi {firstName} — how is {company} using {downloads}?' }, null);
      expect(withoutCompany.opener).toBe(
        'Hi Jon — I saw you downloaded our white paper “10 Tips for Improving your Widget ROI” and our infographic “Lifecycle of a Widget”; was that helpful?',
      );
      expect(withoutCompany.openerFromTemplate).toBe(false);
      expect(withoutCompany.opener).not.toMatch(/[{}]/);

      // A request with no time frame in it: the template that promises one is not used.
      const noTimeframe = writeTalkTrack({
        firstName: 'Ann',
        displayName: 'Ann Lee',
        company: null,
        persona: { ...operations, templates: { handRaiser: 'Hi {firstName}, you want to move {timeframe}?' } },
        activities: [
          {
            type: 'form_submit',
            title: 'Contact sales',
            occurredAt: new Date(now),
            properties: { handRaiser: true, comments: 'Send me pricing' },
          },
        ],
        catalog: [],
      });
      expect(noTimeframe.opener).toBe(
        'Hi Ann — thanks for reaching out through our “Contact sales” form. You wrote: “Send me pricing”. Can you tell me more?',
      );
    });

    it('never shows an unknown placeholder or a stray brace, even from a template saved before it was checked', () => {
      for (const template of ['Hi {firstName}, about {pricing}', 'Hi {firstName} {', 'Hi {firstName}, see {pages}']) {
        const track = jon({ download: template });
        expect(track.openerFromTemplate).toBe(false);
        expect(track.opener).not.toMatch(/[{}]/);
      }
      // A lead's own words are theirs, braces and all; they are not read as placeholders.
      const track = writeTalkTrack({
        firstName: 'Kim',
        displayName: 'Kim',
        company: null,
        persona: { ...operations, templates: { handRaiser: '{firstName} wrote “{comment}”' } },
        activities: [
          {
            type: 'form_submit',
            title: 'Contact sales',
            occurredAt: new Date(now),
            properties: { comments: 'Is {firstName} a field?' },
          },
        ],
        catalog: [],
      });
      expect(track.opener).toBe('Kim wrote “Is {firstName} a field?”');
    });

    it('leaves the three stories unchanged when the persona has no templates or empty ones', () => {
      const plain = jon({});
      expect(jon({ download: '   ' }).opener).toBe(plain.opener);
      expect(plain.openerFromTemplate).toBe(false);
    });
  });

  it('checks a template against the placeholders its kind can fill', () => {
    expect(validateTalkTrackTemplate('download', 'Hi {firstName}, thanks for {downloads} at {company}')).toEqual([]);
    expect(validateTalkTrackTemplate('download', 'Hi {firstName}, you wrote {comment} about {budget}')).toEqual([
      'unknown placeholder {comment}: this opener can use {firstName}, {company}, {downloads}',
      'unknown placeholder {budget}: this opener can use {firstName}, {company}, {downloads}',
    ]);
    expect(validateTalkTrackTemplate('noHistory', 'Hi {firstName')).toEqual([
      'a brace that opens or closes no placeholder: write placeholders as {firstName}',
    ]);
    expect(validateTalkTrackTemplate('reading', 'x'.repeat(501))).toEqual(['longer than 500 characters']);
    // The built-in sentences are templates of their own kind.
    for (const [kind, templates] of Object.entries(builtInOpeners)) {
      for (const template of templates) {
        expect(validateTalkTrackTemplate(kind as keyof typeof builtInOpeners, template)).toEqual([]);
      }
    }
  });
});
