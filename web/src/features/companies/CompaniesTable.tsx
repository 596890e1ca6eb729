import { Anchor, Card, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { formatNumber } from '../../api/format';
import type { Company } from '../../api/types';

/** Name and contacts always; the rest steps aside as the screen narrows. */
export function CompaniesTable({ rows, dimmed }: { rows: Company[]; dimmed: boolean }) {
  const navigate = useNavigate();
  return (
    <Card withBorder padding={0} opacity={dimmed ? 0.6 : 1}>
      <Table verticalSpacing="sm" highlightOnHover layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Company</Table.Th>
            <Table.Th visibleFrom="md" w={160}>
              Industry
            </Table.Th>
            <Table.Th visibleFrom="sm" w={110}>
              Employees
            </Table.Th>
            <Table.Th w={90}>Contacts</Table.Th>
            <Table.Th visibleFrom="xs" w={100}>
              Open deals
            </Table.Th>
            <Table.Th visibleFrom="md" w={160}>
              Owner
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((company) => (
            <Table.Tr
              key={company.id}
              onClick={() => navigate(`/companies/${company.id}`)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/companies/${company.id}`}
                  size="sm"
                  fw={500}
                  c="inherit"
                  display="block"
                  truncate
                  onClick={(event) => event.stopPropagation()}
                >
                  {company.name}
                </Anchor>
                {company.domain && (
                  <Text size="xs" c="dimmed" truncate>
                    {company.domain}
                  </Text>
                )}
              </Table.Td>
              <Table.Td visibleFrom="md">
                <Text size="sm" truncate>
                  {company.industry ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm">{company.employees === null ? '—' : formatNumber(company.employees)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatNumber(company.contacts)}</Text>
              </Table.Td>
              <Table.Td visibleFrom="xs">
                <Text size="sm">{formatNumber(company.openDeals)}</Text>
              </Table.Td>
              <Table.Td visibleFrom="md">
                <Text size="sm" c={company.ownerName ? undefined : 'dimmed'} truncate>
                  {company.ownerName ?? 'Unassigned'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
