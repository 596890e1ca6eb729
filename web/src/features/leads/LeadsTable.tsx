import { Anchor, Badge, Card, Group, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { formatNumber } from '../../api/format';
import { type ContactSummary, channelLabel } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';
import { gradeColors } from '../scoring/api';
import { contactName, hasName } from './contact-name';
import { StageBadge } from './StageBadge';

/** Secondary columns step aside on narrow screens; name and stage always stay. */
export function LeadsTable({
  rows,
  dimmed,
  withCompany = true,
}: {
  rows: (ContactSummary & { personaName?: string | null })[];
  dimmed: boolean;
  /** Off on a company's own page, where every row would repeat it. */
  withCompany?: boolean;
}) {
  const navigate = useNavigate();
  return (
    <Card withBorder padding={0} opacity={dimmed ? 0.6 : 1}>
      {/* A fixed layout, so a long name or email truncates instead of widening the table past a phone's screen. */}
      <Table verticalSpacing="sm" highlightOnHover layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            {withCompany && <Table.Th visibleFrom="sm">Company</Table.Th>}
            <Table.Th w={130}>Stage</Table.Th>
            <Table.Th visibleFrom="md" w={110}>
              Score
            </Table.Th>
            <Table.Th visibleFrom="lg" w={130}>
              Source
            </Table.Th>
            <Table.Th visibleFrom="md" w={160}>
              Owner
            </Table.Th>
            <Table.Th visibleFrom="xs" w={120}>
              Last activity
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((contact) => (
            <Table.Tr key={contact.id} onClick={() => navigate(`/leads/${contact.id}`)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                {/* A real link too, for the keyboard, middle-click and screen readers. */}
                <Anchor
                  component={Link}
                  to={`/leads/${contact.id}`}
                  size="sm"
                  fw={500}
                  c="inherit"
                  display="block"
                  truncate
                  onClick={(event) => event.stopPropagation()}
                >
                  {contactName(contact)}
                </Anchor>
                {hasName(contact) && contact.email && (
                  <Text size="xs" c="dimmed" truncate>
                    {contact.email}
                  </Text>
                )}
              </Table.Td>
              {withCompany && (
                <Table.Td visibleFrom="sm">
                  {contact.companyId && contact.companyName ? (
                    <Anchor
                      component={Link}
                      to={`/companies/${contact.companyId}`}
                      size="sm"
                      c="inherit"
                      display="block"
                      truncate
                      onClick={(event) => event.stopPropagation()}
                    >
                      {contact.companyName}
                    </Anchor>
                  ) : (
                    <Text size="sm" truncate>
                      {contact.companyName ?? '—'}
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td>
                <StageBadge stage={contact.lifecycleStage} />
              </Table.Td>
              <Table.Td visibleFrom="md">
                <Group gap={6} wrap="nowrap">
                  <Badge
                    size="sm"
                    variant="light"
                    color={contact.grade ? (gradeColors[contact.grade] ?? 'gray') : 'gray'}
                    aria-label={contact.grade ? `Grade ${contact.grade}` : 'Not graded'}
                  >
                    {contact.grade ?? '–'}
                  </Badge>
                  <Text size="sm">{formatNumber(contact.score)}</Text>
                </Group>
                {contact.personaName && (
                  <Text size="xs" c="dimmed" truncate>
                    {contact.personaName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td visibleFrom="lg">
                <Text size="sm">{contact.source ? channelLabel(contact.source) : '—'}</Text>
              </Table.Td>
              <Table.Td visibleFrom="md">
                <Text size="sm" c={contact.ownerName ? undefined : 'dimmed'} truncate>
                  {contact.ownerName ?? 'Unassigned'}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="xs">
                {contact.lastActivityAt ? (
                  <RelativeTime at={contact.lastActivityAt} />
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
