import { Alert, Button, Group, Menu, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronDown, IconStairsUp } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, post } from '../../api/client';
import { type Contact, type Stage, stageLabels } from '../../api/types';
import { stageOptions } from './lead-filters';
import { StageBadge } from './StageBadge';
import { useRefreshLead } from './use-refresh-lead';

/** Any stage, forward, back or off the path, with an optional reason kept in the stage history. */
export function ChangeStageMenu({ contact, size }: { contact: Contact; size?: string }) {
  const refresh = useRefreshLead(contact.id);
  const [target, setTarget] = useState<Stage>();
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: (stage: Stage) =>
      post(`/api/contacts/${contact.id}/stage`, { stage, reason: reason.trim() || undefined }),
    onSuccess: (_, stage) => {
      refresh();
      notifications.show({ color: 'teal', message: `Moved to ${stageLabels[stage]}.` });
      close();
    },
  });
  const close = () => {
    setTarget(undefined);
    setReason('');
    move.reset();
  };

  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            size={size}
            variant="default"
            leftSection={<IconStairsUp size={16} />}
            rightSection={<IconChevronDown size={14} />}
          >
            Change stage
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Move to</Menu.Label>
          {stageOptions.map((option) => (
            <Menu.Item
              key={option.value}
              disabled={option.value === contact.lifecycleStage}
              rightSection={
                option.value === contact.lifecycleStage ? <IconCheck size={14} aria-label="current" /> : null
              }
              onClick={() => setTarget(option.value)}
            >
              {option.label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={target !== undefined} onClose={close} title={target ? `Move to ${stageLabels[target]}` : ''}>
        {target && (
          <Stack>
            <Group gap="xs">
              <StageBadge stage={contact.lifecycleStage} />
              <Text size="sm">→</Text>
              <StageBadge stage={target} />
            </Group>
            <Textarea
              label="Reason"
              description="Optional; kept in the stage history"
              maxLength={1000}
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              data-autofocus
            />
            {move.isError && <Alert color="red">{errorMessage(move.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button loading={move.isPending} onClick={() => move.mutate(target)}>
                Move to {stageLabels[target]}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
