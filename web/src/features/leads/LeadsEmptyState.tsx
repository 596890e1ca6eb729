import { Anchor, Card, Code, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBroadcast, IconCode, IconDatabase, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Me } from '../../api/types';

/** No leads yet: say where they come from, with a way in that this person's role may use. */
export function LeadsEmptyState({ me }: { me: Me }) {
  const canTrack = me.role === 'admin' || me.role === 'marketing';
  const isAdmin = me.role === 'admin';
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Stack gap={4} align="flex-start">
          <ThemeIcon variant="light" size="xl" radius="md">
            <IconUsers size={24} />
          </ThemeIcon>
          <Title order={4}>No leads yet</Title>
          <Text size="sm" c="dimmed" maw={640}>
            Leads arrive by themselves once Baton hears about people. A visitor becomes a lead when they give an email
            address or your systems identify them; everything they did before joins their record.
          </Text>
        </Stack>
        <List spacing="md" size="sm" center>
          <List.Item
            icon={
              <ThemeIcon variant="light" color="teal" radius="xl">
                <IconBroadcast size={16} />
              </ThemeIcon>
            }
          >
            <Text size="sm" fw={500}>
              The website tracker
            </Text>
            <Text size="sm" c="dimmed">
              A snippet in your pages records visits, campaigns and form fills.{' '}
              {canTrack ? (
                <Anchor component={Link} to="/settings/tracking" inherit>
                  Settings → Tracking
                </Anchor>
              ) : (
                'An admin or marketer can set it up under Settings → Tracking.'
              )}
            </Text>
          </List.Item>
          <List.Item
            icon={
              <ThemeIcon variant="light" color="grape" radius="xl">
                <IconCode size={16} />
              </ThemeIcon>
            }
          >
            <Text size="sm" fw={500}>
              The Segment-compatible API
            </Text>
            <Text size="sm" c="dimmed">
              Send identify, track and page calls from your servers, apps or Segment to <Code>/v1/batch</Code> with a
              write key.{' '}
              {isAdmin ? (
                <Anchor component={Link} to="/settings/api-keys" inherit>
                  Settings → API keys
                </Anchor>
              ) : (
                'An admin creates write keys under Settings → API keys.'
              )}
            </Text>
          </List.Item>
          <List.Item
            icon={
              <ThemeIcon variant="light" color="orange" radius="xl">
                <IconDatabase size={16} />
              </ThemeIcon>
            }
          >
            <Text size="sm" fw={500}>
              Demo data
            </Text>
            <Text size="sm" c="dimmed">
              To look around first, run <Code>npx baton demo</Code> (or start with <Code>npm start -- --demo</Code>): it
              adds Widget Works, a separate demo workspace with 3,000 leads and months of history, and prints its
              logins.
            </Text>
          </List.Item>
        </List>
      </Stack>
    </Card>
  );
}
