import {
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type DragEvent, useState } from 'react';
import { errorMessage } from '../../api/client';
import { formatBytes, type ImportKind, type ImportView, kindHints, kindLabels, uploadImport } from './api';

const kinds = Object.keys(kindLabels) as ImportKind[];
const encodingOptions = [
  { value: '', label: 'Detect (UTF-8, else Windows-1252)' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1252', label: 'Windows-1252 (Western, Excel)' },
  { value: 'iso-8859-1', label: 'ISO-8859-1 (Latin-1)' },
  { value: 'utf-16le', label: 'UTF-16 (Excel “Unicode text”)' },
];

/** Step 1: what the file holds, and the file itself (picked, or dropped on the area). */
export function UploadStep(props: { kinds: ImportKind[]; onUploaded(view: ImportView): void }) {
  const [kind, setKind] = useState<ImportKind>(props.kinds[0] ?? 'contacts');
  const [encoding, setEncoding] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadImport({ kind, file: chosen, encoding: encoding || undefined }, setProgress),
    onSuccess: props.onUploaded,
  });
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setProgress(0);
    upload.reset();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} spacing="sm">
        {kinds
          .filter((candidate) => props.kinds.includes(candidate))
          .map((candidate) => (
            <UnstyledButton key={candidate} onClick={() => setKind(candidate)} aria-pressed={kind === candidate}>
              <Card
                withBorder
                padding="sm"
                h="100%"
                style={{
                  borderColor: kind === candidate ? 'var(--mantine-color-blue-6)' : undefined,
                  background: kind === candidate ? 'var(--mantine-color-blue-0)' : undefined,
                }}
              >
                <Text fw={600} size="sm">
                  {kindLabels[candidate]}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {kindHints[candidate]}
                </Text>
              </Card>
            </UnstyledButton>
          ))}
      </SimpleGrid>

      <Card
        withBorder
        padding="xl"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-color-blue-6)' : undefined,
          background: dragging ? 'var(--mantine-color-blue-0)' : undefined,
        }}
      >
        <Stack align="center" gap="xs">
          <IconFileTypeCsv size={40} stroke={1.3} color="var(--mantine-color-gray-6)" />
          {file ? (
            <Text fw={500}>
              {file.name}{' '}
              <Text span c="dimmed">
                ({formatBytes(file.size)})
              </Text>
            </Text>
          ) : (
            <Text c="dimmed">Drop a CSV file here (up to 1 GB), or</Text>
          )}
          <FileButton onChange={choose} accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values">
            {(buttonProps) => (
              <Button variant="default" {...buttonProps}>
                {file ? 'Choose another file' : 'Choose a file'}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            Comma, semicolon or tab separated; the first row names the columns.
          </Text>
        </Stack>
      </Card>

      <Group justify="space-between" align="flex-end">
        <Select
          label="Encoding"
          w={300}
          data={encodingOptions}
          value={encoding}
          onChange={(value) => setEncoding(value ?? '')}
          allowDeselect={false}
        />
        <Button
          leftSection={<IconUpload size={16} />}
          disabled={!file}
          loading={upload.isPending}
          onClick={() => file && upload.mutate(file)}
        >
          Upload {kindLabels[kind].toLowerCase()}
        </Button>
      </Group>
      {upload.isPending && (
        <Progress.Root size="lg">
          <Progress.Section value={progress * 100} animated={progress >= 1}>
            <Progress.Label>{progress >= 1 ? 'Reading the file…' : `${Math.round(progress * 100)} %`}</Progress.Label>
          </Progress.Section>
        </Progress.Root>
      )}
      {upload.isError && (
        <Alert color="red" title="The file could not be read">
          {errorMessage(upload.error)}
        </Alert>
      )}
    </Stack>
  );
}
