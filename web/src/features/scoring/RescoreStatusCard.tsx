import { Alert, Button, Card, Group, Progress, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatNumber } from '../../api/format';
import { RelativeTime } from '../../app/RelativeTime';
import type { RescoreStatus } from './api';

/** Where the rescore of every contact stands after a save: running with its progress, failed, or done. */
export function RescoreStatusCard(props: {
  rescore: RescoreStatus;
  version: number;
  /** Editors may start it again after a failure. */
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const { rescore, version } = props;
  const retry: ReactNode = props.onRetry && (
    <Button size="compact-sm" variant="light" color="red" mt="xs" loading={props.retrying} onClick={props.onRetry}>
      Rescore again
    </Button>
  );
  if (rescore.state === 'failed') {
    return (
      <Alert color="red" title="The last rescore stopped">
        {rescore.error ?? 'Unknown error'} — the rescore changed nothing: contacts keep their scores, except those
        scored since the save by their own activity or edits.
        <div>{retry}</div>
      </Alert>
    );
  }
  if (rescore.state === 'running') {
    // Two steps of unequal length: deciding every score (most of the time), then writing the changes.
    const percent = rescore.phase === 'applying' ? 70 : rescore.phase === 'computing' ? 15 : 0;
    const step =
      rescore.phase === 'applying'
        ? `Writing ${formatNumber(rescore.changes ?? 0)} changed ${rescore.changes === 1 ? 'score' : 'scores'}`
        : `Computing the scores of ${formatNumber(rescore.total)} ${rescore.total === 1 ? 'contact' : 'contacts'}`;
    return (
      <Card withBorder padding="md" data-testid="rescore-status">
        <Group justify="space-between" mb={6} gap="xs">
          <Text size="sm" fw={500}>
            Rescoring every contact with version {version}
          </Text>
          <Text size="sm" c="dimmed">
            {step}
          </Text>
        </Group>
        <Progress value={percent} size="lg" animated striped aria-label="Rescore progress" />
      </Card>
    );
  }
  return (
    <Text size="sm" c="dimmed" data-testid="rescore-status" component="div">
      {version ? `Version ${version}` : 'The default model, not changed yet'}
      {rescore.finishedAt ? (
        <>
          {' '}
          · rescored {formatNumber(rescore.total)} {rescore.total === 1 ? 'contact' : 'contacts'}{' '}
          <RelativeTime at={rescore.finishedAt} size="sm" />
        </>
      ) : null}
    </Text>
  );
}
