import { ActionIcon, Badge, Button, Divider, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconBookmarkPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, errorMessage, get } from '../../api/client';
import type { Me, SavedView } from '../../api/types';
import { sameQuery } from './lead-filters';
import { SaveViewModal } from './SaveViewModal';

/** Pick a saved view (yours and the shared ones), save the list as it is now, or delete one of yours. */
export function SavedViewsMenu(props: { me: Me; query: Record<string, string>; onPick(view: SavedView): void }) {
  const queryClient = useQueryClient();
  const [opened, popover] = useDisclosure(false);
  const [saving, saveModal] = useDisclosure(false);
  const views = useQuery({
    queryKey: ['views', 'contacts'],
    queryFn: () => get<{ items: SavedView[] }>('/api/views?list=contacts'),
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) => del(`/api/views/${view.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['views', 'contacts'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const items = views.data?.items ?? [];
  const current = items.find((view) => sameQuery(view.query, props.query));
  const confirmDelete = (view: SavedView) =>
    modals.openConfirmModal({
      title: `Delete the view “${view.name}”?`,
      children: (
        <Text size="sm">
          {view.shared ? 'It is shared: it disappears for everyone. ' : ''}The leads themselves are not affected.
        </Text>
      ),
      labels: { confirm: 'Delete view', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(view),
    });

  return (
    <>
      <Popover opened={opened} onChange={popover.toggle} position="bottom-end" width={280} withinPortal shadow="md">
        <Popover.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            onClick={popover.toggle}
            aria-expanded={opened}
            maw={240}
          >
            <Text inherit truncate>
              {current ? current.name : 'Views'}
            </Text>
          </Button>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Stack gap={2}>
            {items.length === 0 && (
              <Text size="sm" c="dimmed" p="xs">
                No saved views yet. Filter the list, then save it to come back to it in one click.
              </Text>
            )}
            {items.map((view) => (
              <Group key={view.id} gap={4} wrap="nowrap">
                <UnstyledButton
                  onClick={() => {
                    props.onPick(view);
                    popover.close();
                  }}
                  px="xs"
                  py={6}
                  style={{ flex: 1, minWidth: 0, borderRadius: 6 }}
                  bg={view.id === current?.id ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" truncate>
                      {view.name}
                    </Text>
                    {view.shared && (
                      <Badge size="xs" variant="light" color="gray">
                        shared
                      </Badge>
                    )}
                  </Group>
                </UnstyledButton>
                {view.userId === props.me.user?.id && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Delete view ${view.name}`}
                    onClick={() => {
                      popover.close();
                      confirmDelete(view);
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {props.me.user && (
              <>
                <Divider my={4} />
                <Button
                  variant="subtle"
                  justify="flex-start"
                  leftSection={<IconBookmarkPlus size={16} />}
                  onClick={() => {
                    popover.close();
                    saveModal.open();
                  }}
                >
                  Save view…
                </Button>
              </>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <SaveViewModal opened={saving} onClose={saveModal.close} query={props.query} />
    </>
  );
}
