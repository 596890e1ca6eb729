import { Anchor, Button, Card, Code, Collapse, Divider, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import type { Contact } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';

/** The identities that lead to this person: browsers seen before they said who they were, and merged records. */
export function KnownAs({ contact }: { contact: Contact }) {
  const [showIds, ids] = useDisclosure(false);
  const count = contact.anonymousIds.length;
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={4}>Known as</Title>
        <div>
          <Text size="sm" fw={500}>
            {count === 0
              ? 'No anonymous visitor ids'
              : count === 1
                ? '1 anonymous visitor id'
                : `${count} anonymous visitor ids`}
          </Text>
          <Text size="xs" c="dimmed">
            Browsers and devices seen before or after they identified themselves.
          </Text>
          {count > 0 && (
            <>
              <Button variant="subtle" size="compact-xs" px={0} onClick={ids.toggle} aria-expanded={showIds}>
                {showIds ? 'Hide ids' : 'Show ids'}
              </Button>
              <Collapse in={showIds}>
                <Stack gap={4} mt={4}>
                  {contact.anonymousIds.map((id) => (
                    <Code key={id} style={{ overflowWrap: 'anywhere' }}>
                      {id}
                    </Code>
                  ))}
                </Stack>
              </Collapse>
            </>
          )}
        </div>
        <Divider />
        <div>
          <Text size="sm" fw={500}>
            Merged records
          </Text>
          {contact.merges.length === 0 ? (
            <Text size="xs" c="dimmed">
              No duplicate has been merged into this lead.
            </Text>
          ) : (
            <Stack gap="xs" mt={4}>
              {contact.merges.map((merge) => (
                <div key={merge.mergedId}>
                  <Anchor
                    component={Link}
                    to={`/leads/${merge.mergedId}`}
                    size="sm"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {merge.email ?? 'A record without email'}
                  </Anchor>
                  <Text size="xs" c="dimmed" component="div">
                    <RelativeTime at={merge.at} size="xs" /> · {merge.reason}
                  </Text>
                </div>
              ))}
            </Stack>
          )}
        </div>
      </Stack>
    </Card>
  );
}
