import { Affix, Alert, Button, Card, Group, List, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useIntersection, useMergedRef } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconEye } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, get, post, put } from '../../api/client';
import type { Overview } from '../../api/types';
import { type Preview, type ScoringModel, type ScoringState, useScoring } from './api';
import { EngagementRulesCard } from './EngagementRulesCard';
import { DisqualifyCard, FitCriteriaCard } from './FitCriteriaCard';
import { errorPlace, type ModelError, modelErrors } from './model-errors';
import { cleanModel, emptyModel, formErrors } from './model-form';
import { PreviewTable } from './PreviewTable';
import { RescoreStatusCard } from './RescoreStatusCard';
import { ThresholdsCard } from './ThresholdsCard';

const dayOptions = [7, 30, 90, 180, 365].map((days) => ({ value: String(days), label: `Last ${days} days` }));

/**
 * The whole model as one draft: edit anything, preview what it would have done over past leads, then
 * save it, which rescores every contact. Sales roles see the same page without the controls.
 */
export function ModelEditor({ editable }: { editable: boolean }) {
  const queryClient = useQueryClient();
  const scoring = useScoring();
  const overview = useQuery({ queryKey: ['overview'], queryFn: () => get<Overview>('/api/overview') });
  const form = useForm<ScoringModel>({ initialValues: emptyModel });
  const [loaded, setLoaded] = useState<number | null>(null);
  const [errors, setErrors] = useState<ModelError[]>([]);
  const [days, setDays] = useState('30');
  const saveCard = useRef<HTMLDivElement>(null);
  // The "unsaved changes" reminder steps aside while the save card itself is in sight.
  const { ref: watchSaveCard, entry: saveCardSeen } = useIntersection<HTMLDivElement>({ threshold: 0.1 });
  const saveCardRef = useMergedRef(saveCard, watchSaveCard);
  const data = scoring.data;

  const load = (state: ScoringState) => {
    form.setInitialValues(state.model);
    form.setValues(state.model);
    form.resetDirty(state.model);
    form.clearErrors();
    setErrors([]);
    setLoaded(state.version);
  };
  // The first answer fills the draft; a newer version replaces it only while nothing is edited.
  // biome-ignore lint/correctness/useExhaustiveDependencies: load is rebuilt every render, the data is what matters
  useEffect(() => {
    if (data && (loaded === null || (data.version !== loaded && !form.isDirty()))) load(data);
  }, [data]);

  // Once a rescore ends, every list and record shows new scores.
  const running = data?.rescore.state === 'running';
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
      queryClient.invalidateQueries({ queryKey: ['contact'] });
    }
    wasRunning.current = running;
  }, [running, queryClient]);

  const showErrors = (error: unknown) => {
    const found = modelErrors(error);
    setErrors(found);
    form.setErrors(formErrors(found));
  };
  const save = useMutation({
    mutationFn: (model: ScoringModel) => put<ScoringState>('/api/scoring', model),
    onSuccess: (state) => {
      queryClient.setQueryData(['scoring'], state);
      load(state);
      notifications.show({ color: 'teal', message: `Version ${state.version} saved: rescoring every contact` });
    },
    onError: showErrors,
  });
  const rescore = useMutation({
    mutationFn: () => post('/api/scoring/rescore'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['scoring'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const preview = useMutation({
    mutationFn: (input: { model: ScoringModel; days: number }) => post<Preview>('/api/scoring/preview', input),
    onMutate: () => setErrors([]),
    onError: showErrors,
  });

  if (scoring.isPending) return <Skeleton h={400} />;
  if (scoring.isError || !data) {
    return (
      <Alert color="red" title="The scoring model could not be loaded">
        {errorMessage(scoring.error)}
      </Alert>
    );
  }

  const draft = cleanModel(form.values);
  const dirty = form.isDirty();
  const previewed = preview.data && preview.variables;
  const stale = previewed && JSON.stringify(preview.variables.model) !== JSON.stringify(draft);
  const failed = save.error ?? preview.error;

  return (
    <Stack gap="md" pb={dirty ? 72 : 0}>
      <RescoreStatusCard
        rescore={data.rescore}
        version={data.version}
        onRetry={editable ? () => rescore.mutate() : undefined}
        retrying={rescore.isPending}
      />
      {dirty && data.version !== loaded && (
        <Alert color="yellow" title="Someone saved a newer version">
          Version {data.version} was saved while you edited version {loaded}. Saving replaces it with your draft.{' '}
          <Button size="compact-sm" variant="subtle" onClick={() => load(data)}>
            Load version {data.version}
          </Button>
        </Alert>
      )}
      <ThresholdsCard form={form} editable={editable} />
      <FitCriteriaCard form={form} editable={editable} />
      <DisqualifyCard form={form} editable={editable} />
      <EngagementRulesCard form={form} editable={editable} />
      {editable && (
        <Card withBorder padding="lg" ref={saveCardRef}>
          <Stack gap="sm">
            <div>
              <Title order={4}>Preview and save</Title>
              <Text size="sm" c="dimmed">
                Replays past leads through the saved model and your draft: how many would have become MQLs, and what
                sales did with them.
              </Text>
            </div>
            <Group gap="sm" align="flex-end">
              <Select
                label="History"
                data={dayOptions}
                allowDeselect={false}
                value={days}
                onChange={(value) => value && setDays(value)}
                w={180}
              />
              <Button
                variant="default"
                leftSection={<IconEye size={16} />}
                loading={preview.isPending}
                onClick={() => preview.mutate({ model: draft, days: Number(days) })}
              >
                Preview the change
              </Button>
            </Group>
            {failed != null && (
              <Alert color="red" title={save.error ? 'The model was not saved' : 'The preview failed'}>
                {errors.length ? (
                  <List size="sm">
                    {errors.map((error) => (
                      <List.Item key={`${error.path} ${error.message}`}>
                        {errorPlace(error, form.values)}: {error.message}
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  errorMessage(failed)
                )}
              </Alert>
            )}
            {previewed && (
              <div data-testid="scoring-preview">
                {stale && (
                  <Text size="sm" c="orange" mb="xs">
                    The draft changed since this preview: preview again to see its effect.
                  </Text>
                )}
                <PreviewTable preview={preview.data} currency={overview.data?.deals.currency ?? 'USD'} />
              </div>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" disabled={!dirty || save.isPending} onClick={() => load(data)}>
                Discard changes
              </Button>
              <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(draft)}>
                Save and rescore
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {editable && dirty && !saveCardSeen?.isIntersecting && (
        <Affix position={{ bottom: 16, right: 16 }}>
          <Card shadow="md" withBorder padding="sm">
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" fw={500}>
                Unsaved changes
              </Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => saveCard.current?.scrollIntoView({ behavior: 'smooth', block: 'center' })}
              >
                Review and save
              </Button>
            </Group>
          </Card>
        </Affix>
      )}
    </Stack>
  );
}
