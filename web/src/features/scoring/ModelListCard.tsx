import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * The frame of one list in the scoring model (fit criteria, disqualify rules, engagement rules):
 * title and explanation, an add button for editors, the table or a line saying the list is empty,
 * and the row's edit modal when one is open.
 */
export function ModelListCard(props: {
  title: string;
  description: ReactNode;
  addLabel: string;
  editable: boolean;
  onAdd(): void;
  /** Shown instead of the table when the list has no rows. */
  empty: string | null;
  table: ReactNode;
  modal: ReactNode;
}) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div style={{ flex: '1 1 260px' }}>
            <Title order={4}>{props.title}</Title>
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          </div>
          {props.editable && (
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={props.onAdd}>
              {props.addLabel}
            </Button>
          )}
        </Group>
        {props.empty === null ? (
          props.table
        ) : (
          <Text size="sm" c="dimmed">
            {props.empty}
          </Text>
        )}
      </Stack>
      {props.modal}
    </Card>
  );
}
