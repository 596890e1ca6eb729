import {
  Alert,
  Badge,
  Card,
  Group,
  Progress,
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
import { usePropertyDefinitions } from '../../api/directory';
import { formatNumber } from '../../api/format';
import { type Calibration, gradeColors } from './api';

const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)} %`;

/** How well AUC separates: 0.5 is a coin toss, 1 a perfect ordering. */
function aucWords(auc: number): string {
  if (auc >= 0.8) return 'strong: high scores clearly foretell the outcome';
  if (auc >= 0.7) return 'useful: high scores usually foretell the outcome';
  if (auc >= 0.6) return 'weak: scores foretell the outcome only a little';
  return 'no better than chance: the score does not foretell this outcome';
}

/** Did leads with higher grades and scores more often reach the outcome? Per grade and per score decile. */
export function CalibrationPanel() {
  const definitions = usePropertyDefinitions('contact');
  const [outcome, setOutcome] = useState('customer');
  const calibration = useQuery({
    queryKey: ['scoring', 'calibration', outcome],
    queryFn: () => get<Calibration>(`/api/scoring/calibration?outcome=${encodeURIComponent(outcome)}`),
  });
  const outcomes = [
    { value: 'customer', label: 'Became a customer' },
    ...(definitions.data ?? [])
      .filter((definition) => definition.type === 'boolean')
      .map((definition) => ({ value: `property:${definition.key}`, label: `${definition.label} is yes` })),
  ];
  const data = calibration.data;
  const maxRate = Math.max(
    0.0001,
    ...(data?.byScoreDecile ?? []).map((row) => row.rate),
    ...(data?.byGrade ?? []).map((row) => row.rate),
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={620}>
          Compares today’s grades and scores with what became of each lead. Leads are ranked by fit points plus
          engagement score; a model that works puts the leads that convert at the top.
        </Text>
        <Select
          label="Outcome"
          data={outcomes}
          allowDeselect={false}
          value={outcome}
          onChange={(value) => value && setOutcome(value)}
          w={240}
        />
      </Group>
      {calibration.isPending && <Skeleton h={240} />}
      {calibration.isError && (
        <Alert color="red" title="Calibration could not be computed">
          {errorMessage(calibration.error)}
        </Alert>
      )}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder padding="lg">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                AUC
              </Text>
              <Text fz={32} fw={700} data-testid="calibration-auc">
                {data.auc === null ? '—' : data.auc.toFixed(2)}
              </Text>
              <Text size="xs" c="dimmed">
                {data.auc === null ? 'Needs leads with and without the outcome.' : aucWords(data.auc)}
              </Text>
            </Card>
            <Card withBorder padding="lg">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Contacts
              </Text>
              <Text fz={32} fw={700}>
                {formatNumber(data.contacts)}
              </Text>
            </Card>
            <Card withBorder padding="lg">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Reached the outcome
              </Text>
              <Text fz={32} fw={700}>
                {formatNumber(data.positives)}
              </Text>
              <Text size="xs" c="dimmed">
                {data.contacts ? percent(data.positives / data.contacts) : '—'} of contacts
              </Text>
            </Card>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder padding="lg">
              <Title order={5} mb="xs">
                By fit grade
              </Title>
              <Table fz="sm" verticalSpacing={6} aria-label="Outcome rate by grade">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Grade</Table.Th>
                    <Table.Th ta="right">Contacts</Table.Th>
                    <Table.Th ta="right">Reached</Table.Th>
                    <Table.Th>Rate</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.byGrade.map((row) => (
                    <Table.Tr key={row.grade}>
                      <Table.Td>
                        <Badge color={gradeColors[row.grade] ?? 'gray'} variant="light">
                          {row.grade}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(row.contacts)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(row.positives)}</Table.Td>
                      <Table.Td>
                        <RateBar rate={row.rate} max={maxRate} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder padding="lg">
              <Title order={5} mb="xs">
                By fit points + score, top tenth first
              </Title>
              <Table fz="sm" verticalSpacing={6} aria-label="Outcome rate by score decile">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Fit + score</Table.Th>
                    <Table.Th ta="right">Contacts</Table.Th>
                    <Table.Th ta="right">Reached</Table.Th>
                    <Table.Th>Rate</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.byScoreDecile.map((row) => (
                    <Table.Tr key={row.decile}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {row.minScore === row.maxScore ? row.minScore : `${row.minScore}–${row.maxScore}`}
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(row.contacts)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(row.positives)}</Table.Td>
                      <Table.Td>
                        <RateBar rate={row.rate} max={maxRate} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function RateBar({ rate, max }: { rate: number; max: number }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Progress value={(rate / max) * 100} w={60} size="sm" aria-hidden visibleFrom="xs" />
      <Text size="sm">{percent(rate)}</Text>
    </Group>
  );
}
