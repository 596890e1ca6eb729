import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';

type TalkTrack = {
  opener: string;
  interest: string | null;
  questions: string[];
  nextContent: string | null;
  objections: string[];
};

/** What to say on the call, written from what this lead did and their persona. */
export function TalkTrackPanel({ contactId }: { contactId: string }) {
  const track = useQuery({
    queryKey: ['contact', contactId, 'talk-track'],
    queryFn: () => get<TalkTrack>(`/api/contacts/${contactId}/talk-track`),
  });
  const data = track.data;
  if (!data) return null;
  return (
    <Card withBorder padding="lg" aria-label="Talk track">
      <Title order={4} mb="xs">
        Talk track
      </Title>
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {data.opener}
        </Text>
        {data.interest && (
          <Text size="sm" c="dimmed">
            {data.interest}
          </Text>
        )}
        <Text size="sm" fw={500}>
          Ask
        </Text>
        <List size="sm" type="ordered" spacing={2}>
          {data.questions.map((question) => (
            <List.Item key={question}>{question}</List.Item>
          ))}
        </List>
        {data.nextContent && (
          <Text size="sm">
            <Text span fw={500}>
              Offer next:
            </Text>{' '}
            {data.nextContent}
          </Text>
        )}
        {data.objections.length > 0 && (
          <Text size="sm">
            <Text span fw={500}>
              Expect:
            </Text>{' '}
            {data.objections.join('; ')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
