import { Alert, Anchor, Button, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, del, errorMessage, get } from '../../api/client';
import { formatNumber } from '../../api/format';
import { can } from '../../api/permissions';
import type { Company, ContactPage, Me } from '../../api/types';
import { DealsPanel } from '../deals/DealsPanel';
import { contactName } from '../leads/contact-name';
import { LeadsTable } from '../leads/LeadsTable';
import { LeadTimeline } from '../leads/LeadTimeline';
import { CompanyFormModal } from './CompanyFormModal';
import { CompanyHeader } from './CompanyHeader';

const PEOPLE = 50;

export function CompanyPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, editModal] = useDisclosure(false);
  const company = useQuery({ queryKey: ['company', id], queryFn: () => get<Company>(`/api/companies/${id}`) });
  const people = useQuery({
    queryKey: ['contacts', { company: id, limit: PEOPLE }],
    queryFn: () => get<ContactPage>(`/api/contacts?company=${id}&limit=${PEOPLE}`),
  });
  const remove = useMutation({
    mutationFn: () => del(`/api/companies/${id}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['company', id] });
      for (const key of ['companies', 'contacts', 'contact', 'deals'])
        queryClient.invalidateQueries({ queryKey: [key] });
      navigate('/companies');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const data = company.data;
  const missing = company.error instanceof ApiError && [400, 404].includes(company.error.status);
  const names = new Map((people.data?.items ?? []).map((contact) => [contact.id, contactName(contact)]));
  const confirmDelete = (name: string) =>
    modals.openConfirmModal({
      title: `Delete ${name}?`,
      children: <Text size="sm">The company goes; its leads and deals stay, without a company.</Text>,
      labels: { confirm: 'Delete company', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(),
    });

  return (
    <Stack gap="md" maw={1100}>
      <Group>
        <Anchor component={Link} to="/companies" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            Companies
          </Group>
        </Anchor>
      </Group>
      {company.isPending && <Skeleton h={180} />}
      {company.isError && (
        <Alert
          color={missing ? 'yellow' : 'red'}
          title={missing ? 'No such company' : 'The company could not be loaded'}
        >
          {missing ? 'This company does not exist in this workspace.' : errorMessage(company.error)}
        </Alert>
      )}
      {data && (
        <>
          <CompanyHeader
            company={data}
            action={
              <Group gap="xs">
                <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open}>
                  Edit
                </Button>
                {can(me.role, 'deleteCompanies') && (
                  <Button
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => confirmDelete(data.name)}
                    loading={remove.isPending}
                  >
                    Delete
                  </Button>
                )}
              </Group>
            }
          />
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={4}>People</Title>
              {data.contacts > 0 && (
                <Anchor component={Link} to={`/leads?company=${data.id}`} size="sm">
                  {data.contacts > PEOPLE
                    ? `All ${formatNumber(data.contacts)} in the leads list`
                    : 'Open in the leads list'}
                </Anchor>
              )}
            </Group>
            {people.isPending && <Skeleton h={120} />}
            {people.isError && <Alert color="red">{errorMessage(people.error)}</Alert>}
            {people.isSuccess && people.data.items.length === 0 && (
              <Card withBorder padding="lg">
                <Text size="sm" c="dimmed">
                  No leads at this company yet.
                </Text>
              </Card>
            )}
            {people.data && people.data.items.length > 0 && (
              <LeadsTable rows={people.data.items} dimmed={false} withCompany={false} />
            )}
          </Stack>
          <Grid gutter="md">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <LeadTimeline of={{ company: data.id }} contactNames={names} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <DealsPanel
                filter={{ company: data.id }}
                canCreate={can(me.role, 'workDeals')}
                defaults={{ name: data.name, companyId: data.id, ownerId: data.ownerId }}
                known={{ companyName: data.name }}
              />
            </Grid.Col>
          </Grid>
          {editing && <CompanyFormModal company={data} onClose={editModal.close} />}
        </>
      )}
    </Stack>
  );
}
