import { Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  type Icon,
  IconArrowBackUp,
  IconClick,
  IconDownload,
  IconForms,
  IconHandStop,
  IconStar,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import { formatRelative } from '../../api/format';

type Moment = {
  kind: 'hand_raiser' | 'form' | 'download' | 'key_page' | 'email_click' | 'return_visit';
  at: string;
  text: string;
};

const looks: Record<Moment['kind'], { icon: Icon; color: string }> = {
  hand_raiser: { icon: IconHandStop, color: 'grape' },
  form: { icon: IconForms, color: 'blue' },
  download: { icon: IconDownload, color: 'teal' },
  key_page: { icon: IconStar, color: 'yellow' },
  email_click: { icon: IconClick, color: 'cyan' },
  return_visit: { icon: IconArrowBackUp, color: 'orange' },
};

/** The few things this lead did that matter before a call (the workspace chooses which, in Settings). */
export function InterestingMomentsPanel({ contactId }: { contactId: string }) {
  const moments = useQuery({
    queryKey: ['contact', contactId, 'moments'],
    queryFn: () => get<{ items: Moment[] }>(`/api/contacts/${contactId}/moments`),
  });
  const items = moments.data?.items;
  if (!items) return null;
  return (
    <Card withBorder padding="lg" aria-label="Interesting moments">
      <Title order={4} mb="xs">
        Interesting moments
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing yet: forms, downloads, key pages, email clicks and returns after a silence show here.
        </Text>
      ) : (
        <Stack gap={8}>
          {items.slice(0, 8).map((moment) => {
            const look = looks[moment.kind];
            return (
              <Group key={`${moment.kind}-${moment.at}`} gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon size="sm" variant="light" color={look.color} radius="xl" aria-hidden>
                  <look.icon size={12} />
                </ThemeIcon>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm">{moment.text}</Text>
                  <Text size="xs" c="dimmed">
                    {formatRelative(moment.at)}
                  </Text>
                </div>
              </Group>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
