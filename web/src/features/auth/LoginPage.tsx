import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage, post } from '../../api/client';
import type { Me } from '../../api/types';
import { Logo } from '../../app/Logo';

export function LoginPage() {
  const queryClient = useQueryClient();
  const [needsWorkspace, setNeedsWorkspace] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '', workspace: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value) ? null : 'Enter your email address'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });
  const login = useMutation({
    mutationFn: (values: typeof form.values) =>
      post<Me>('/api/auth/login', {
        email: values.email,
        password: values.password,
        ...(values.workspace ? { workspace: values.workspace } : {}),
      }),
    onSuccess: (me) => queryClient.setQueryData(['me'], me),
    onError: (error) => {
      if (error instanceof ApiError && error.details.some((detail) => detail.path === 'workspace')) {
        setNeedsWorkspace(true);
      }
    },
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400} radius="lg">
        <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
          <Stack>
            <Stack gap={4} align="center">
              <Logo size={40} />
              <Title order={2}>Sign in to Baton</Title>
              <Text c="dimmed" size="sm">
                Marketing and sales, one revenue team.
              </Text>
            </Stack>
            {login.isError && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                {errorMessage(login.error)}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            {needsWorkspace && (
              <TextInput
                label="Workspace"
                description="Your email is in several workspaces: which one?"
                {...form.getInputProps('workspace')}
              />
            )}
            <Button type="submit" loading={login.isPending} fullWidth>
              Sign in
            </Button>
            <Text size="xs" c="dimmed" ta="center">
              First start? The admin login was printed in the terminal where Baton started.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
