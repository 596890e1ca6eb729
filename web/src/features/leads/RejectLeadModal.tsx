import {
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, get, post } from '../../api/client';
import type { LeadRef, RejectionOutcome, RejectionReason } from '../../api/types';
import { contactName } from './contact-name';
import { useRefreshLead } from './use-refresh-lead';

const outcomeWords: Record<RejectionOutcome, string> = {
  recycle: 'recycled to marketing’s nurture',
  disqualify: 'disqualified',
};

/**
 * Sales turns the lead back with a reason from the workspace's taxonomy: the reason picks its usual
 * outcome (recycle or disqualify), which the rep may still change. Reports read these reasons.
 */
export function RejectLeadModal(props: { contact: LeadRef; opened: boolean; onClose(): void }) {
  const refresh = useRefreshLead(props.contact.id);
  const reasons = useQuery({
    queryKey: ['rejection-reasons'],
    queryFn: () => get<{ items: RejectionReason[] }>('/api/rejection-reasons'),
    enabled: props.opened,
  });
  const [code, setCode] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RejectionOutcome>('recycle');
  const [note, setNote] = useState('');
  const active = reasons.data?.items.filter((reason) => !reason.archived) ?? [];
  const reject = useMutation({
    mutationFn: () =>
      post<{ outcome: RejectionOutcome }>(`/api/contacts/${props.contact.id}/reject`, {
        reason: code,
        note: note.trim() || undefined,
        outcome,
      }),
    onSuccess: (result) => {
      refresh();
      notifications.show({
        color: 'teal',
        message: `${contactName(props.contact)} was ${outcomeWords[result.outcome]}.`,
      });
      close();
    },
  });
  const close = () => {
    setCode(null);
    setOutcome('recycle');
    setNote('');
    reject.reset();
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title={`Reject ${contactName(props.contact)}`} size="lg">
      <Stack>
        {reasons.isPending && <Skeleton h={160} />}
        {reasons.isError && <Alert color="red">{errorMessage(reasons.error)}</Alert>}
        {active.length > 0 && (
          <Radio.Group
            label="Why?"
            description="Marketing reads these reasons to tune scoring and campaigns."
            value={code}
            onChange={(next) => {
              setCode(next);
              const reason = active.find((candidate) => candidate.code === next);
              if (reason) setOutcome(reason.defaultOutcome);
            }}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
              {active.map((reason) => (
                <Radio key={reason.code} value={reason.code} label={reason.label} />
              ))}
            </SimpleGrid>
          </Radio.Group>
        )}
        <div>
          <Text size="sm" fw={500} mb={4}>
            Then
          </Text>
          <SegmentedControl
            fullWidth
            value={outcome}
            onChange={(value) => setOutcome(value as RejectionOutcome)}
            data={[
              { value: 'recycle', label: 'Recycle to nurture' },
              { value: 'disqualify', label: 'Disqualify' },
            ]}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {outcome === 'recycle'
              ? 'Marketing keeps nurturing the lead; it can come back as an MQL later.'
              : 'The lead leaves the funnel: not someone to sell to.'}
          </Text>
        </div>
        <Textarea
          label="Note"
          description="Optional: what you learned, in your words"
          maxLength={2000}
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {reject.isError && <Alert color="red">{errorMessage(reject.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" disabled={!code} loading={reject.isPending} onClick={() => reject.mutate()}>
            Reject lead
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
