import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, put } from '../../api/client';
import type { RejectionOutcome, RejectionReason } from '../../api/types';
import { snakeKey } from './snake-key';

export const outcomeOptions: { value: RejectionOutcome; label: string }[] = [
  { value: 'recycle', label: 'Recycle to nurture' },
  { value: 'disqualify', label: 'Disqualify' },
];

/** A code no other reason has, so adding never overwrites one (a PUT to an existing code would). */
function freeCode(label: string, taken: string[]): string {
  const base = snakeKey(label, 46) || 'reason';
  let code = base;
  for (let n = 2; taken.includes(code); n++) code = `${base}_${n}`;
  return code;
}

/** Add a reason, or rename one and change what it usually leads to. Past rejections keep their reason. */
export function RejectionReasonModal(props: { reason?: RejectionReason; taken: string[]; onClose(): void }) {
  const { reason } = props;
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      label: reason?.label ?? '',
      defaultOutcome: reason?.defaultOutcome ?? ('recycle' as RejectionOutcome),
    },
    validate: { label: (value) => (value.trim() ? null : 'Name the reason') },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      put<RejectionReason>(`/api/rejection-reasons/${reason?.code ?? freeCode(values.label, props.taken)}`, {
        label: values.label.trim(),
        defaultOutcome: values.defaultOutcome,
        archived: reason?.archived ?? false,
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['rejection-reasons'] });
      props.onClose();
    },
  });
  return (
    <Modal opened onClose={props.onClose} title={reason ? `Edit “${reason.label}”` : 'New rejection reason'}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <TextInput label="Reason" required data-autofocus {...form.getInputProps('label')} />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Usually leads to
            </Text>
            <SegmentedControl fullWidth data={outcomeOptions} {...form.getInputProps('defaultOutcome')} />
            <Text size="xs" c="dimmed" mt={4}>
              Preselected when a rep picks this reason; they can still choose the other.
            </Text>
          </div>
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {reason ? 'Save' : 'Add reason'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
