import {
  Alert,
  Badge,
  Button,
  CopyButton,
  FileInput,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, del, errorMessage, post } from '../../api/client';
import { formatNumber } from '../../api/format';
import { assetKinds, type Offer, useCanEditContent, useFormChoices, useOffers } from './api';

const kb = (bytes: number) =>
  bytes > 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} KB`;

async function uploadOffer(fields: Record<string, string>, file: File): Promise<Offer> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value) body.append(name, value);
  body.append('file', file);
  const response = await fetch('/api/offers', { method: 'POST', body, credentials: 'same-origin' });
  const data = await response.json();
  if (!response.ok) throw new ApiError(response.status, data.error?.code, data.error?.message, data.error?.details);
  return data;
}

function UploadModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const forms = useFormChoices();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string | null>('white paper');
  const [description, setDescription] = useState('');
  const [gateFormId, setGateFormId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: () => uploadOffer({ title, kind: kind ?? '', description, gateFormId: gateFormId ?? '' }, file!),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['offers'] });
      setTitle('');
      setDescription('');
      setFile(null);
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Upload a content offer">
      <Stack>
        <TextInput
          label="Title"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={200}
        />
        <Select label="Kind" required data={[...assetKinds]} value={kind} onChange={setKind} allowDeselect={false} />
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Select
          label="Gated by form"
          description="Leave empty for an open offer anyone may download"
          data={forms.data ?? []}
          value={gateFormId}
          onChange={setGateFormId}
          clearable
          placeholder="Open (no form)"
        />
        <FileInput
          label="File"
          description="PDF, PNG, JPEG, GIF or WebP, up to 25 MB"
          required
          accept="application/pdf,image/png,image/jpeg,image/gif,image/webp"
          value={file}
          onChange={setFile}
          leftSection={<IconUpload size={16} />}
        />
        {upload.error && <Alert color="red">{errorMessage(upload.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => upload.mutate()} loading={upload.isPending} disabled={!title.trim() || !file}>
            Upload
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function LinkButton({ offer }: { offer: Offer }) {
  const [link, setLink] = useState<string>();
  const create = useMutation({
    mutationFn: () => post<{ path: string }>(`/api/offers/${offer.id}/links`, { ttlSeconds: 7 * 24 * 3600 }),
    onSuccess: (data) => setLink(`${window.location.origin}${data.path}`),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  if (link) {
    return (
      <CopyButton value={link}>
        {({ copied, copy }) => (
          <Button size="xs" variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
            {copied ? 'Copied' : 'Copy 7-day link'}
          </Button>
        )}
      </CopyButton>
    );
  }
  return (
    <Button size="xs" variant="default" onClick={() => create.mutate()} loading={create.isPending}>
      Signed link
    </Button>
  );
}

/** Content offers: files worth a form, delivered through signed, expiring links. */
export function OffersTab() {
  const offers = useOffers();
  const editable = useCanEditContent();
  const forms = useFormChoices();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const remove = useMutation({
    mutationFn: (offer: Offer) => del(`/api/offers/${offer.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['offers'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const formName = (id: string | null) => forms.data?.find((form) => form.value === id)?.label ?? 'a form';
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={3}>Content offers</Title>
          <Text size="sm" c="dimmed">
            Every download is on the lead’s timeline by title and kind, where the talk track finds it.
          </Text>
        </div>
        {editable && (
          <Button leftSection={<IconUpload size={16} />} onClick={() => setUploading(true)}>
            Upload offer
          </Button>
        )}
      </Group>
      {offers.error && <Alert color="red">{errorMessage(offers.error)}</Alert>}
      {offers.data && offers.data.length === 0 && (
        <Text c="dimmed">No offers yet: upload a white paper, an e-book or an infographic.</Text>
      )}
      {offers.data && offers.data.length > 0 && (
        <Table striped highlightOnHover aria-label="Content offers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Access</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th ta="right">Downloads</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {offers.data.map((offer) => (
              <Table.Tr key={offer.id}>
                <Table.Td>
                  <Text fw={500}>{offer.title}</Text>
                  {offer.description && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {offer.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{offer.kind}</Table.Td>
                <Table.Td>
                  {offer.gateFormId ? (
                    <Badge color="grape">Gated by {formName(offer.gateFormId)}</Badge>
                  ) : (
                    <Badge color="gray">Open</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{offer.fileName}</Text>
                  <Text size="xs" c="dimmed">
                    {offer.contentType} · {kb(offer.sizeBytes)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(offer.downloads)}</Table.Td>
                <Table.Td>
                  {editable && (
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <LinkButton offer={offer} />
                      <Button size="xs" color="red" variant="subtle" onClick={() => remove.mutate(offer)}>
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
      <UploadModal opened={uploading} onClose={() => setUploading(false)} />
    </Stack>
  );
}
