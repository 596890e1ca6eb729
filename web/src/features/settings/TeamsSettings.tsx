import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, get, post, put } from '../../api/client';
import type { Me, Team, User } from '../../api/types';

export function TeamsSettings({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => get<{ items: Team[] }>('/api/teams') });
  const users = useQuery({ queryKey: ['users'], queryFn: () => get<{ items: User[] }>('/api/users') });
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Team>();
  const canManage = me.role === 'admin' || me.role === 'sales_manager';
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['teams'] });

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          Teams share leads by weighted round robin. The <b>pilot group</b> (1–5 reps) gets inbound leads first.
        </Text>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            New team
          </Button>
        )}
      </Group>
      {teams.data?.items.length === 0 && (
        <Text c="dimmed" size="sm">
          No teams yet.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {teams.data?.items.map((team) => (
          <Card key={team.id} withBorder padding="lg">
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Text fw={600}>{team.name}</Text>
                {team.kind === 'pilot' && <Badge color="orange">pilot group</Badge>}
              </Group>
              {canManage && (
                <ActionIcon
                  variant="subtle"
                  aria-label={`Edit members of ${team.name}`}
                  onClick={() => setEditing(team)}
                >
                  <IconPencil size={16} />
                </ActionIcon>
              )}
            </Group>
            {team.members.length === 0 ? (
              <Text size="sm" c="dimmed">
                No members.
              </Text>
            ) : (
              <Stack gap={4}>
                {team.members.map((member) => (
                  <Group key={member.userId} justify="space-between">
                    <Text size="sm">{member.name}</Text>
                    <Text size="xs" c="dimmed">
                      weight {member.weight}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Card>
        ))}
      </SimpleGrid>
      <CreateTeamModal
        opened={creating}
        onClose={createModal.close}
        onCreated={() => {
          createModal.close();
          refresh();
        }}
      />
      {editing && (
        <MembersModal
          team={editing}
          users={users.data?.items ?? []}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            refresh();
          }}
        />
      )}
    </Stack>
  );
}

function CreateTeamModal(props: { opened: boolean; onClose(): void; onCreated(): void }) {
  const form = useForm({
    initialValues: { name: '', kind: 'team' as 'team' | 'pilot' },
    validate: { name: (value) => (value.trim() ? null : 'Give the team a name') },
  });
  const create = useMutation({
    mutationFn: (values: typeof form.values) => post('/api/teams', values),
    onSuccess: () => {
      form.reset();
      props.onCreated();
    },
    onError: (error) => form.setErrors({ name: errorMessage(error) }),
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="New team">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack>
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <SegmentedControl
            data={[
              { value: 'team', label: 'Team' },
              { value: 'pilot', label: 'Pilot group' },
            ]}
            {...form.getInputProps('kind')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MembersModal(props: { team: Team; users: User[]; onClose(): void; onSaved(): void }) {
  const [members, setMembers] = useState(props.team.members.map(({ userId, weight }) => ({ userId, weight })));
  useEffect(() => setMembers(props.team.members.map(({ userId, weight }) => ({ userId, weight }))), [props.team]);
  const save = useMutation({
    mutationFn: () => put(`/api/teams/${props.team.id}/members`, { members }),
    onSuccess: props.onSaved,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const nameOf = (id: string) => props.users.find((user) => user.id === id)?.name ?? id;
  return (
    <Modal opened onClose={props.onClose} title={`Members of ${props.team.name}`}>
      <Stack>
        <MultiSelect
          label="Members"
          searchable
          data={props.users.filter((user) => !user.disabledAt).map((user) => ({ value: user.id, label: user.name }))}
          value={members.map((member) => member.userId)}
          onChange={(ids) =>
            setMembers(ids.map((id) => members.find((member) => member.userId === id) ?? { userId: id, weight: 1 }))
          }
        />
        {members.map((member) => (
          <Group key={member.userId} justify="space-between">
            <Text size="sm">{nameOf(member.userId)}</Text>
            <NumberInput
              aria-label={`Round-robin weight of ${nameOf(member.userId)}`}
              w={100}
              min={1}
              max={100}
              value={member.weight}
              onChange={(value) =>
                setMembers(
                  members.map((other) =>
                    other.userId === member.userId ? { ...other, weight: Number(value) || 1 } : other,
                  ),
                )
              }
            />
          </Group>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
