import { Alert, Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, post } from '../../api/client';
import { currencyDigits, formatMoney, fromMinor, toMinor } from '../../api/format';
import type { Deal } from '../../api/types';

/** Won: its contacts become customers, at the final amount. Lost: with the reason, for the loss report. */
export function CloseDealModal(props: { deal: Deal; outcome: 'won' | 'lost'; onClose(): void }) {
  const { deal, outcome } = props;
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState<number | string>(fromMinor(deal.amountMinor, deal.currency));
  const [reason, setReason] = useState('');
  const close = useMutation({
    mutationFn: () =>
      post<Deal>(`/api/deals/${deal.id}/close`, {
        outcome,
        reason: outcome === 'lost' ? reason.trim() || undefined : undefined,
        amountMinor: outcome === 'won' && typeof amount === 'number' ? toMinor(amount, deal.currency) : undefined,
      }),
    onSuccess: (closed) => {
      queryClient.setQueryData(['deal', closed.id], closed);
      for (const key of ['deals', 'contact', 'contacts', 'companies', 'company', 'overview']) {
        queryClient.invalidateQueries({ queryKey: [key] });
      }
      notifications.show({
        color: outcome === 'won' ? 'green' : 'gray',
        message:
          outcome === 'won'
            ? `${closed.name} won · ${formatMoney(closed.amountMinor, closed.currency)}`
            : `${closed.name} closed lost.`,
      });
      props.onClose();
    },
  });

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={outcome === 'won' ? `Close ${deal.name} won` : `Close ${deal.name} lost`}
    >
      <Stack>
        {outcome === 'won' ? (
          <>
            <Text size="sm">
              {deal.contacts.length > 0
                ? 'Its contacts become customers. Change the amount if the final figure differs.'
                : 'Change the amount if the final figure differs.'}
            </Text>
            <NumberInput
              label={`Final amount (${deal.currency})`}
              min={0}
              decimalScale={currencyDigits(deal.currency)}
              thousandSeparator=","
              value={amount}
              onChange={setAmount}
              data-autofocus
            />
          </>
        ) : (
          <TextInput
            label="Why was it lost?"
            description="Kept with the deal; the loss report groups deals by it"
            placeholder="e.g. Went with a competitor"
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
          />
        )}
        {close.isError && <Alert color="red">{errorMessage(close.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button color={outcome === 'won' ? 'green' : 'red'} loading={close.isPending} onClick={() => close.mutate()}>
            {outcome === 'won' ? 'Close won' : 'Close lost'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
