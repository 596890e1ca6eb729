import {
  Alert,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage, get, post, put } from '../../api/client';
import { usePropertyDefinitions, useUsers } from '../../api/directory';
import { useOffers } from '../content';
import { FieldEditor } from './FieldEditor';
import { contactTargets, type FormDetail, type FormField, type FormInput, newForm } from './types';

const toInput = ({ id: _id, createdAt: _c, updatedAt: _u, embed: _e, ...input }: FormDetail): FormInput => input;

/** Cleans what the editors hold loosely (blank option lines, blank texts) into what the API takes. */
function cleaned(form: FormInput): FormInput {
  return {
    ...form,
    fields: form.fields.map((field) => ({ ...field, options: field.options.map((o) => o.trim()).filter(Boolean) })),
    spam: { ...form.spam, blockedDomains: form.spam.blockedDomains.map((d) => d.trim()).filter(Boolean) },
  };
}

/** The form builder: fields, consent, what happens after, spam and notifications, with a live preview. */
export function FormBuilder() {
  const { formId } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({
    queryKey: ['form', formId],
    queryFn: () => get<FormDetail>(`/api/forms/${formId}`),
    enabled: Boolean(formId),
  });
  const [form, setForm] = useState<FormInput>(newForm);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (existing.data) setForm(toInput(existing.data));
  }, [existing.data]);
  const offers = useOffers();
  const users = useUsers();
  const contactProps = usePropertyDefinitions('contact');
  const companyProps = usePropertyDefinitions('company');
  const targets = useMemo(
    () => [
      ...contactTargets,
      ...(contactProps.data ?? []).map((p) => ({ value: `contact.custom.${p.key}`, label: `Contact: ${p.label}` })),
      ...(companyProps.data ?? []).map((p) => ({ value: `company.custom.${p.key}`, label: `Company: ${p.label}` })),
    ],
    [contactProps.data, companyProps.data],
  );
  const [previewKnown, setPreviewKnown] = useState(false);
  const preview = useQuery({
    queryKey: ['form-preview', form, previewKnown],
    queryFn: () =>
      post<{ html: string; css: string }>('/api/forms/preview', {
        ...cleaned(form),
        name: form.name || 'Preview',
        knownFields: previewKnown ? form.fields.filter((f) => !f.progressive).map((f) => f.name) : undefined,
      }),
    retry: false,
    placeholderData: (previous) => previous,
  });

  const save = useMutation({
    mutationFn: () =>
      formId ? put<FormDetail>(`/api/forms/${formId}`, cleaned(form)) : post<FormDetail>('/api/forms', cleaned(form)),
    onSuccess: (saved) => {
      setProblems([]);
      queryClient.invalidateQueries({ queryKey: ['forms'] });
      queryClient.setQueryData(['form', saved.id], saved);
      notifications.show({ color: 'teal', message: `Saved “${saved.name}”` });
      if (!formId) navigate(`/forms/${saved.id}`, { replace: true });
    },
    onError: (error) => {
      setProblems(
        error instanceof ApiError && error.details.length > 0
          ? error.details.map((d) => `${d.path?.replace(/^body\./, '') ?? ''}: ${d.message}`)
          : [errorMessage(error)],
      );
    },
  });

  const set = (patch: Partial<FormInput>) => setForm((current) => ({ ...current, ...patch }));
  const setField = (index: number, field: FormField) =>
    set({ fields: form.fields.map((f, i) => (i === index ? field : f)) });
  const move = (index: number, by: -1 | 1) => {
    const fields = [...form.fields];
    const [field] = fields.splice(index, 1);
    fields.splice(index + by, 0, field!);
    set({ fields });
  };
  const addField = () =>
    set({
      fields: [
        ...form.fields,
        {
          name: `field_${form.fields.length + 1}`,
          type: 'text',
          label: 'New question',
          required: false,
          options: [],
          progressive: false,
        },
      ],
    });

  if (formId && existing.isLoading) return <Text>Loading…</Text>;
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack>
          <Group align="end">
            <TextInput
              label="Form name"
              description="Also the activity title on the lead's timeline"
              style={{ flex: 1 }}
              value={form.name}
              onChange={(event) => set({ name: event.currentTarget.value })}
            />
            <SegmentedControl
              aria-label="Status"
              value={form.status}
              onChange={(value) => set({ status: value as FormInput['status'] })}
              data={[
                { value: 'draft', label: 'Draft' },
                { value: 'published', label: 'Published' },
                { value: 'archived', label: 'Archived' },
              ]}
            />
          </Group>
          <Switch
            label="Contact sales (hand-raiser): a submission goes to a rep at once"
            checked={form.handRaiser}
            onChange={(event) => set({ handRaiser: event.currentTarget.checked })}
          />
          <Title order={4}>Fields</Title>
          {form.fields.map((field, index) => (
            <FieldEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: the editors are fully controlled (no state of their own), and a field's name changes as it is typed
              key={index}
              field={field}
              index={index}
              count={form.fields.length}
              targets={targets}
              onChange={(next) => setField(index, next)}
              onMove={(by) => move(index, by)}
              onRemove={() => set({ fields: form.fields.filter((_, i) => i !== index) })}
            />
          ))}
          <Group>
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={addField}>
              Add field
            </Button>
            <NumberInput
              label="Next-best questions for known visitors"
              w={280}
              min={0}
              max={20}
              value={form.progressiveLimit}
              onChange={(value) => set({ progressiveLimit: Number(value) || 0 })}
            />
            <TextInput
              label="Button"
              value={form.submitLabel}
              onChange={(event) => set({ submitLabel: event.currentTarget.value })}
            />
          </Group>
          <Card withBorder>
            <Stack gap="xs">
              <Checkbox
                label="Ask for consent"
                checked={form.consent !== null}
                onChange={(event) =>
                  set({
                    consent: event.currentTarget.checked
                      ? { text: 'I agree to receive emails about products and events.', required: true }
                      : null,
                  })
                }
              />
              {form.consent && (
                <>
                  <Textarea
                    label="Consent wording (stored on the contact with the time it was given)"
                    value={form.consent.text}
                    onChange={(event) => set({ consent: { ...form.consent!, text: event.currentTarget.value } })}
                  />
                  <Checkbox
                    label="Required to submit"
                    checked={form.consent.required}
                    onChange={(event) => set({ consent: { ...form.consent!, required: event.currentTarget.checked } })}
                  />
                </>
              )}
            </Stack>
          </Card>
          <Card withBorder>
            <Stack gap="xs">
              <Text fw={600}>After submitting</Text>
              <SegmentedControl
                value={form.success.type}
                onChange={(type) =>
                  set({
                    success:
                      type === 'redirect'
                        ? { type, url: 'https://' }
                        : type === 'offer'
                          ? { type, assetId: '', message: 'Thank you! Your download is ready.' }
                          : { type: 'message', message: 'Thank you! We will be in touch.' },
                  })
                }
                data={[
                  { value: 'message', label: 'Show a message' },
                  { value: 'redirect', label: 'Go to a page' },
                  { value: 'offer', label: 'Deliver a content offer' },
                ]}
              />
              {form.success.type === 'message' && (
                <Textarea
                  label="Message"
                  value={form.success.message}
                  onChange={(event) => set({ success: { type: 'message', message: event.currentTarget.value } })}
                />
              )}
              {form.success.type === 'redirect' && (
                <TextInput
                  label="Page address (http or https)"
                  value={form.success.url}
                  onChange={(event) => set({ success: { type: 'redirect', url: event.currentTarget.value } })}
                />
              )}
              {form.success.type === 'offer' && (
                <Select
                  label="Content offer"
                  description="The thank-you answer carries a signed, expiring download link"
                  placeholder={
                    offers.data?.length === 0 ? 'Upload an offer under Content offers first' : 'Choose an offer'
                  }
                  data={(offers.data ?? []).map((offer) => ({
                    value: offer.id,
                    label: `${offer.title} (${offer.kind})`,
                  }))}
                  value={form.success.assetId || null}
                  searchable
                  onChange={(assetId) =>
                    set({
                      success: { ...(form.success as { type: 'offer'; assetId: string }), assetId: assetId ?? '' },
                    })
                  }
                />
              )}
            </Stack>
          </Card>
          <Card withBorder>
            <Stack gap="xs">
              <Text fw={600}>Spam and notifications</Text>
              <Group align="start">
                <NumberInput
                  label="Minimum fill time (seconds)"
                  min={0}
                  max={600}
                  value={form.spam.minFillSeconds}
                  onChange={(value) => set({ spam: { ...form.spam, minFillSeconds: Number(value) || 0 } })}
                />
                <Textarea
                  label="Blocked email domains, one per line"
                  style={{ flex: 1 }}
                  autosize
                  minRows={2}
                  value={form.spam.blockedDomains.join('\n')}
                  onChange={(event) =>
                    set({ spam: { ...form.spam, blockedDomains: event.currentTarget.value.split('\n') } })
                  }
                />
              </Group>
              <MultiSelect
                label="Email each submission to"
                placeholder="Nobody"
                searchable
                data={(users.data ?? []).filter((u) => !u.disabledAt).map((u) => ({ value: u.id, label: u.name }))}
                value={form.notifyUserIds}
                onChange={(notifyUserIds) => set({ notifyUserIds })}
              />
            </Stack>
          </Card>
          {problems.length > 0 && (
            <Alert color="red" title="The form was not saved">
              {problems.map((problem) => (
                <Text key={problem} size="sm">
                  {problem}
                </Text>
              ))}
            </Alert>
          )}
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              Save form
            </Button>
            <Button variant="subtle" onClick={() => navigate('/forms/list')}>
              Back to forms
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack>
          {existing.data && (
            <Card withBorder>
              <Stack gap="xs">
                <Text fw={600}>Embed</Text>
                <Code block>{existing.data.embed.snippet}</Code>
                <Group>
                  <CopyButton value={existing.data.embed.snippet}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="light" onClick={copy}>
                        {copied ? 'Copied' : 'Copy snippet'}
                      </Button>
                    )}
                  </CopyButton>
                  <Button size="xs" variant="subtle" component="a" href={existing.data.embed.hostedUrl} target="_blank">
                    Open hosted page
                  </Button>
                </Group>
                {existing.data.status !== 'published' && (
                  <Text size="xs" c="orange">
                    Publish the form for the snippet and the hosted page to show it.
                  </Text>
                )}
              </Stack>
            </Card>
          )}
          <Card withBorder>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>Preview</Text>
              <Select
                size="xs"
                aria-label="Preview as"
                value={previewKnown ? 'known' : 'new'}
                allowDeselect={false}
                onChange={(value) => setPreviewKnown(value === 'known')}
                data={[
                  { value: 'new', label: 'A new visitor' },
                  { value: 'known', label: 'A known visitor' },
                ]}
              />
            </Group>
            {preview.isError ? (
              <Text size="sm" c="dimmed">
                The preview appears once the form is valid: {errorMessage(preview.error)}
              </Text>
            ) : (
              <iframe
                title="Form preview"
                sandbox=""
                style={{ width: '100%', minHeight: 520, border: 0 }}
                srcDoc={`<!doctype html><html><head><style>body{font-family:system-ui,sans-serif;margin:8px}${preview.data?.css ?? ''}</style></head><body>${
                  preview.data?.html ?? ''
                }</body></html>`}
              />
            )}
          </Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
