import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  List,
  Menu,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { openerKinds } from '../../../../src/modules/talk-track/write-talk-track';
import { del, errorMessage } from '../../api/client';
import { formatNumber } from '../../api/format';
import { describeCondition } from '../scoring/api';
import { useFieldOptions } from '../scoring/field-options';
import { type Persona, usePersonas } from './api';
import { PersonaFormModal } from './PersonaFormModal';

/** The buyers marketing writes for and sales talks to; each lead is matched to the best-fitting one. */
export function PersonasPanel({ editable }: { editable: boolean }) {
  const queryClient = useQueryClient();
  const personas = usePersonas();
  const fields = useFieldOptions();
  const [editing, setEditing] = useState<{ persona?: Persona }>();
  const remove = useMutation({
    mutationFn: (persona: Persona) => del(`/api/personas/${persona.id}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['personas'] });
      queryClient.invalidateQueries({ queryKey: ['scoring'] });
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmRemove = (persona: Persona) =>
    modals.openConfirmModal({
      title: `Delete ${persona.name}?`,
      children: (
        <Text size="sm">
          {formatNumber(persona.contacts)} {persona.contacts === 1 ? 'contact loses' : 'contacts lose'} this persona and
          are matched again to the others.
        </Text>
      ),
      labels: { confirm: 'Delete persona', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(persona),
    });
  const items = [...(personas.data ?? [])].sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640} style={{ flex: '1 1 280px' }}>
          A lead takes the persona whose conditions it matches (the highest priority first). Sales sees its pains,
          questions and objections on the lead, ready for the call.
        </Text>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
            New persona
          </Button>
        )}
      </Group>
      {personas.isPending && <Skeleton h={200} />}
      {personas.isError && <Alert color="red">{errorMessage(personas.error)}</Alert>}
      {personas.isSuccess && items.length === 0 && (
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed">
            No personas yet.{editable ? ' Describe the buyers you sell to, and Baton matches each lead to one.' : ''}
          </Text>
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {items.map((persona) => (
          <Card key={persona.id} withBorder padding="lg" aria-label={persona.name} component="section">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Title order={4} style={{ overflowWrap: 'anywhere' }}>
                    {persona.name}
                  </Title>
                  <Text size="xs" c="dimmed">
                    {formatNumber(persona.contacts)} {persona.contacts === 1 ? 'contact' : 'contacts'} · priority{' '}
                    {persona.priority}
                  </Text>
                </div>
                {editable && (
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" aria-label={`Actions for ${persona.name}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setEditing({ persona })}>Edit</Menu.Item>
                      <Menu.Item color="red" onClick={() => confirmRemove(persona)}>
                        Delete
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Group>
              {persona.description && (
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {persona.description}
                </Text>
              )}
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {persona.conditions.length
                  ? `Matches leads where ${persona.conditions.map((condition) => describeCondition(condition, fields.label)).join(' and ')}`
                  : 'No conditions yet: matches no lead.'}
              </Text>
              <Points title="Pains" items={persona.pains} />
              <Points title="Discovery questions" items={persona.discoveryQuestions} />
              <Points title="Objections" items={persona.objections} />
              <OwnOpeners persona={persona} />
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {editing && <PersonaFormModal persona={editing.persona} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
}

const openerStories = {
  handRaiser: 'hand-raisers',
  download: 'downloads',
  reading: 'reading',
  noHistory: 'no history',
};

/** Which stories open with marketing's own words rather than the built-in sentence. */
function OwnOpeners({ persona }: { persona: Persona }) {
  const own = openerKinds.filter((kind) => persona.talkTrackTemplates[kind]);
  if (!own.length) return null;
  return (
    <Text size="xs" c="dimmed">
      Own talk track openers: {own.map((kind) => openerStories[kind]).join(', ')}
    </Text>
  );
}

function Points({ title, items }: { title: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <List size="sm" spacing={2}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </div>
  );
}
