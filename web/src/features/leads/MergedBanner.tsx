import { Alert, Anchor } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../../api/client';
import type { Contact } from '../../api/types';
import { contactName } from './contact-name';

/** A merged record is only a pointer now: send people to the record that holds the history. */
export function MergedBanner({ survivorId }: { survivorId: string }) {
  const survivor = useQuery({
    queryKey: ['contact', survivorId],
    queryFn: () => get<Contact>(`/api/contacts/${survivorId}`),
  });
  return (
    <Alert color="yellow" icon={<IconGitMerge size={18} />} title="This record was merged">
      This record was merged into{' '}
      <Anchor component={Link} to={`/leads/${survivorId}`} inherit fw={600}>
        {survivor.data ? contactName(survivor.data) : 'another lead'}
      </Anchor>
      , which now holds its activities, touches and stage history. It is kept so that links and ids pointing here still
      find the person.
    </Alert>
  );
}
