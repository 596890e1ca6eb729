import { ActionIcon, Menu, Text } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';

/** Edit or remove one row of the model (the change is saved with the model). */
export function RowActions({ name, onEdit, onRemove }: { name: string; onEdit(): void; onRemove(): void }) {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={`Actions for ${name}`}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onEdit}>Edit</Menu.Item>
        <Menu.Item color="red" onClick={onRemove}>
          Remove
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The server's complaints about one row, under it. */
export function RowErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Text size="xs" c="red" role="alert" mt={2}>
      {messages.join('; ')}
    </Text>
  );
}
