import { Button, Group, useMatches } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck, IconCircleX, IconPhonePlus } from '@tabler/icons-react';
import { can } from '../../api/permissions';
import type { Contact, Me } from '../../api/types';
import { AcceptLeadModal } from './AcceptLeadModal';
import { ChangeStageMenu } from './ChangeStageMenu';
import { LogActivityModal } from './LogActivityModal';
import { RejectLeadModal } from './RejectLeadModal';
import { WorkingStatusSelect } from './WorkingStatusSelect';

/** Working the lead: its stage and status, sales' verdict on an MQL, and what was done. */
export function LeadWorkBar({ contact, me }: { contact: Contact; me: Me }) {
  const [accepting, acceptModal] = useDisclosure(false);
  const [rejecting, rejectModal] = useDisclosure(false);
  const [logging, logModal] = useDisclosure(false);
  const judge = can(me.role, 'judgeLeads');
  const stage = contact.lifecycleStage;
  // Smaller controls on a phone: two rows instead of five.
  const size = useMatches({ base: 'xs', sm: 'sm' });
  return (
    <Group gap={6} wrap="wrap">
      <ChangeStageMenu contact={contact} size={size} />
      <WorkingStatusSelect contact={contact} size={size} />
      {judge && stage === 'mql' && (
        <Button size={size} color="teal" leftSection={<IconCircleCheck size={16} />} onClick={acceptModal.open}>
          Accept
        </Button>
      )}
      {judge && (stage === 'mql' || stage === 'sal') && (
        <Button
          size={size}
          color="red"
          variant="light"
          leftSection={<IconCircleX size={16} />}
          onClick={rejectModal.open}
        >
          Reject
        </Button>
      )}
      {can(me.role, 'logSalesActivity') && (
        <Button size={size} variant="light" leftSection={<IconPhonePlus size={16} />} onClick={logModal.open}>
          Log activity
        </Button>
      )}
      <AcceptLeadModal contact={contact} opened={accepting} onClose={acceptModal.close} />
      <RejectLeadModal contact={contact} opened={rejecting} onClose={rejectModal.close} />
      <LogActivityModal contact={contact} opened={logging} onClose={logModal.close} />
    </Group>
  );
}
