import { Anchor, Avatar, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePropertyDefinitions } from '../../api/directory';
import { formatNumber } from '../../api/format';
import type { Company } from '../../api/types';
import { webUrl } from '../leads/timeline-entry';
import { formatPropertyValue } from '../properties/property-values';

export function CompanyHeader({ company, action }: { company: Company; action?: ReactNode }) {
  const definitions = usePropertyDefinitions('company');
  // A domain is stored bare; only a well-formed one becomes a link.
  const site = company.domain ? webUrl(`https://${company.domain}`) : null;
  const place = [company.region, company.country].filter(Boolean).join(', ');
  return (
    <Card withBorder padding="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="md">
          <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 280px' }}>
            <Avatar size={48} radius="md" color="grape" name={company.name} />
            <div style={{ minWidth: 0 }}>
              <Title order={2} style={{ overflowWrap: 'anywhere' }}>
                {company.name}
              </Title>
              {site && (
                <Anchor href={site} target="_blank" rel="noopener noreferrer" c="dimmed" size="sm">
                  {company.domain}
                </Anchor>
              )}
            </div>
          </Group>
          {action}
        </Group>
        <Grid gutter="md">
          <Field label="Industry">{company.industry}</Field>
          <Field label="Employees">{company.employees === null ? null : formatNumber(company.employees)}</Field>
          <Field label="Location">{place || null}</Field>
          <Field label="Account owner">{company.ownerName}</Field>
          <Field label="Contacts">{formatNumber(company.contacts)}</Field>
          <Field label="Open deals">{formatNumber(company.openDeals)}</Field>
          {definitions.data?.map((definition) => (
            <Field key={definition.id} label={definition.label}>
              {formatPropertyValue(definition, company.properties[definition.key])}
            </Field>
          ))}
        </Grid>
      </Stack>
    </Card>
  );
}

/** A labelled value, two to a row on a phone; an empty one shows a quiet dash. */
function Field({ label, children }: { label: string; children: string | null }) {
  return (
    <Grid.Col span={{ base: 6, sm: 4, md: 3 }} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" c={children ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </Grid.Col>
  );
}
