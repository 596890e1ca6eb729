import { BarChart, FunnelChart } from '@mantine/charts';
import {
  Alert,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, get } from '../../api/client';
import { formatNumber } from '../../api/format';
import { conversionSteps, type Funnel, percent, stepLabels } from './api';

const colors = ['indigo.7', 'indigo.5', 'violet.5', 'grape.5', 'pink.5'] as const;
const groupings = [
  { value: 'source', label: 'Source (channel)' },
  { value: 'campaign', label: 'Campaign' },
  { value: 'page', label: 'Landing page' },
  { value: 'variant', label: 'Variant' },
  { value: 'cta', label: 'CTA' },
];
const DAY = 24 * 3600 * 1000;

/** CTA view → click → landing page view → submission → download, with the rate of each step. */
export function FunnelTab() {
  const [days, setDays] = useState('30');
  const [groupBy, setGroupBy] = useState('source');
  const [interval, setInterval] = useState('day');
  const funnel = useQuery({
    queryKey: ['conversions', 'funnel', days, groupBy, interval],
    queryFn: () => {
      const to = new Date(Date.now() + 60_000);
      const from = new Date(to.getTime() - Number(days) * DAY);
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), groupBy, interval });
      return get<Funnel>(`/api/conversions/funnel?${query}`);
    },
  });
  const data = funnel.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>Conversion paths</Title>
          <Text size="sm" c="dimmed">
            Each step’s rate is against the step before it.
          </Text>
        </div>
        <Group>
          <Select
            label="Period"
            data={[
              { value: '7', label: 'Last 7 days' },
              { value: '30', label: 'Last 30 days' },
              { value: '90', label: 'Last 90 days' },
            ]}
            value={days}
            onChange={(value) => setDays(value ?? '30')}
            allowDeselect={false}
            w={150}
          />
          <Select
            label="Per"
            data={groupings}
            value={groupBy}
            onChange={(value) => setGroupBy(value ?? 'source')}
            allowDeselect={false}
            w={170}
          />
          <SegmentedControl
            aria-label="Interval"
            value={interval}
            onChange={setInterval}
            data={[
              { value: 'day', label: 'Daily' },
              { value: 'week', label: 'Weekly' },
            ]}
          />
        </Group>
      </Group>
      {funnel.error && <Alert color="red">{errorMessage(funnel.error)}</Alert>}
      {!data && !funnel.error && <Skeleton h={300} />}
      {data && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder style={{ display: 'flex', justifyContent: 'center' }}>
            <FunnelChart
              h={280}
              w={320}
              size={260}
              withLabels
              labelsPosition="right"
              valueFormatter={formatNumber}
              data={conversionSteps.map((step, index) => ({
                name: stepLabels[step],
                value: data.total.counts[step],
                color: colors[index]!,
              }))}
            />
          </Card>
          <Card withBorder>
            <Table aria-label="Funnel steps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Step</Table.Th>
                  <Table.Th ta="right">Count</Table.Th>
                  <Table.Th ta="right">From previous</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {conversionSteps.map((step, index) => (
                  <Table.Tr key={step} data-step={step}>
                    <Table.Td>{stepLabels[step]}</Table.Td>
                    <Table.Td ta="right" data-testid={`count-${step}`}>
                      {formatNumber(data.total.counts[step])}
                    </Table.Td>
                    <Table.Td ta="right">
                      {index === 0 ? '' : percent(data.total.stepRates[index - 1]?.rate ?? null)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" mt="sm">
              Landing page conversion (submissions per view): <b>{percent(data.total.pageConversion)}</b>
            </Text>
          </Card>
        </SimpleGrid>
      )}
      {data && data.groups.length > 0 && (
        <Card withBorder>
          <Table aria-label="Funnel per group" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{groupings.find((g) => g.value === groupBy)?.label}</Table.Th>
                {conversionSteps.map((step) => (
                  <Table.Th key={step} ta="right">
                    {stepLabels[step]}
                  </Table.Th>
                ))}
                <Table.Th ta="right">Page conversion</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.groups.map((group) => (
                <Table.Tr key={group.key ?? 'none'}>
                  <Table.Td>{group.label}</Table.Td>
                  {conversionSteps.map((step, index) => (
                    <Table.Td key={step} ta="right">
                      {formatNumber(group.counts[step])}
                      {index > 0 && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({percent(group.stepRates[index - 1]?.rate ?? null)})
                        </Text>
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{percent(group.pageConversion)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {data && data.series.length > 0 && (
        <Card withBorder>
          <Text fw={500} mb="sm">
            Over time ({interval === 'day' ? 'per day' : 'per week'}, UTC)
          </Text>
          <BarChart
            h={240}
            dataKey="period"
            data={data.series.map((point) => ({
              period: point.period.slice(0, 10),
              ...Object.fromEntries(conversionSteps.map((step) => [step, point.counts[step]])),
            }))}
            series={conversionSteps.map((step, index) => ({
              name: step,
              label: stepLabels[step],
              color: colors[index]!,
            }))}
            withLegend
          />
        </Card>
      )}
    </Stack>
  );
}
