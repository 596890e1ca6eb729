import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Loader,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
// The same function the server exports, so the page never shows a snippet the tracker does not understand.
import { embedSnippet } from '../../../../src/modules/tracker/embed-snippet';
import { errorMessage, get } from '../../api/client';
import type { ApiKey, Me } from '../../api/types';

type SnippetOptions = { consentRequired: boolean; respectDoNotTrack: boolean };

export function TrackingSettings({ me }: { me: Me }) {
  const [options, setOptions] = useState<SnippetOptions>({ consentRequired: false, respectDoNotTrack: false });
  const toggle = (option: keyof SnippetOptions) => (event: ChangeEvent<HTMLInputElement>) => {
    const checked = event.currentTarget.checked;
    setOptions((current) => ({ ...current, [option]: checked }));
  };

  return (
    <Stack>
      <Text c="dimmed" size="sm" maw={720}>
        Paste the snippet into the <Code>&lt;head&gt;</Code> of every page of your website. It records page views
        (single-page apps included) with the campaign that brought the visitor, and the clicks and forms you mark up.
        Visitors are remembered with a first-party cookie: when one fills in a form with an email address, their earlier
        visits join the lead.
      </Text>
      <Group gap="xl" align="flex-start">
        <Switch
          label="Require consent"
          description="Send nothing and set no cookie until your consent banner calls baton.consent(true)"
          checked={options.consentRequired}
          onChange={toggle('consentRequired')}
          maw={340}
        />
        <Switch
          label="Respect Do Not Track"
          description="Send nothing for visitors whose browser asks not to be tracked (Do Not Track, Global Privacy Control)"
          checked={options.respectDoNotTrack}
          onChange={toggle('respectDoNotTrack')}
          maw={340}
        />
      </Group>
      {me.role === 'admin' ? (
        <WriteKeySnippets options={options} />
      ) : (
        <>
          <Alert color="blue" icon={<IconInfoCircle size={18} />}>
            The snippet needs a write key (wk_…), which only an admin can create, under Settings → API keys. Ask one for
            it and paste it below.
          </Alert>
          <SnippetCard title="Your website" options={options} />
        </>
      )}
      <TrackerReference />
    </Stack>
  );
}

function WriteKeySnippets({ options }: { options: SnippetOptions }) {
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => get<{ items: ApiKey[] }>('/api/api-keys') });
  if (keys.isPending) return <Loader size="sm" aria-label="Loading write keys" />;
  if (keys.isError) {
    return (
      <Alert color="red" title="The write keys could not be loaded">
        {errorMessage(keys.error)}
      </Alert>
    );
  }
  const writeKeys = keys.data.items.filter((key) => key.kind === 'write' && !key.revokedAt);
  if (writeKeys.length === 0) {
    return (
      <Alert color="blue" icon={<IconInfoCircle size={18} />} title="No write key yet">
        The tracker sends events with a write key (wk_…). Create one under{' '}
        <Anchor component={Link} to="/settings/api-keys" inherit>
          API keys
        </Anchor>
        , then come back here for the snippet.
      </Alert>
    );
  }
  return (
    <>
      {writeKeys.map((key) => (
        <SnippetCard key={key.id} title={key.name} keyPrefix={key.prefix} options={options} />
      ))}
    </>
  );
}

/**
 * Baton keeps only a hash of each key and shows a key once, when it is created: the snippet is
 * complete once the full key is pasted here (it never leaves the browser). `keyPrefix` is the
 * stored start of a known key; without it any write key is taken.
 */
function SnippetCard({ title, keyPrefix, options }: { title: string; keyPrefix?: string; options: SnippetOptions }) {
  const [pasted, setPasted] = useState('');
  const key = pasted.trim();
  const prefix = keyPrefix ?? 'wk_';
  const placeholder = keyPrefix ? `${keyPrefix}…` : 'wk_YOUR_WRITE_KEY';
  const complete = key.length > prefix.length && key.startsWith(prefix);
  const snippet = embedSnippet({ baseUrl: window.location.origin, writeKey: complete ? key : placeholder, ...options });

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group gap="xs">
          <Text fw={600}>{title}</Text>
          {keyPrefix && (
            <Badge variant="light" color="teal" tt="none" ff="monospace">
              {placeholder}
            </Badge>
          )}
        </Group>
        <TextInput
          label="Write key"
          description={
            keyPrefix
              ? 'Keys are shown only once, when created: paste it to complete the snippet (or create a new write key if it is lost).'
              : 'Paste the write key an admin gave you to complete the snippet.'
          }
          placeholder={placeholder}
          value={pasted}
          onChange={(event) => setPasted(event.currentTarget.value)}
          error={key && !complete ? `A write key ${keyPrefix ? 'for this card ' : ''}starts with ${prefix}` : undefined}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          autoComplete="off"
          spellCheck={false}
        />
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="tracker-snippet">
          {snippet}
        </Code>
        <Group>
          <CopyButton value={snippet}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'filled'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
                disabled={!complete}
              >
                {copied ? 'Copied' : 'Copy snippet'}
              </Button>
            )}
          </CopyButton>
          {!complete && (
            <Text size="sm" c="dimmed">
              Paste the write key to copy the snippet.
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

const apiCalls: [call: string, meaning: ReactNode][] = [
  ['baton.page(name?, properties?)', 'A page view. Sent by itself on load and on each single-page-app navigation.'],
  ['baton.track(event, properties?)', 'Something the visitor did, e.g. baton.track("Trial Started", { plan: "pro" }).'],
  [
    'baton.identify(userId?, traits?)',
    'Who the visitor is, e.g. after sign-in; baton.identify({ email }) works without a user id.',
  ],
  [
    'baton.consent(true | false)',
    'Call from your consent banner: true starts tracking; false stops it, on later pages too, and forgets the visitor.',
  ],
  ['baton.reset()', 'On sign-out: later events belong to a new anonymous visitor.'],
];

const dataAttributes: [attribute: string, meaning: ReactNode][] = [
  [
    'data-baton-track="Event name"',
    'On any element: a click on it (or inside it) tracks the event with its link and text.',
  ],
  ['data-baton-prop-plan="pro"', 'Beside data-baton-track: adds a property (here plan = "pro") to that event.'],
  [
    'data-baton-form="Form name"',
    'On a <form>: its submit tracks "Form Submitted" with the fields, and an email field identifies the visitor.',
  ],
  ['data-baton-ignore', 'On a form field: leave it out. Passwords, hidden and card-like fields are never read.'],
];

function TrackerReference() {
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <div>
          <Title order={4}>JavaScript API</Title>
          <Text size="sm" c="dimmed">
            Calls made before the script has loaded are kept and sent once it has.
          </Text>
        </div>
        <ReferenceTable rows={apiCalls} />
        <Title order={4}>Data attributes</Title>
        <ReferenceTable rows={dataAttributes} />
      </Stack>
    </Card>
  );
}

function ReferenceTable({ rows }: { rows: [code: string, meaning: ReactNode][] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {rows.map(([code, meaning]) => (
            <Table.Tr key={code}>
              <Table.Td w="40%">
                <Code>{code}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{meaning}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
