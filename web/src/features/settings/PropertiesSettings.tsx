import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Menu,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage } from '../../api/client';
import { usePropertyDefinitions } from '../../api/directory';
import { type PropertyDefinition, type PropertyObject, propertyTypeLabels } from '../../api/types';
import { PropertyFormModal } from './PropertyFormModal';

const objects: { value: PropertyObject; label: string }[] = [
  { value: 'contact', label: 'Leads' },
  { value: 'company', label: 'Companies' },
  { value: 'deal', label: 'Deals' },
];

/** The custom fields of leads, companies and deals: what the forms ask and the list filters by. */
export function PropertiesSettings() {
  const queryClient = useQueryClient();
  const [object, setObject] = useState<PropertyObject>('contact');
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<PropertyDefinition>();
  const properties = usePropertyDefinitions(object);
  const remove = useMutation({
    mutationFn: (property: PropertyDefinition) => del(`/api/properties/${property.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['properties'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmDelete = (property: PropertyDefinition) =>
    modals.openConfirmModal({
      title: `Delete the property “${property.label}”?`,
      children: <Text size="sm">Its value is removed from every record that has one. This cannot be undone.</Text>,
      labels: { confirm: 'Delete property', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(property),
    });
  const rows = properties.data ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          Fields your workspace adds to its records: forms ask for them, imports fill them, and the leads list filters
          by them.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
          New property
        </Button>
      </Group>
      <SegmentedControl
        data={objects}
        value={object}
        onChange={(value) => setObject(value as PropertyObject)}
        w="fit-content"
        aria-label="Properties of"
      />
      {properties.isSuccess && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No custom properties on {objects.find((candidate) => candidate.value === object)?.label.toLowerCase()} yet.
        </Text>
      )}
      {rows.length > 0 && (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Property</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Options</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((property) => (
                  <Table.Tr key={property.id}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={500}>
                          {property.label}
                        </Text>
                        {property.required && (
                          <Badge size="xs" variant="light">
                            required
                          </Badge>
                        )}
                      </Group>
                      <Code fz="xs">{property.key}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{propertyTypeLabels[property.type]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={property.options.length ? undefined : 'dimmed'} lineClamp={2}>
                        {property.options.length ? property.options.join(', ') : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={`Actions for ${property.label}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing(property)}>Edit</Menu.Item>
                          <Menu.Item color="red" onClick={() => confirmDelete(property)}>
                            Delete
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {creating && <PropertyFormModal object={object} onClose={createModal.close} />}
      {editing && (
        <PropertyFormModal object={editing.object} property={editing} onClose={() => setEditing(undefined)} />
      )}
    </Stack>
  );
}
