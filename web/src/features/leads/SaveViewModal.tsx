import { Alert, Button, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, post } from '../../api/client';
import type { SavedView } from '../../api/types';

/** Saves the list's current filters and sort under a name, for you or for everyone. */
export function SaveViewModal(props: { opened: boolean; onClose(): void; query: Record<string, string> }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: '', shared: false },
    validate: { name: (value) => (value.trim() ? null : 'Give the view a name') },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      post<SavedView>('/api/views', {
        list: 'contacts',
        name: values.name.trim(),
        shared: values.shared,
        query: props.query,
      }),
    onSuccess: (view) => {
      queryClient.invalidateQueries({ queryKey: ['views', 'contacts'] });
      notifications.show({ color: 'teal', message: `Saved the view “${view.name}”.` });
      close();
    },
  });
  const close = () => {
    form.reset();
    save.reset();
    props.onClose();
  };
  const filters = Object.keys(props.query).length;

  return (
    <Modal opened={props.opened} onClose={close} title="Save view">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <Text size="sm" c="dimmed">
            {filters === 0
              ? 'The whole list, in its default order.'
              : 'The list’s filters and sort as they are now; opening the view brings them back.'}
          </Text>
          <TextInput label="Name" placeholder="e.g. My MQLs to call" data-autofocus {...form.getInputProps('name')} />
          <Switch
            label="Share with the workspace"
            description="Everyone sees shared views; only you can change or delete them."
            {...form.getInputProps('shared', { type: 'checkbox' })}
          />
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
