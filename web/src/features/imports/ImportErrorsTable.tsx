import { Anchor, Badge, Card, Group, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type { ImportError, ImportPhase } from './api';

const codeLabels: Record<ImportError['code'], { label: string; color: string }> = {
  invalid: { label: 'invalid', color: 'red' },
  duplicate: { label: 'duplicate', color: 'orange' },
  conflict: { label: 'conflict', color: 'grape' },
  failed: { label: 'not saved', color: 'red' },
  not_imported: { label: 'not imported', color: 'gray' },
};

/** The first 100 row errors of a phase, and the full report as a CSV download. */
export function ImportErrorsTable({
  importId,
  phase,
  failedRows,
}: {
  importId: string;
  phase: ImportPhase;
  failedRows: number;
}) {
  const errors = useQuery({
    queryKey: ['imports', importId, 'errors', phase],
    queryFn: () =>
      get<{ items: ImportError[]; failedRows: number }>(`/api/imports/${importId}/errors?phase=${phase}&limit=100`),
    enabled: failedRows > 0,
  });
  if (failedRows === 0) return null;
  const items = errors.data?.items ?? [];
  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="sm">
        <Text size="sm" fw={500}>
          {failedRows.toLocaleString()} {failedRows === 1 ? 'row' : 'rows'} with problems
          {items.length > 0 && errors.data && errors.data.failedRows > new Set(items.map((item) => item.row)).size
            ? ` (the first ${new Set(items.map((item) => item.row)).size} below)`
            : ''}
        </Text>
        <Anchor href={`/api/imports/${importId}/errors.csv?phase=${phase}`} size="sm" download>
          <Group gap={4}>
            <IconDownload size={14} />
            Download the full report (CSV)
          </Group>
        </Anchor>
      </Group>
      <Table.ScrollContainer minWidth={640} mah={420}>
        <Table striped verticalSpacing={6} fz="sm" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Row</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={`${item.row}|${item.column}|${item.reason}`}>
                <Table.Td>{item.row}</Table.Td>
                <Table.Td>{item.column ?? '—'}</Table.Td>
                <Table.Td maw={220}>
                  <Text size="sm" truncate="end" ff="monospace">
                    {item.value || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge size="xs" variant="light" color={codeLabels[item.code].color} style={{ flexShrink: 0 }}>
                      {codeLabels[item.code].label}
                    </Badge>
                    <Text size="sm">{item.reason}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
