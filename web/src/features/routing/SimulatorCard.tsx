import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  List,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, get, post } from '../../api/client';
import type { ContactPage } from '../../api/types';
import { contactName } from '../leads/contact-name';
import type { Simulation } from './types';

/** “Test this lead”: who would get it now, which rules passed it on and why, and the call brief. */
export function SimulatorCard() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [contactId, setContactId] = useState<string | null>(null);
  const [kind, setKind] = useState<'mql' | 'hand_raiser'>('mql');
  const results = useQuery({
    queryKey: ['contacts', { q, limit: 10 }],
    queryFn: () => get<ContactPage>(`/api/contacts?limit=10&q=${encodeURIComponent(q)}`),
    enabled: q.length > 0,
  });
  const simulate = useMutation({ mutationFn: () => post<Simulation>('/api/routing/simulate', { contactId, kind }) });
  const result = simulate.data;

  return (
    <Card withBorder padding="lg">
      <Title order={4} mb="xs">
        Test this lead
      </Title>
      <Group align="flex-end">
        <Select
          label="Lead"
          placeholder="Search by name or email"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={(results.data?.items ?? []).map((contact) => ({
            value: contact.id,
            label: contact.email ? `${contactName(contact)} · ${contact.email}` : contactName(contact),
          }))}
          value={contactId}
          onChange={setContactId}
          filter={({ options }) => options}
          style={{ flex: 1 }}
        />
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as 'mql' | 'hand_raiser')}
          data={[
            { value: 'mql', label: 'As an MQL' },
            { value: 'hand_raiser', label: 'As a hand-raiser' },
          ]}
        />
        <Button disabled={!contactId} loading={simulate.isPending} onClick={() => simulate.mutate()}>
          Route it
        </Button>
      </Group>
      {simulate.error && (
        <Alert color="red" mt="md">
          {errorMessage(simulate.error)}
        </Alert>
      )}
      {result && (
        <Stack mt="md" gap="sm" aria-label="Routing result">
          {result.decision.outcome === 'assigned' ? (
            <Text>
              <Badge color="green" mr="xs">
                {result.decision.userName}
              </Badge>
              {result.decision.reason}
            </Text>
          ) : (
            <Text>
              <Badge color="orange" mr="xs">
                fallback queue
              </Badge>
              {result.decision.reason}
            </Text>
          )}
          <List size="sm" spacing={2}>
            {result.decision.trace.map((step) => (
              <List.Item key={step.ruleId}>
                <b>{step.rule}</b>: {step.outcome === 'chosen' ? `chosen — ${step.detail}` : step.detail}
              </List.Item>
            ))}
          </List>
          {result.decision.skipped.length > 0 && (
            <Text size="sm" c="dimmed">
              Skipped: {result.decision.skipped.map((skip) => `${skip.name ?? 'someone'} (${skip.why})`).join('; ')}
            </Text>
          )}
          <Text size="sm" fw={500}>
            Call brief
          </Text>
          <Code block>{result.brief.text}</Code>
        </Stack>
      )}
    </Card>
  );
}
