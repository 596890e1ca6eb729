import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage, get, post } from '../../api/client';
import { formatNumber } from '../../api/format';
import { type LandingPage, percent, useCanEditContent, useLandingPages, type VariantStats } from './api';
import { PageEditorModal } from './PageEditorModal';

function VariantTable({ page }: { page: LandingPage }) {
  const stats = useQuery({
    queryKey: ['landing-pages', page.id, 'stats'],
    queryFn: () => get<{ items: VariantStats[] }>(`/api/landing-pages/${page.id}/stats`),
    select: (data) => new Map(data.items.map((item) => [item.variantId, item])),
  });
  const best = Math.max(...[...(stats.data?.values() ?? [])].map((item) => item.conversionRate ?? 0));
  return (
    <Table aria-label={`Variants of ${page.name}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Variant</Table.Th>
          <Table.Th>Headline</Table.Th>
          <Table.Th ta="right">Weight</Table.Th>
          <Table.Th ta="right">Views</Table.Th>
          <Table.Th ta="right">Submissions</Table.Th>
          <Table.Th ta="right">Conversion</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {page.variants.map((variant) => {
          const item = stats.data?.get(variant.id);
          return (
            <Table.Tr key={variant.id} data-variant={variant.id}>
              <Table.Td>
                {variant.name}{' '}
                <Text span size="xs" c="dimmed">
                  ({variant.id})
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {variant.headline}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {variant.weight === 0 ? <Badge color="gray">paused</Badge> : variant.weight}
              </Table.Td>
              <Table.Td ta="right" data-testid={`views-${variant.id}`}>
                {formatNumber(item?.views ?? 0)}
              </Table.Td>
              <Table.Td ta="right">{formatNumber(item?.submissions ?? 0)}</Table.Td>
              <Table.Td ta="right">
                <Text span fw={item && item.conversionRate === best && best > 0 ? 700 : undefined}>
                  {percent(item?.conversionRate ?? null)}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Landing pages at /p/<slug>: drafts to preview, published pages with their variants' conversion. */
export function LandingPagesTab() {
  const pages = useLandingPages();
  const editable = useCanEditContent();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ page?: LandingPage }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['landing-pages'] });
  const setStatus = useMutation({
    mutationFn: ({ page, action }: { page: LandingPage; action: 'publish' | 'unpublish' }) =>
      post(`/api/landing-pages/${page.id}/${action}`),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: (page: LandingPage) => del(`/api/landing-pages/${page.id}`),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={3}>Landing pages</Title>
          <Text size="sm" c="dimmed">
            Hosted by Baton at /p/&lt;address&gt;, tracked like any page; each view counts for its variant.
          </Text>
        </div>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
            New landing page
          </Button>
        )}
      </Group>
      {pages.error && <Alert color="red">{errorMessage(pages.error)}</Alert>}
      {pages.data?.length === 0 && <Text c="dimmed">No landing pages yet.</Text>}
      {pages.data?.map((page) => (
        <Card key={page.id} withBorder data-page={page.slug}>
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Text fw={600}>{page.name}</Text>
              <Badge color={page.status === 'published' ? 'green' : 'gray'}>{page.status}</Badge>
              <Anchor
                href={page.status === 'published' ? `/p/${page.slug}` : `/p/${page.slug}?preview=1`}
                target="_blank"
                size="sm"
              >
                /p/{page.slug} <IconExternalLink size={12} />
              </Anchor>
            </Group>
            {editable && (
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setEditing({ page })}>
                  Edit
                </Button>
                {page.status === 'draft' ? (
                  <>
                    <Button size="xs" variant="light" component="a" href={`/p/${page.slug}?preview=1`} target="_blank">
                      Preview
                    </Button>
                    <Button size="xs" onClick={() => setStatus.mutate({ page, action: 'publish' })}>
                      Publish
                    </Button>
                  </>
                ) : (
                  <Button
                    size="xs"
                    variant="light"
                    color="orange"
                    onClick={() => setStatus.mutate({ page, action: 'unpublish' })}
                  >
                    Unpublish
                  </Button>
                )}
                <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(page)}>
                  Delete
                </Button>
              </Group>
            )}
          </Group>
          <VariantTable page={page} />
        </Card>
      ))}
      {editing && <PageEditorModal page={editing.page} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
}
