import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage, get, post } from '../../api/client';
import { type ApiKey, type Role, roleLabels } from '../../api/types';
import { SecretReveal } from './SecretReveal';

export function ApiKeysSettings() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => get<{ items: ApiKey[] }>('/api/api-keys') });
  const [creating, createModal] = useDisclosure(false);
  const [revealed, setRevealed] = useState<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => del(`/api/api-keys/${key.id}`),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmRevoke = (key: ApiKey) =>
    modals.openConfirmModal({
      title: `Revoke “${key.name}”?`,
      children: <Text size="sm">Anything using this key stops working at once. This cannot be undone.</Text>,
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(key),
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" size="sm" maw={640}>
          <b>Write keys</b> (wk_…) only send events: use them in the website tracker and Segment libraries.{' '}
          <b>Secret keys</b> (sk_…) act on the whole API with a role: keep them on servers.
        </Text>
        <Button leftSection={<IconKey size={16} />} onClick={createModal.open}>
          Create API key
        </Button>
      </Group>
      {revealed && <SecretReveal label="Your new API key" secret={revealed} />}
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      No API keys yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {keys.data?.items.map((key) => (
                <Table.Tr key={key.id} opacity={key.revokedAt ? 0.55 : 1}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {key.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={key.kind === 'write' ? 'teal' : 'grape'}>
                      {key.kind === 'write' ? 'write' : `secret · ${roleLabels[key.role as Role]}`}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {key.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {key.revokedAt
                        ? `revoked ${new Date(key.revokedAt).toLocaleDateString()}`
                        : key.lastUsedAt
                          ? new Date(key.lastUsedAt).toLocaleString()
                          : 'never'}
                    </Text>
                  </Table.Td>
                  <Table.Td align="right">
                    {!key.revokedAt && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(key)}>
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <CreateKeyModal
        opened={creating}
        onClose={createModal.close}
        onCreated={(key) => {
          createModal.close();
          refresh();
          setRevealed(key);
        }}
      />
    </Stack>
  );
}

function CreateKeyModal(props: { opened: boolean; onClose(): void; onCreated(key: string): void }) {
  const form = useForm({ initialValues: { kind: 'write' as 'write' | 'secret', role: 'marketing' as Role, name: '' } });
  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      post<{ key: string }>('/api/api-keys', {
        kind: values.kind,
        name: values.name || undefined,
        ...(values.kind === 'secret' ? { role: values.role } : {}),
      }),
    onSuccess: ({ key }) => {
      form.reset();
      props.onCreated(key);
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Create API key">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack>
          <SegmentedControl
            data={[
              { value: 'write', label: 'Write key (ingest)' },
              { value: 'secret', label: 'Secret key (API)' },
            ]}
            {...form.getInputProps('kind')}
          />
          <TextInput label="Name" placeholder="e.g. Website tracker" {...form.getInputProps('name')} />
          {form.values.kind === 'secret' && (
            <Select
              label="Acts with the role"
              allowDeselect={false}
              data={(Object.keys(roleLabels) as Role[]).map((role) => ({ value: role, label: roleLabels[role] }))}
              {...form.getInputProps('role')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
