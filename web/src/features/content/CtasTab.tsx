import {
  Alert,
  Button,
  Code,
  ColorInput,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage, post, put } from '../../api/client';
import { type Cta, useCanEditContent, useCtas, useLandingPages } from './api';

const snippetOf = (cta: Cta) => `<div data-baton-cta="${cta.id}"></div>`;

function CtaPreview(props: Pick<Cta, 'text' | 'style' | 'backgroundColor' | 'textColor'>) {
  const style =
    props.style === 'button'
      ? {
          display: 'inline-block',
          padding: '.75em 1.4em',
          borderRadius: 8,
          fontWeight: 600,
          background: props.backgroundColor,
          color: props.textColor,
        }
      : { color: props.backgroundColor, fontWeight: 600 };
  return <span style={style}>{props.text || 'Button text'}</span>;
}

function CtaModal({ cta, onClose }: { cta?: Cta; onClose: () => void }) {
  const queryClient = useQueryClient();
  const pages = useLandingPages();
  const [name, setName] = useState(cta?.name ?? '');
  const [text, setText] = useState(cta?.text ?? '');
  const [style, setStyle] = useState<Cta['style']>(cta?.style ?? 'button');
  const [backgroundColor, setBackground] = useState(cta?.backgroundColor ?? '#4f46e5');
  const [textColor, setTextColor] = useState(cta?.textColor ?? '#ffffff');
  const [target, setTarget] = useState<'page' | 'url'>(cta?.targetUrl ? 'url' : 'page');
  const [targetPageId, setTargetPageId] = useState<string | null>(cta?.targetPageId ?? null);
  const [targetUrl, setTargetUrl] = useState(cta?.targetUrl ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        text,
        style,
        backgroundColor,
        textColor,
        targetPageId: target === 'page' ? targetPageId : null,
        targetUrl: target === 'url' ? targetUrl : null,
      };
      return cta ? put<Cta>(`/api/ctas/${cta.id}`, body) : post<Cta>('/api/ctas', body);
    },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['ctas'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={cta ? `Edit ${cta.name}` : 'New CTA'} size="lg">
      <Stack>
        <TextInput
          label="Name"
          description="For you; visitors see the text"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label="Text"
          required
          maxLength={120}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <SegmentedControl
          value={style}
          onChange={(value) => setStyle(value as Cta['style'])}
          data={[
            { value: 'button', label: 'Button' },
            { value: 'link', label: 'Link' },
          ]}
        />
        <SimpleGrid cols={2}>
          <ColorInput
            label={style === 'button' ? 'Background' : 'Color'}
            value={backgroundColor}
            onChange={setBackground}
            format="hex"
          />
          {style === 'button' && (
            <ColorInput label="Text color" value={textColor} onChange={setTextColor} format="hex" />
          )}
        </SimpleGrid>
        <SegmentedControl
          value={target}
          onChange={(value) => setTarget(value as 'page' | 'url')}
          data={[
            { value: 'page', label: 'To a landing page' },
            { value: 'url', label: 'To a URL' },
          ]}
        />
        {target === 'page' ? (
          <Select
            label="Landing page"
            data={(pages.data ?? []).map((page) => ({ value: page.id, label: `${page.name} (/p/${page.slug})` }))}
            value={targetPageId}
            onChange={setTargetPageId}
          />
        ) : (
          <TextInput
            label="URL"
            placeholder="https://"
            value={targetUrl}
            onChange={(e) => setTargetUrl(e.currentTarget.value)}
          />
        )}
        <Text size="sm" c="dimmed">
          Preview: <CtaPreview text={text} style={style} backgroundColor={backgroundColor} textColor={textColor} />
        </Text>
        {save.error && <Alert color="red">{errorMessage(save.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** CTAs the tracker places on any site: views and clicks lead into the conversion funnel. */
export function CtasTab() {
  const ctas = useCtas();
  const pages = useLandingPages();
  const editable = useCanEditContent();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ cta?: Cta }>();
  const remove = useMutation({
    mutationFn: (cta: Cta) => del(`/api/ctas/${cta.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ctas'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const targetOf = (cta: Cta) =>
    cta.targetUrl ?? `/p/${pages.data?.find((page) => page.id === cta.targetPageId)?.slug ?? '…'}`;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={3}>CTAs</Title>
          <Text size="sm" c="dimmed">
            Put the snippet where the CTA should appear on a page that loads the tracker (/t.js).
          </Text>
        </div>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
            New CTA
          </Button>
        )}
      </Group>
      {ctas.error && <Alert color="red">{errorMessage(ctas.error)}</Alert>}
      {ctas.data?.length === 0 && <Text c="dimmed">No CTAs yet.</Text>}
      {ctas.data && ctas.data.length > 0 && (
        <Table aria-label="CTAs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Looks like</Table.Th>
              <Table.Th>Goes to</Table.Th>
              <Table.Th>Snippet</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ctas.data.map((cta) => (
              <Table.Tr key={cta.id}>
                <Table.Td>{cta.name}</Table.Td>
                <Table.Td>
                  <CtaPreview {...cta} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{targetOf(cta)}</Text>
                </Table.Td>
                <Table.Td>
                  <CopyButton value={snippetOf(cta)}>
                    {({ copied, copy }) => (
                      <Group gap={4} wrap="nowrap">
                        <Code>{snippetOf(cta)}</Code>
                        <Button size="compact-xs" variant="subtle" onClick={copy}>
                          {copied ? 'Copied' : 'Copy'}
                        </Button>
                      </Group>
                    )}
                  </CopyButton>
                </Table.Td>
                <Table.Td>
                  {editable && (
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="default" onClick={() => setEditing({ cta })}>
                        Edit
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(cta)}>
                        Delete
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <CtaModal cta={editing.cta} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
}
