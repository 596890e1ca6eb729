import { Table, Text } from '@mantine/core';
import { formatMoney, formatNumber } from '../../api/format';
import type { Outcome, Preview } from './api';

type Row = { label: string; current: number; proposed: number; money?: boolean; indent?: boolean };

function rows(preview: Preview): Row[] {
  const { current, proposed } = preview;
  const count = (label: string, key: keyof Omit<Outcome, 'rejectedByReason'>) => ({
    label,
    current: current[key],
    proposed: proposed[key],
  });
  const reasons = new Map<string, string>();
  for (const item of [...current.rejectedByReason, ...proposed.rejectedByReason]) reasons.set(item.reason, item.label);
  const byReason = (outcome: Outcome, reason: string) =>
    outcome.rejectedByReason.find((item) => item.reason === reason)?.count ?? 0;
  return [
    count('Contacts scored', 'contactsScored'),
    count('MQLs', 'mqls'),
    count('Hand-raisers', 'handRaisers'),
    count('Accepted by sales', 'accepted'),
    count('Rejected by sales', 'rejected'),
    ...[...reasons].map(([reason, label]) => ({
      label,
      current: byReason(current, reason),
      proposed: byReason(proposed, reason),
      indent: true,
    })),
    count('Deals won', 'won'),
    { ...count('Won amount', 'wonAmountMinor'), money: true },
  ];
}

/** What the saved model and the edited one would have done over the same days, and the difference. */
export function PreviewTable({ preview, currency }: { preview: Preview; currency: string }) {
  const show = (row: Row, value: number) => (row.money ? formatMoney(value, currency) : formatNumber(value));
  return (
    <Table verticalSpacing={6} fz="sm" layout="fixed" aria-label="Preview: current and proposed model">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Over the last {preview.days} days</Table.Th>
          <Table.Th ta="right" w="21%">
            Current
          </Table.Th>
          <Table.Th ta="right" w="21%">
            Proposed
          </Table.Th>
          <Table.Th ta="right" w="19%">
            Change
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows(preview).map((row) => {
          const change = row.proposed - row.current;
          return (
            <Table.Tr key={`${row.indent ? 'reason ' : ''}${row.label}`}>
              <Table.Td pl={row.indent ? 'lg' : undefined}>
                <Text size="sm" c={row.indent ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
                  {row.label}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{show(row, row.current)}</Table.Td>
              <Table.Td ta="right">{show(row, row.proposed)}</Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={change ? 600 : undefined} c={change ? (change > 0 ? 'blue' : 'orange') : 'dimmed'}>
                  {change === 0 ? '—' : `${change > 0 ? '+' : '−'}${show(row, Math.abs(change))}`}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
