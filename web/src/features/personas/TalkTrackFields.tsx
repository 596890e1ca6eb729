import { Fieldset, Paper, Stack, Text, Textarea } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
// The server's own writer: the preview is the sentence reps will read, not an imitation of it.
import {
  builtInOpeners,
  type OpenerKind,
  type OpenerTemplates,
  openerKinds,
  openerPlaceholders,
  placeholderMeanings,
  type TalkTrackActivity,
  TEMPLATE_MAX_LENGTH,
  validateTalkTrackTemplate,
  writeTalkTrack,
} from '../../../../src/modules/talk-track/write-talk-track';

export type TemplateValues = Record<OpenerKind, string>;

const openers: Record<OpenerKind, { label: string; when: string }> = {
  handRaiser: { label: 'Opener for hand-raisers', when: 'When the lead asked for sales through a form.' },
  download: { label: 'Opener after downloads', when: 'When the lead downloaded content.' },
  reading: { label: 'Opener after reading', when: 'When the lead read pages or clicked through from an email.' },
  noHistory: { label: 'Opener with no history', when: 'When nothing the lead did is recorded yet.' },
};

const at = new Date('2026-03-10T10:00:00Z');
const activity = (type: string, title: string, properties: Record<string, unknown> = {}): TalkTrackActivity => ({
  type,
  title,
  occurredAt: at,
  properties,
});
/** A sample lead for each story, newest activity first. */
const sampleActivities: Record<OpenerKind, TalkTrackActivity[]> = {
  handRaiser: [
    activity('form_submit', 'Contact sales', {
      handRaiser: true,
      comments: 'We need 40 new widgets before Q3 and would like a quote.',
    }),
  ],
  download: [
    activity('content_download', 'Lifecycle of a Widget', { assetKind: 'infographic' }),
    activity('content_download', '10 Tips for Improving your Widget ROI', { assetKind: 'white paper' }),
  ],
  reading: [activity('page_view', 'Maintenance plans'), activity('page_view', 'Widget pricing')],
  noHistory: [],
};

export const emptyTemplates = (templates: OpenerTemplates = {}): TemplateValues =>
  Object.fromEntries(openerKinds.map((kind) => [kind, templates[kind] ?? ''])) as TemplateValues;

/** What the API stores: trimmed, and no key for a kind left empty (it uses the built-in sentence). */
export const templatesToSave = (values: TemplateValues): OpenerTemplates =>
  Object.fromEntries(openerKinds.flatMap((kind) => (values[kind].trim() ? [[kind, values[kind].trim()]] : [])));

export const templateError = (kind: OpenerKind, text: string) =>
  validateTalkTrackTemplate(kind, text.trim()).join('; ') || null;

/**
 * Marketing's own talk track openers for a persona, one per story a lead can tell, each with the
 * placeholders it can use and a live preview for a sample lead.
 */
export function TalkTrackFields({
  values,
  inputProps,
  personaName,
}: {
  values: TemplateValues;
  inputProps: (kind: OpenerKind) => GetInputPropsReturnType;
  personaName: string;
}) {
  return (
    <Fieldset legend="Talk track">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          How a rep opens the first call with a lead of this persona, in your words; the same opener goes into the
          hand-off notification. Leave one empty to use the built-in sentence. A lead with no value for a placeholder
          you use gets the built-in sentence instead, so nothing is made up.
        </Text>
        {openerKinds.map((kind) => (
          <OpenerField
            key={kind}
            kind={kind}
            text={values[kind]}
            personaName={personaName}
            inputProps={inputProps(kind)}
          />
        ))}
      </Stack>
    </Fieldset>
  );
}

/** Why the preview shows the built-in sentence, when it does. */
function previewNote(typed: string, problem: string | null, fromTemplate: boolean) {
  if (!typed.trim()) return ' (built-in sentence)';
  if (problem) return ' (built-in sentence until the problem above is fixed)';
  if (!fromTemplate) return ' (a placeholder has no value for this lead, so the built-in sentence is used)';
  return '';
}

function OpenerField({
  kind,
  text,
  personaName,
  inputProps,
}: {
  kind: OpenerKind;
  text: string;
  personaName: string;
  inputProps: GetInputPropsReturnType;
}) {
  const [typed] = useDebouncedValue(text, 200);
  const { label, when } = openers[kind];
  const placeholders = openerPlaceholders[kind]
    .map((placeholder) => `{${placeholder}} (${placeholderMeanings[placeholder]})`)
    .join(', ');
  const problem = templateError(kind, typed);
  const track = writeTalkTrack({
    firstName: 'Sam',
    displayName: 'Sam Rivera',
    company: 'Northwind',
    persona: {
      name: personaName || 'This persona',
      pains: [],
      discoveryQuestions: [],
      objections: [],
      templates: { [kind]: typed },
    },
    activities: sampleActivities[kind],
    catalog: [],
  });
  return (
    <Stack gap={6}>
      <Textarea
        label={label}
        description={`${when} Placeholders: ${placeholders}.`}
        placeholder={builtInOpeners[kind][0]}
        autosize
        minRows={2}
        maxLength={TEMPLATE_MAX_LENGTH}
        {...inputProps}
        error={inputProps.error ?? problem}
      />
      <Paper withBorder p="xs" radius="sm" role="group" aria-label={label.replace('Opener', 'Preview')}>
        <Text size="xs" c="dimmed">
          For Sam Rivera at Northwind{previewNote(typed, problem, track.openerFromTemplate)}:
        </Text>
        <Text size="sm">{track.opener}</Text>
      </Paper>
    </Stack>
  );
}
