import { Button, Checkbox, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { errorMessage, get, patch, post } from '../../api/client';
import type { WebhookEndpoint, WebhookFormat } from './types';

type Values = { url: string; description: string; eventTypes: string[]; format: WebhookFormat };

/** Add or edit an endpoint: URL, what it receives, and in which format. */
export function WebhookFormModal(props: {
  opened: boolean;
  endpoint?: WebhookEndpoint;
  onClose(): void;
  onSaved(result: { endpoint: WebhookEndpoint; secret?: string }): void;
}) {
  const eventTypes = useQuery({
    queryKey: ['webhook-event-types'],
    queryFn: () => get<{ items: { type: string; description: string }[] }>('/api/webhook-event-types'),
  });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      url: props.endpoint?.url ?? '',
      description: props.endpoint?.description ?? '',
      eventTypes: props.endpoint?.eventTypes ?? [],
      format: props.endpoint?.format ?? 'baton',
    },
    validate: {
      url: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? null : 'An http:// or https:// URL'),
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      props.endpoint
        ? patch<WebhookEndpoint>(`/api/webhooks/${props.endpoint.id}`, values).then((endpoint) => ({ endpoint }))
        : post<{ endpoint: WebhookEndpoint; secret: string }>('/api/webhooks', values),
    onSuccess: (result) => {
      form.reset();
      props.onSaved(result);
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const all = form.values.eventTypes.includes('*');
  const toggle = (type: string, checked: boolean) =>
    form.setFieldValue(
      'eventTypes',
      checked ? [...form.values.eventTypes, type] : form.values.eventTypes.filter((value) => value !== type),
    );

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.endpoint ? 'Edit webhook' : 'Add webhook'}
      size="lg"
    >
      <form onSubmit={form.onSubmit((values) => save.mutate({ ...values, url: values.url.trim() }))}>
        <Stack>
          <TextInput
            label="Endpoint URL"
            placeholder="https://example.com/baton-webhooks"
            required
            {...form.getInputProps('url')}
          />
          <TextInput label="Description" placeholder="e.g. CRM sync" {...form.getInputProps('description')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Format
            </Text>
            <SegmentedControl
              data={[
                { value: 'baton', label: 'Baton JSON (signed)' },
                { value: 'slack', label: 'Slack message' },
              ]}
              {...form.getInputProps('format')}
            />
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Events
            </Text>
            <Checkbox
              label="All events, including ones added later"
              checked={all}
              onChange={(event) => toggle('*', event.currentTarget.checked)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {eventTypes.data?.items.map((item) => (
                <Checkbox
                  key={item.type}
                  disabled={all}
                  checked={all || form.values.eventTypes.includes(item.type)}
                  onChange={(event) => toggle(item.type, event.currentTarget.checked)}
                  label={
                    <Text size="sm" ff="monospace">
                      {item.type}
                    </Text>
                  }
                  description={item.description}
                />
              ))}
            </SimpleGrid>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {props.endpoint ? 'Save' : 'Add webhook'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
