import { Anchor, Avatar, Badge, Card, Code, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconTrendingDown, IconTrendingUp } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePropertyDefinitions } from '../../api/directory';
import { formatNumber } from '../../api/format';
import { type Contact, channelLabel } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';
import { formatPropertyValue } from '../properties/property-values';
import { useNow } from '../queue/queue-api';
import { SlaCountdown } from '../queue/SlaCountdown';
import { contactName } from './contact-name';
import { StageBadge } from './StageBadge';

const consent: Record<string, { label: string; color: string }> = {
  granted: { label: 'Granted', color: 'teal' },
  denied: { label: 'Denied', color: 'red' },
  unknown: { label: 'Not asked', color: 'gray' },
};

export function LeadHeader({
  contact,
  action,
  toolbar,
}: {
  contact: Contact;
  /** Edit, merge, delete: beside the name. */
  action?: ReactNode;
  /** Working the lead (stage, status, verdict, activity): under the name. */
  toolbar?: ReactNode;
}) {
  const definitions = usePropertyDefinitions('contact');
  const now = useNow();
  const name = contactName(contact);
  const company = contact.company;
  const role = [contact.title, company?.name ?? contact.companyName].filter(Boolean).join(' at ');
  const companyFacts = [
    company?.industry,
    company?.employees ? `${formatNumber(company.employees)} employees` : null,
  ].filter(Boolean);
  const location = [contact.city, contact.country].filter(Boolean).join(', ');
  const position = [contact.seniority, contact.department].filter(Boolean).join(' · ');

  return (
    <Card withBorder padding="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="md">
          <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 280px' }}>
            <Avatar size={48} radius="xl" color="blue" name={name} />
            <div style={{ minWidth: 0 }}>
              <Group gap="xs" align="center">
                <Title order={2} style={{ overflowWrap: 'anywhere' }}>
                  {name}
                </Title>
                <StageBadge stage={contact.lifecycleStage} size="lg" />
                {contact.personaName && (
                  <Badge size="lg" variant="outline" color="gray" tt="none">
                    {contact.personaName}
                  </Badge>
                )}
                {contact.openSla && <SlaCountdown clock={contact.openSla} now={now} size="lg" prefix="SLA " />}
              </Group>
              {role && <Text c="dimmed">{role}</Text>}
            </div>
          </Group>
          {action}
        </Group>
        {toolbar}
        <Grid gutter="md">
          <Field label="Email" wide>
            {contact.email ? (
              <Anchor href={`mailto:${contact.email}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {contact.email}
              </Anchor>
            ) : null}
          </Field>
          <Field label="Company" wide>
            {company || contact.companyName ? (
              <>
                {company ? (
                  <Anchor component={Link} to={`/companies/${company.id}`} size="sm">
                    {company.name}
                  </Anchor>
                ) : (
                  <Text size="sm">{contact.companyName}</Text>
                )}
                {(company?.domain || companyFacts.length > 0) && (
                  <Text size="xs" c="dimmed">
                    {[company?.domain, ...companyFacts].filter(Boolean).join(' · ')}
                  </Text>
                )}
              </>
            ) : null}
          </Field>
          <Field label="Phone">
            {contact.phone ? (
              <Anchor href={`tel:${contact.phone}`} size="sm">
                {contact.phone}
              </Anchor>
            ) : null}
          </Field>
          <Field label="Owner">{contact.ownerName ? <Text size="sm">{contact.ownerName}</Text> : null}</Field>
          <Field label="Source">{contact.source ? <Text size="sm">{channelLabel(contact.source)}</Text> : null}</Field>
          <Field label="Score and grade">
            <Text size="sm">
              {formatNumber(contact.score)} points · {contact.grade ? `grade ${contact.grade}` : 'not graded'}
            </Text>
            <ScoreTrend now={contact.score} weekAgo={contact.scoreWeekAgo} />
          </Field>
          <Field label="First seen">{contact.firstSeenAt ? <RelativeTime at={contact.firstSeenAt} /> : null}</Field>
          <Field label="Last activity">
            {contact.lastActivityAt ? <RelativeTime at={contact.lastActivityAt} /> : null}
          </Field>
          <Field label="Consent">
            <Badge variant="light" color={consent[contact.consentStatus]?.color ?? 'gray'} tt="none">
              {consent[contact.consentStatus]?.label ?? contact.consentStatus}
            </Badge>
          </Field>
          <Field label="External user id">
            {contact.externalId ? <Code style={{ overflowWrap: 'anywhere' }}>{contact.externalId}</Code> : null}
          </Field>
          {location && (
            <Field label="Location">
              <Text size="sm">{location}</Text>
            </Field>
          )}
          {position && (
            <Field label="Seniority and department">
              <Text size="sm">{position}</Text>
            </Field>
          )}
          {definitions.data?.map((definition) => {
            const value = formatPropertyValue(definition, contact.properties[definition.key]);
            return (
              <Field key={definition.id} label={definition.label}>
                {value === null ? null : (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {value}
                  </Text>
                )}
              </Field>
            );
          })}
        </Grid>
      </Stack>
    </Card>
  );
}

/**
 * A labelled value; an empty one says so quietly instead of vanishing, so the grid keeps its shape.
 * Two to a row on a phone, where `wide` values (an email address, a company) get a row of their own.
 */
function Field({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: wide ? 12 : 6, sm: 6, md: 4 }} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children ?? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      )}
    </Grid.Col>
  );
}

/** The score's move over the last week: up, down, or steady. */
function ScoreTrend({ now, weekAgo }: { now: number; weekAgo: number }) {
  const change = now - weekAgo;
  if (change === 0) {
    return (
      <Text size="xs" c="dimmed">
        steady over 7 days
      </Text>
    );
  }
  const Icon = change > 0 ? IconTrendingUp : IconTrendingDown;
  return (
    <Group gap={4} aria-label={`Score ${change > 0 ? 'up' : 'down'} ${Math.abs(change)} in 7 days`}>
      <Icon size={14} color={`var(--mantine-color-${change > 0 ? 'teal' : 'red'}-6)`} aria-hidden />
      <Text size="xs" c={change > 0 ? 'teal' : 'red'}>
        {change > 0 ? '+' : '−'}
        {formatNumber(Math.abs(change))} in 7 days
      </Text>
    </Group>
  );
}
