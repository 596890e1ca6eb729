import { ActionIcon, Button, Group, Menu, Text, Tooltip, useMatches } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconPencil, IconThumbDown, IconTrash, IconTrophy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { del, errorMessage, post } from '../../api/client';
import { can } from '../../api/permissions';
import { type Deal, dealStageLabels, dealStages, type Me } from '../../api/types';
import { CloseDealModal } from './CloseDealModal';
import { DealFormModal } from './DealFormModal';

/** Edit; close won or lost while open; reopen at a stage once closed; delete. */
export function DealActions({ deal, me }: { deal: Deal; me: Me }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, editModal] = useDisclosure(false);
  const [closing, setClosing] = useState<'won' | 'lost'>();
  const refresh = (saved?: Deal) => {
    if (saved) queryClient.setQueryData(['deal', saved.id], saved);
    for (const key of ['deals', 'companies', 'company', 'overview']) queryClient.invalidateQueries({ queryKey: [key] });
  };
  const reopen = useMutation({
    mutationFn: (stage: string) => post<Deal>(`/api/deals/${deal.id}/reopen`, { stage }),
    onSuccess: (saved) => {
      refresh(saved);
      notifications.show({ color: 'teal', message: `${saved.name} is open again.` });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: () => del(`/api/deals/${deal.id}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['deal', deal.id] });
      refresh();
      queryClient.invalidateQueries({ queryKey: ['contact'] });
      navigate('/deals');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete ${deal.name}?`,
      children: <Text size="sm">The deal is deleted for good; its contacts and their stages stay as they are.</Text>,
      labels: { confirm: 'Delete deal', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(),
    });
  // On a phone: smaller buttons without icons, and the bin alone, keep the actions on one line.
  const phone = useMatches({ base: true, sm: false });
  const size = phone ? 'xs' : 'sm';
  const icon = (node: ReactNode) => (phone ? undefined : node);
  if (!can(me.role, 'workDeals')) return null;

  return (
    <Group gap={6}>
      <Button size={size} variant="default" leftSection={icon(<IconPencil size={16} />)} onClick={editModal.open}>
        Edit
      </Button>
      {deal.status === 'open' ? (
        <>
          <Button
            size={size}
            color="green"
            leftSection={icon(<IconTrophy size={16} />)}
            onClick={() => setClosing('won')}
          >
            Close won
          </Button>
          <Button
            size={size}
            color="red"
            variant="light"
            leftSection={icon(<IconThumbDown size={16} />)}
            onClick={() => setClosing('lost')}
          >
            Close lost
          </Button>
        </>
      ) : (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              size={size}
              variant="default"
              leftSection={icon(<IconArrowBackUp size={16} />)}
              loading={reopen.isPending}
            >
              Reopen
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Reopen at</Menu.Label>
            {dealStages.map((stage) => (
              <Menu.Item key={stage} onClick={() => reopen.mutate(stage)}>
                {dealStageLabels[stage]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {can(me.role, 'deleteDeals') &&
        (phone ? (
          <Tooltip label="Delete deal">
            <ActionIcon
              variant="subtle"
              color="red"
              size={30}
              aria-label="Delete deal"
              onClick={confirmDelete}
              loading={remove.isPending}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={confirmDelete}
            loading={remove.isPending}
          >
            Delete
          </Button>
        ))}
      {editing && <DealFormModal deal={deal} onClose={editModal.close} />}
      {closing && <CloseDealModal deal={deal} outcome={closing} onClose={() => setClosing(undefined)} />}
    </Group>
  );
}
