import { Anchor, Badge, Button, Code, Drawer, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage, get, post } from '../../api/client';
import { formatRelative } from '../../api/format';
import { type FormSummary, type Submission, statusColors } from './types';

const show = (value: string | string[]) => (Array.isArray(value) ? value.join(', ') : value);

/** Submissions (or the spam folder): filter by form and status, open one, retry it, export them. */
export function SubmissionsTab({ spam }: { spam: boolean }) {
  const [params, setParams] = useSearchParams();
  const formId = params.get('formId') ?? '';
  const status = spam ? 'spam' : (params.get('status') ?? '');
  const [open, setOpen] = useState<Submission>();
  const queryClient = useQueryClient();
  const forms = useQuery({ queryKey: ['forms'], queryFn: () => get<{ items: FormSummary[] }>('/api/forms') });
  const query = new URLSearchParams({ limit: '50', ...(formId ? { formId } : {}), ...(status ? { status } : {}) });
  const list = useInfiniteQuery({
    queryKey: ['form-submissions', formId, status],
    queryFn: ({ pageParam }) =>
      get<{ items: Submission[]; nextCursor: string | null }>(
        `/api/form-submissions?${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'not-spam' | 'spam' }) =>
      post<Submission>(`/api/form-submissions/${id}/${action}`),
    onSuccess: (updated) => {
      setOpen(updated);
      queryClient.invalidateQueries({ queryKey: ['form-submissions'] });
      queryClient.invalidateQueries({ queryKey: ['forms'] });
      notifications.show({ color: 'teal', message: 'Queued for processing' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const exportQuery = new URLSearchParams({ ...(formId ? { formId } : {}), ...(status ? { status } : {}) });
  return (
    <Stack>
      <Group align="end">
        <Select
          label="Form"
          placeholder="All forms"
          clearable
          value={formId || null}
          data={(forms.data?.items ?? []).map((form) => ({ value: form.id, label: form.name }))}
          onChange={(value) => setFilter('formId', value)}
        />
        {!spam && (
          <Select
            label="Status"
            placeholder="All but spam"
            clearable
            value={status || null}
            data={[
              { value: 'pending', label: 'Pending' },
              { value: 'processed', label: 'Processed' },
              { value: 'failed', label: 'Failed' },
            ]}
            onChange={(value) => setFilter('status', value)}
          />
        )}
        <Button
          variant="light"
          component="a"
          href={`/api/form-submissions/export.csv?${exportQuery}`}
          leftSection={<IconDownload size={16} />}
        >
          Export CSV
        </Button>
      </Group>
      {spam && (
        <Text size="sm" c="dimmed">
          Submissions caught by the honeypot, the minimum fill time, the per-address rate limit or a blocked domain.
          They are kept here: mark one as not spam and it is processed like any other.
        </Text>
      )}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Received</Table.Th>
            <Table.Th>Form</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>{spam ? 'Why' : 'Source'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const utm = (item.context.utm ?? {}) as Record<string, string>;
            return (
              <Table.Tr key={item.id} onClick={() => setOpen(item)} style={{ cursor: 'pointer' }}>
                <Table.Td>{formatRelative(item.receivedAt)}</Table.Td>
                <Table.Td>{item.formName}</Table.Td>
                <Table.Td>{item.email ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={statusColors[item.status]} variant="light">
                    {item.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {spam ? item.spamReason : [utm.source, utm.medium, utm.campaign].filter(Boolean).join(' / ') || '—'}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {list.isSuccess && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {spam ? 'The spam folder is empty.' : 'No submissions yet.'}
        </Text>
      )}
      {list.hasNextPage && (
        <Button variant="subtle" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          Show more
        </Button>
      )}
      <Drawer opened={Boolean(open)} onClose={() => setOpen(undefined)} position="right" size="lg" title="Submission">
        {open && (
          <Stack gap="sm">
            <Group>
              <Badge color={statusColors[open.status]}>{open.status}</Badge>
              <Text size="sm">
                {open.formName} · {new Date(open.receivedAt).toLocaleString()} · {open.attempts} attempt
                {open.attempts === 1 ? '' : 's'}
              </Text>
            </Group>
            {open.error && (
              <Text size="sm" c="red">
                {open.error}
              </Text>
            )}
            {open.spamReason && <Text size="sm">Spam: {open.spamReason}</Text>}
            {open.contactId && (
              <Anchor component={Link} to={`/leads/${open.contactId}`}>
                Open the lead
              </Anchor>
            )}
            <Table>
              <Table.Tbody>
                {Object.entries(open.values).map(([name, value]) => (
                  <Table.Tr key={name}>
                    <Table.Td fw={600}>{name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{show(value)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text fw={600} size="sm">
              Context
            </Text>
            <Code block>{JSON.stringify(open.context, null, 2)}</Code>
            <Group>
              {(open.status === 'failed' || open.status === 'pending') && (
                <Button onClick={() => act.mutate({ id: open.id, action: 'retry' })} loading={act.isPending}>
                  Retry
                </Button>
              )}
              {open.status === 'spam' && (
                <Button onClick={() => act.mutate({ id: open.id, action: 'not-spam' })} loading={act.isPending}>
                  Not spam
                </Button>
              )}
              {(open.status === 'failed' || open.status === 'pending') && (
                <Button variant="subtle" color="gray" onClick={() => act.mutate({ id: open.id, action: 'spam' })}>
                  Mark as spam
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Drawer>
    </Stack>
  );
}
