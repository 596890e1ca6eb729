import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, get, patch, post } from '../../api/client';
import { type Me, type Role, roleLabels, type User } from '../../api/types';
import { SecretReveal } from './SecretReveal';

const roleOptions = (Object.keys(roleLabels) as Role[]).map((role) => ({ value: role, label: roleLabels[role] }));

export function UsersSettings({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => get<{ items: User[] }>('/api/users') });
  const [adding, addModal] = useDisclosure(false);
  const [revealed, setRevealed] = useState<{ label: string; secret: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const update = useMutation({
    mutationFn: ({ id, ...changes }: { id: string; role?: Role; disabled?: boolean }) =>
      patch(`/api/users/${id}`, changes),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const resetPassword = useMutation({
    mutationFn: (user: User) =>
      post<{ password: string }>(`/api/users/${user.id}/reset-password`).then((result) => ({ user, ...result })),
    onSuccess: ({ user, password }) => setRevealed({ label: `New password for ${user.email}`, secret: password }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Roles decide what each person can see and change.
        </Text>
        <Button leftSection={<IconUserPlus size={16} />} onClick={addModal.open}>
          Add user
        </Button>
      </Group>
      {revealed && <SecretReveal label={revealed.label} secret={revealed.secret} />}
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.items.map((user) => (
                <Table.Tr key={user.id} opacity={user.disabledAt ? 0.55 : 1}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {user.name}{' '}
                      {user.disabledAt && (
                        <Badge color="gray" size="xs">
                          disabled
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Role of ${user.name}`}
                      size="xs"
                      w={160}
                      data={roleOptions}
                      value={user.role}
                      allowDeselect={false}
                      onChange={(role) => role && update.mutate({ id: user.id, role: role as Role })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : 'never'}
                    </Text>
                  </Table.Td>
                  <Table.Td align="right">
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`Actions for ${user.name}`}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => resetPassword.mutate(user)}>Reset password</Menu.Item>
                        {user.id !== me.user?.id && (
                          <Menu.Item
                            color={user.disabledAt ? undefined : 'red'}
                            onClick={() => update.mutate({ id: user.id, disabled: !user.disabledAt })}
                          >
                            {user.disabledAt ? 'Enable' : 'Disable'}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <AddUserModal
        opened={adding}
        onClose={addModal.close}
        onCreated={(user, password) => {
          addModal.close();
          refresh();
          setRevealed({ label: `Password for ${user.email}`, secret: password });
        }}
      />
    </Stack>
  );
}

function AddUserModal(props: { opened: boolean; onClose(): void; onCreated(user: User, password: string): void }) {
  const form = useForm({
    initialValues: { name: '', email: '', role: 'sales_rep' as Role },
    validate: { email: (value) => (/^\S+@\S+\.\S+$/.test(value) ? null : 'Enter an email address') },
  });
  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      post<{ user: User; password: string }>('/api/users', { ...values, name: values.name || undefined }),
    onSuccess: ({ user, password }) => {
      form.reset();
      props.onCreated(user, password);
    },
    onError: (error) => form.setErrors({ email: errorMessage(error) }),
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Add user">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack>
          <TextInput label="Name" {...form.getInputProps('name')} />
          <TextInput label="Email" required {...form.getInputProps('email')} />
          <Select label="Role" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
          <Text size="xs" c="dimmed">
            A password is generated and shown once; pass it on securely.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
