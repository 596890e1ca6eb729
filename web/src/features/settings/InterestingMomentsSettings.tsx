import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, get, put } from '../../api/client';

type MomentSettings = {
  handRaiserForms: boolean;
  otherForms: boolean;
  downloads: boolean;
  emailClicks: boolean;
  keyPages: { contains: string; label: string }[];
  returnAfterDays: number | null;
};

const kinds: {
  key: 'handRaiserForms' | 'otherForms' | 'downloads' | 'emailClicks';
  label: string;
  description: string;
}[] = [
  {
    key: 'handRaiserForms',
    label: 'Requests to sales',
    description: 'Hand-raiser forms, and any form where the lead wrote in their own words.',
  },
  { key: 'otherForms', label: 'Other forms', description: 'Newsletter sign-ups, event registrations, …' },
  { key: 'downloads', label: 'Content downloads', description: 'Named by title and kind: “the white paper “…””.' },
  { key: 'emailClicks', label: 'Email clicks', description: 'A click through from one of your emails.' },
];

/**
 * Which activities the lead record calls out as interesting moments (Marketo-style): marketing
 * chooses, sales reads them before every call.
 */
export function InterestingMomentsSettings() {
  const queryClient = useQueryClient();
  const saved = useQuery({
    queryKey: ['interesting-moments'],
    queryFn: () => get<MomentSettings>('/api/interesting-moments'),
  });
  const [draft, setDraft] = useState<MomentSettings>();
  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);
  const save = useMutation({
    mutationFn: (settings: MomentSettings) =>
      put<MomentSettings>('/api/interesting-moments', {
        ...settings,
        keyPages: settings.keyPages.filter((page) => page.contains.trim() || page.label.trim()),
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(['interesting-moments'], result);
      queryClient.invalidateQueries({ queryKey: ['contact'] });
      notifications.show({ color: 'green', message: 'Interesting moments saved.' });
    },
  });
  if (!draft) return null;
  const change = (patch: Partial<MomentSettings>) => setDraft({ ...draft, ...patch });
  const setPage = (index: number, patch: Partial<MomentSettings['keyPages'][number]>) =>
    change({ keyPages: draft.keyPages.map((page, at) => (at === index ? { ...page, ...patch } : page)) });

  return (
    <Card withBorder padding="lg" aria-label="Interesting moments settings">
      <Stack gap="md">
        <div>
          <Title order={4}>Interesting moments</Title>
          <Text size="sm" c="dimmed">
            The few things a lead did that a rep should know before calling, shown at the top of every lead record.
          </Text>
        </div>
        <Stack gap="xs">
          {kinds.map((kind) => (
            <Checkbox
              key={kind.key}
              label={kind.label}
              description={kind.description}
              checked={draft[kind.key]}
              onChange={(event) => change({ [kind.key]: event.currentTarget.checked })}
            />
          ))}
        </Stack>
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            Key pages
          </Text>
          <Text size="xs" c="dimmed">
            A visit to a page whose address contains this text (once a day per page).
          </Text>
          {draft.keyPages.map((page, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their text is not unique while typed
            <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={index === 0 ? 'Address contains' : undefined}
                aria-label={`Key page ${index + 1}: address contains`}
                placeholder="/pricing"
                value={page.contains}
                onChange={(event) => setPage(index, { contains: event.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <TextInput
                label={index === 0 ? 'Called' : undefined}
                aria-label={`Key page ${index + 1}: called`}
                placeholder="the pricing page"
                value={page.label}
                onChange={(event) => setPage(index, { label: event.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove key page ${index + 1}`}
                onClick={() => change({ keyPages: draft.keyPages.filter((_, at) => at !== index) })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              disabled={draft.keyPages.length >= 20}
              onClick={() => change({ keyPages: [...draft.keyPages, { contains: '', label: '' }] })}
            >
              Add a key page
            </Button>
          </Group>
        </Stack>
        <Group gap="md" align="flex-end">
          <Switch
            label="Returns after a silence"
            checked={draft.returnAfterDays !== null}
            onChange={(event) => change({ returnAfterDays: event.currentTarget.checked ? 14 : null })}
          />
          {draft.returnAfterDays !== null && (
            <NumberInput
              label="Days without activity"
              min={1}
              max={365}
              w={180}
              value={draft.returnAfterDays}
              onChange={(value) => change({ returnAfterDays: typeof value === 'number' ? value : 14 })}
            />
          )}
        </Group>
        {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
        <Group>
          <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
            Save moments
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
