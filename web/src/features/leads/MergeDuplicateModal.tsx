import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  Radio,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, get, post } from '../../api/client';
import type { Contact, ContactPage, ContactSummary } from '../../api/types';
import { contactName, hasName } from './contact-name';
import { StageBadge } from './StageBadge';

/** Pick the duplicate of `survivor`, see what a merge does, and merge it into `survivor`. */
export function MergeDuplicateModal(props: { survivor: Contact; opened: boolean; onClose(): void }) {
  const { survivor } = props;
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<ContactSummary>();
  const [reason, setReason] = useState('');
  const candidates = useQuery({
    queryKey: ['contacts', { q, limit: 8 }],
    queryFn: () => get<ContactPage>(`/api/contacts?limit=8&q=${encodeURIComponent(q)}`),
    enabled: props.opened && q.length > 0,
  });
  const options = candidates.data?.items.filter((contact) => contact.id !== survivor.id) ?? [];
  const merge = useMutation({
    mutationFn: (other: ContactSummary) =>
      post<Contact>(`/api/contacts/${survivor.id}/merge`, { otherId: other.id, reason: reason.trim() || undefined }),
    onSuccess: (merged, other) => {
      queryClient.setQueryData(['contact', survivor.id], merged);
      // The timeline, the merged record (now a pointer), every list and the overview counts all changed.
      queryClient.invalidateQueries({ queryKey: ['contact'] });
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
      queryClient.invalidateQueries({ queryKey: ['overview'] });
      notifications.show({
        color: 'teal',
        title: 'Merged',
        // Duplicates often share a name: the address tells which record went where.
        message: `${other.email ?? contactName(other)} was merged into ${contactName(merged)}.`,
      });
      close();
    },
  });
  const close = () => {
    setSearch('');
    setPicked(undefined);
    setReason('');
    merge.reset();
    props.onClose();
  };
  const other = picked ? contactName(picked) : '';

  return (
    <Modal opened={props.opened} onClose={close} title={`Merge a duplicate into ${contactName(survivor)}`} size="lg">
      <Stack>
        <TextInput
          label="Find the duplicate"
          description="The start of a first or last name, an email address or a company"
          leftSection={<IconSearch size={16} />}
          rightSection={candidates.isFetching ? <Loader size="xs" /> : null}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-autofocus
        />
        {q && candidates.isSuccess && options.length === 0 && (
          <Text size="sm" c="dimmed">
            No other lead matches “{q}”.
          </Text>
        )}
        {candidates.isError && <Alert color="red">{errorMessage(candidates.error)}</Alert>}
        {options.length > 0 && (
          <ScrollArea.Autosize mah={280}>
            <Radio.Group
              value={picked?.id ?? null}
              onChange={(id) => setPicked(options.find((contact) => contact.id === id))}
              aria-label="Duplicate lead"
            >
              <Stack gap="xs">
                {options.map((contact) => (
                  <Radio.Card key={contact.id} value={contact.id} p="sm" radius="md">
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator mt={2} />
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <Text size="sm" fw={500} truncate>
                          {contactName(contact)}
                        </Text>
                        <Text size="xs" c="dimmed" truncate>
                          {[hasName(contact) ? contact.email : null, contact.companyName].filter(Boolean).join(' · ') ||
                            'No email or company'}
                        </Text>
                      </div>
                      <StageBadge stage={contact.lifecycleStage} />
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </Radio.Group>
          </ScrollArea.Autosize>
        )}
        {picked && (
          <Alert color="blue" title={`What merging ${other} does`}>
            <Text size="sm">
              {other}’s activities, touches, stage history, deals and identities move to this record. Empty fields here
              are filled from {other}; the furthest lifecycle stage is kept and the scores are added up. {other} is kept
              as a pointer to this record. A merge cannot be undone.
            </Text>
          </Alert>
        )}
        <Textarea
          label="Reason"
          description="Optional; kept in the merge history"
          placeholder="e.g. Same person: work and personal address"
          maxLength={500}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {merge.isError && (
          <Alert color="red" title="The merge did not happen">
            {errorMessage(merge.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button disabled={!picked} loading={merge.isPending} onClick={() => picked && merge.mutate(picked)}>
            Merge into this record
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
