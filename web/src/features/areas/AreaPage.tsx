import { Card, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleDashed } from '@tabler/icons-react';
import type { Area } from './areas';

/** An area whose capability has not shipped yet says so plainly, and what it will hold. */
export function AreaPage({ area }: { area: Area }) {
  return (
    <Stack maw={720} gap="md">
      <Title order={2}>{area.label}</Title>
      <Text c="dimmed">{area.purpose}</Text>
      <Card withBorder padding="lg">
        <Text fw={600} mb="xs">
          Not available in this version yet
        </Text>
        <Text size="sm" c="dimmed" mb="sm">
          This area arrives with:
        </Text>
        <List
          spacing={6}
          size="sm"
          icon={
            <ThemeIcon size={18} radius="xl" variant="light">
              <IconCircleDashed size={12} />
            </ThemeIcon>
          }
        >
          {area.comingWith.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      </Card>
    </Stack>
  );
}
