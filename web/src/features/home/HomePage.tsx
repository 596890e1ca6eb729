import { BarChart } from '@mantine/charts';
import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconKey, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { formatMoney, formatNumber } from '../../api/format';
import { type Me, type Overview, type Stage, stageLabels } from '../../api/types';

const funnelStages: Stage[] = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'];

const steps = [
  {
    icon: IconUserPlus,
    title: 'Invite your team',
    text: 'Add marketers, sales managers and reps, each with the role that fits their work.',
    to: '/settings/users',
    adminOnly: true,
  },
  {
    icon: IconUsersGroup,
    title: 'Form teams and a pilot group',
    text: 'Start with 1–5 reps who get inbound leads first, and show results before asking everyone to change.',
    to: '/settings/teams',
    adminOnly: false,
  },
  {
    icon: IconKey,
    title: 'Connect your website',
    text: 'Create a write key for the tracker and the Segment-compatible ingest API.',
    to: '/settings/api-keys',
    adminOnly: true,
  },
];

export function HomePage({ me }: { me: Me }) {
  const overview = useQuery({ queryKey: ['overview'], queryFn: () => get<Overview>('/api/overview') });
  const firstName = me.user?.name.split(' ')[0];
  const data = overview.data;
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{firstName ? `Welcome, ${firstName}` : 'Welcome'}</Title>
        <Text c="dimmed">
          {me.workspace.name} · the hand-off from marketing to sales, and the feedback that flows back.
        </Text>
      </div>
      {overview.isPending && <Skeleton h={120} />}
      {data && data.totalContacts > 0 && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label="Contacts" value={formatNumber(data.totalContacts)} />
            <Stat label="MQLs, last 30 days" value={formatNumber(data.last30Days.mqls)} />
            <Stat
              label="Open pipeline"
              value={formatMoney(data.deals.open.amountMinor, data.deals.currency)}
              hint={`${data.deals.open.count} open deals`}
            />
            <Stat
              label="Won, last 30 days"
              value={formatMoney(data.deals.wonSince.amountMinor, data.deals.currency)}
              hint={`${data.deals.wonSince.count} won · ${data.deals.lostSince.count} lost`}
            />
          </SimpleGrid>
          <Card withBorder padding="lg">
            <Text fw={600} mb="md">
              Where contacts are in the funnel
            </Text>
            <BarChart
              h={240}
              data={funnelStages.map((stage) => ({ stage: stageLabels[stage], contacts: data.contactsByStage[stage] }))}
              dataKey="stage"
              series={[{ name: 'contacts', color: 'blue.6', label: 'Contacts' }]}
              tickLine="y"
              withTooltip
            />
            <Text size="xs" c="dimmed" mt="xs">
              Also {formatNumber(data.contactsByStage.recycled)} recycled to nurture and{' '}
              {formatNumber(data.contactsByStage.disqualified)} disqualified.
            </Text>
          </Card>
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {steps
          .filter((step) => !step.adminOnly || me.role === 'admin')
          .map((step) => (
            <Card key={step.title} withBorder padding="lg">
              <Group gap="sm" mb="xs" wrap="nowrap">
                <ThemeIcon variant="light" size="lg" radius="md">
                  <step.icon size={20} />
                </ThemeIcon>
                <Text fw={600}>{step.title}</Text>
              </Group>
              <Text size="sm" c="dimmed" mb="sm">
                {step.text}
              </Text>
              <Anchor component={Link} to={step.to} size="sm">
                Open
              </Anchor>
            </Card>
          ))}
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="lg">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} mt={4}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}
