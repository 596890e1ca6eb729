import { Alert, Button, Card, Group, Loader, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { errorMessage, post } from '../../api/client';
import type { ImportCounts, ImportView } from './api';
import { ImportErrorsTable } from './ImportErrorsTable';

function Stat(props: { label: string; value: number; color?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text size="xl" fw={700} c={props.color}>
        {props.value.toLocaleString()}
      </Text>
    </Card>
  );
}

function Counts(props: { counts: ImportCounts; dryRun: boolean }) {
  const { counts } = props;
  const would = props.dryRun ? 'would be ' : '';
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <Stat label={`${would}created`} value={counts.created} color="teal" />
      <Stat label={`${would}updated`} value={counts.updated} color="blue" />
      <Stat label="unchanged" value={counts.unchanged} />
      <Stat
        label={props.dryRun ? 'with problems' : 'not imported'}
        value={counts.failed}
        color={counts.failed ? 'red' : undefined}
      />
    </SimpleGrid>
  );
}

function PhaseProgress({ view, label }: { view: ImportView; label: string }) {
  const processed = view.progress?.processed ?? 0;
  const fraction = view.totalRows ? processed / view.totalRows : 0;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">
          {view.status === 'queued' || processed === 0
            ? `${label}: starting…`
            : `${label}: ${processed.toLocaleString()} of ${view.totalRows.toLocaleString()} rows`}
        </Text>
      </Group>
      <Progress value={fraction * 100} size="lg" animated striped />
      {view.progress && processed > 0 && <Counts counts={view.progress} dryRun={view.phase === 'dry_run'} />}
    </Stack>
  );
}

/** Step 3: the dry run — every row checked, nothing kept — and its report. */
export function CheckStep(props: { view: ImportView; onBack(): void; onRun(): void }) {
  const { view } = props;
  const run = useMutation({ mutationFn: () => post(`/api/imports/${view.id}/run`), onSuccess: props.onRun });
  if (view.status === 'validating') return <PhaseProgress view={view} label="Checking" />;
  if (view.status === 'failed') {
    return (
      <Stack>
        <Alert color="red" title="The check stopped">
          {view.error}
        </Alert>
        <Group>
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={props.onBack}>
            Back to the mapping
          </Button>
        </Group>
      </Stack>
    );
  }
  const report = view.dryRun;
  if (!report) return null;
  const importable = report.created + report.updated + report.unchanged;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Every row was checked against the mapping and the data already here; nothing was written.
      </Text>
      <Counts counts={report} dryRun />
      <ImportErrorsTable importId={view.id} phase="dry_run" failedRows={report.failed} />
      {run.isError && <Alert color="red">{errorMessage(run.error)}</Alert>}
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={props.onBack}>
          Back to the mapping
        </Button>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          onClick={() => run.mutate()}
          loading={run.isPending}
          disabled={importable === 0}
        >
          Import {importable.toLocaleString()} {importable === 1 ? 'row' : 'rows'}
          {report.failed > 0 ? ` (skip ${report.failed.toLocaleString()})` : ''}
        </Button>
      </Group>
    </Stack>
  );
}

/** Step 4: the import itself, its progress, then what it did (or where it stopped, to resume). */
export function RunStep(props: { view: ImportView; onResumed(): void; onNew(): void }) {
  const { view } = props;
  const resume = useMutation({ mutationFn: () => post(`/api/imports/${view.id}/run`), onSuccess: props.onResumed });
  if (view.status === 'queued' || view.status === 'running') return <PhaseProgress view={view} label="Importing" />;
  return (
    <Stack>
      {view.status === 'done' ? (
        <Alert color="teal" icon={<IconCheck size={18} />} title="Import finished">
          {view.processed.toLocaleString()} rows read: {view.created.toLocaleString()} created,{' '}
          {view.updated.toLocaleString()} updated, {view.unchanged.toLocaleString()} unchanged
          {view.failed ? `, ${view.failed.toLocaleString()} not imported (see below)` : ''}.
        </Alert>
      ) : (
        <Alert color="red" title="The import stopped">
          {view.error} — {view.processed.toLocaleString()} rows were handled; every row not imported is listed below.
          Run it again to continue where it stopped.
        </Alert>
      )}
      <Counts counts={view} dryRun={false} />
      <ImportErrorsTable importId={view.id} phase="run" failedRows={view.failed} />
      {resume.isError && <Alert color="red">{errorMessage(resume.error)}</Alert>}
      <Group justify="flex-end">
        {view.status === 'failed' && !view.rowsPurged && (
          <Button leftSection={<IconRefresh size={16} />} onClick={() => resume.mutate()} loading={resume.isPending}>
            Resume the import
          </Button>
        )}
        <Button variant={view.status === 'done' ? 'filled' : 'default'} onClick={props.onNew}>
          Import another file
        </Button>
      </Group>
    </Stack>
  );
}
