import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { IconForms, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { formatRelative } from '../../api/format';
import type { FormSummary } from './types';

const statusColor = { draft: 'gray', published: 'teal', archived: 'dark' } as const;

/** The workspace's forms with how many submissions, failures and spam each has. */
export function FormsList() {
  const forms = useQuery({ queryKey: ['forms'], queryFn: () => get<{ items: FormSummary[] }>('/api/forms') });
  const items = forms.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {items.length} form{items.length === 1 ? '' : 's'}
        </Text>
        <Button component={Link} to="/forms/new" leftSection={<IconPlus size={16} />}>
          New form
        </Button>
      </Group>
      {forms.isSuccess && items.length === 0 ? (
        <Card withBorder p="xl">
          <Stack align="center" gap="xs">
            <IconForms size={32} />
            <Text fw={600}>No forms yet</Text>
            <Text size="sm" c="dimmed">
              Build one, publish it, and paste its two-line snippet into any page.
            </Text>
          </Stack>
        </Card>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Submissions</Table.Th>
              <Table.Th>Failed</Table.Th>
              <Table.Th>Spam</Table.Th>
              <Table.Th>Last submission</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((form) => (
              <Table.Tr key={form.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/forms/${form.id}`}>
                    {form.name}
                  </Anchor>
                  {form.handRaiser && (
                    <Badge ml="xs" size="xs" color="orange">
                      contact sales
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor[form.status]} variant="light">
                    {form.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/forms/submissions?formId=${form.id}`}>
                    {form.submissions}
                  </Anchor>
                </Table.Td>
                <Table.Td c={form.failed > 0 ? 'red' : undefined}>{form.failed}</Table.Td>
                <Table.Td>{form.spamCount}</Table.Td>
                <Table.Td>{form.lastSubmissionAt ? formatRelative(form.lastSubmissionAt) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
