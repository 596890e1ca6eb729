import { Alert, Button, Card, Group, Loader, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, get } from '../../api/client';
import { useMe } from '../../api/session';
import type { Me } from '../../api/types';
import { activeStatuses, type ImportKind, type ImportTargets, type ImportView } from './api';
import { MappingStep } from './MappingStep';
import { PastImports } from './PastImports';
import { CheckStep, RunStep } from './PhaseSteps';
import { UploadStep } from './UploadStep';

/** Which step an import is at: mapping until checked or run, then the check, then the run. */
function stepOf(view: ImportView | undefined, editing: boolean): number {
  if (!view) return 0;
  if (view.phase === 'run' || ['queued', 'running', 'done'].includes(view.status)) return 3;
  if (editing || view.status === 'uploaded') return 1;
  return 2;
}

/**
 * Settings → Import: a CSV file of contacts, companies, deals, sales activities or campaign costs,
 * in four steps — upload, map the columns, check every row, import (in the background, with its
 * progress) — and the imports made before. Exports of the lists sit beside.
 */
export function ImportsPage(props: { me?: Me } = {}) {
  const session = useMe();
  const me = props.me ?? session.data ?? undefined;
  const queryClient = useQueryClient();
  const [importId, setImportId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const targets = useQuery({
    queryKey: ['imports', 'targets'],
    queryFn: () => get<ImportTargets>('/api/imports/targets'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const current = useQuery({
    queryKey: ['imports', 'one', importId],
    queryFn: () => get<ImportView>(`/api/imports/${importId}`),
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data && activeStatuses.includes(query.state.data.status) ? 1000 : false),
  });
  const view = importId ? current.data : undefined;
  const step = stepOf(view, editing);
  const status = view?.status;
  useEffect(() => {
    // The list below shows the same import: keep it in step as it moves on.
    if (status) void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [status, queryClient]);
  const refresh = async () => {
    setEditing(false);
    await queryClient.invalidateQueries({ queryKey: ['imports'] });
  };
  const open = (id: string | null) => {
    setEditing(false);
    setImportId(id);
  };
  const role = me?.role;
  const canImport = role === 'admin' || role === 'marketing' || role === 'sales_manager';
  const kinds: ImportKind[] = ['contacts', 'companies', 'deals', 'sales_activities', 'campaign_costs'];

  if (me && !canImport) {
    return (
      <Alert color="gray" title="Imports">
        Admins, marketing and sales managers import data. You can still export lists below.
        <ExportsCard />
      </Alert>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={3}>Import from CSV</Title>
        {importId && (
          <Button variant="subtle" onClick={() => open(null)}>
            Start a new import
          </Button>
        )}
      </Group>
      <Stepper active={view?.status === 'done' ? 4 : step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label="Upload" description="Kind and file" />
        <Stepper.Step label="Map columns" description="Fields and properties" />
        <Stepper.Step label="Check" description="Every row, nothing kept" />
        <Stepper.Step label="Import" description="In the background" />
      </Stepper>
      {targets.isError && <Alert color="red">{errorMessage(targets.error)}</Alert>}
      {importId && current.isError && <Alert color="red">{errorMessage(current.error)}</Alert>}
      {importId && !view && current.isLoading && <Loader />}
      {step === 0 && targets.data && (
        <UploadStep
          kinds={kinds}
          onUploaded={(uploaded) => {
            queryClient.setQueryData(['imports', 'one', uploaded.id], uploaded);
            open(uploaded.id);
            void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
          }}
        />
      )}
      {step === 1 && view && targets.data && (
        <MappingStep view={view} targets={targets.data} role={role} onStarted={refresh} />
      )}
      {step === 2 && view && <CheckStep view={view} onBack={() => setEditing(true)} onRun={refresh} />}
      {step === 3 && view && <RunStep view={view} onResumed={refresh} onNew={() => open(null)} />}
      <PastImports currentId={importId} onOpen={open} />
      <ExportsCard />
    </Stack>
  );
}

/** Downloads of whole lists as CSV (the lists themselves export their filtered views). */
function ExportsCard() {
  const exports = [
    { label: 'Contacts', href: '/api/exports/contacts.csv' },
    { label: 'Companies', href: '/api/exports/companies.csv' },
    { label: 'Deals', href: '/api/exports/deals.csv' },
  ];
  return (
    <Card withBorder padding="sm" mt="xs">
      <Group justify="space-between">
        <div>
          <Text fw={500} size="sm">
            Export to CSV
          </Text>
          <Text size="xs" c="dimmed">
            UTF-8 for Excel, with custom properties as columns; the files import back as they are.
          </Text>
        </div>
        <Group gap="xs">
          {exports.map((item) => (
            <Button
              key={item.href}
              component="a"
              href={item.href}
              download
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} />}
            >
              {item.label}
            </Button>
          ))}
        </Group>
      </Group>
    </Card>
  );
}
