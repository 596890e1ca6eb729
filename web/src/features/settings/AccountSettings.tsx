import { Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { errorMessage, post } from '../../api/client';
import { type Me, roleLabels } from '../../api/types';
import { LeadVisibilitySettings } from './LeadVisibilitySettings';

export function AccountSettings({ me }: { me: Me }) {
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      newPassword: (value) => (value.length >= 10 ? null : 'At least 10 characters'),
      confirm: (value, values) => (value === values.newPassword ? null : 'Passwords do not match'),
    },
  });
  const change = useMutation({
    mutationFn: (values: typeof form.values) =>
      post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'green', message: 'Password changed. Your other sessions were signed out.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Stack maw={480}>
      <Card withBorder padding="lg">
        <Text fw={600}>{me.user?.name}</Text>
        <Text size="sm" c="dimmed">
          {me.user?.email} · {roleLabels[me.role]} · {me.workspace.name}
        </Text>
      </Card>
      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Change password
        </Title>
        <form onSubmit={form.onSubmit((values) => change.mutate(values))}>
          <Stack>
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput label="New password" autoComplete="new-password" {...form.getInputProps('newPassword')} />
            <PasswordInput label="Repeat new password" autoComplete="new-password" {...form.getInputProps('confirm')} />
            <Button type="submit" loading={change.isPending} w="fit-content">
              Change password
            </Button>
          </Stack>
        </form>
      </Card>
      {me.role === 'admin' && <LeadVisibilitySettings />}
    </Stack>
  );
}
