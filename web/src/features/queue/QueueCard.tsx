import { ActionIcon, Anchor, Badge, Button, Checkbox, Group, Menu, Paper, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAlarm,
  IconCheck,
  IconChevronDown,
  IconFlame,
  IconHandStop,
  IconPhone,
  IconPhoneCall,
  IconX,
} from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatRelative } from '../../api/format';
import { callOutcomeLabels } from '../../api/types';
import { contactName } from '../leads/contact-name';
import { StageBadge } from '../leads/StageBadge';
import { gradeColors } from '../scoring/api';
import type { QueueItem } from './queue-api';
import { SlaCountdown, urgencyColor } from './SlaCountdown';
import { useLeadActions } from './use-lead-actions';

/** Snooze choices a rep makes in one click: soon, later today, tomorrow morning, next week. */
export function snoozeChoices(now = dayjs()) {
  const tomorrow = now.add(1, 'day').hour(9).minute(0).second(0).millisecond(0);
  const monday = now
    .add((8 - now.day()) % 7 || 7, 'day')
    .hour(9)
    .minute(0)
    .second(0)
    .millisecond(0);
  return [
    { label: 'For 1 hour', until: now.add(1, 'hour') },
    { label: 'For 4 hours', until: now.add(4, 'hour') },
    { label: 'Until tomorrow 9:00', until: tomorrow },
    { label: 'Until Monday 9:00', until: monday },
  ];
}

export type QueueCardMenus = { call: boolean; snooze: boolean };

/**
 * One lead in the queue: who, why they are here, how long is left on the SLA, and the actions a rep
 * takes without leaving the queue. Selected (by click, focus or j/k), it shows its talk track.
 */
export function QueueCard(props: {
  item: QueueItem;
  now: number;
  selected: boolean;
  onSelect(): void;
  /** Menus opened from the keyboard (c, s). */
  menus: QueueCardMenus;
  onMenus(menus: QueueCardMenus): void;
  onReject(): void;
  onLogOther(): void;
  showOwner: boolean;
  canJudge: boolean;
  checked?: boolean;
  onCheck?(checked: boolean): void;
  children?: ReactNode;
}) {
  const { item } = props;
  const name = contactName(item);
  const { logCall, accept, snooze } = useLeadActions(item);
  const subtitle = [item.title, item.company].filter(Boolean).join(' · ');

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      role="listitem"
      aria-label={name}
      aria-current={props.selected ? 'true' : undefined}
      tabIndex={0}
      onFocus={props.onSelect}
      onClick={props.onSelect}
      data-selected={props.selected || undefined}
      style={{
        borderColor: props.selected ? 'var(--mantine-color-blue-5)' : undefined,
        boxShadow: props.selected ? '0 0 0 1px var(--mantine-color-blue-5)' : undefined,
        borderLeft: item.sla ? `4px solid var(--mantine-color-${urgencyColor(item.sla, props.now)}-6)` : undefined,
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            {props.onCheck && (
              <Checkbox
                aria-label={`Select ${name}`}
                checked={props.checked ?? false}
                onChange={(event) => props.onCheck?.(event.currentTarget.checked)}
                onClick={(event) => event.stopPropagation()}
              />
            )}
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/leads/${item.contactId}`} fw={600} truncate="end" display="block">
                {name}
              </Anchor>
              {subtitle && (
                <Text size="sm" c="dimmed" truncate="end">
                  {subtitle}
                </Text>
              )}
            </div>
          </Group>
          {item.sla && <SlaCountdown clock={item.sla} now={props.now} />}
        </Group>
        <Group gap={6}>
          {item.handRaiser && (
            <Badge color="grape" variant="light" leftSection={<IconHandStop size={12} />}>
              Hand-raiser
            </Badge>
          )}
          {item.warm && (
            <Tooltip label={item.lastActivityAt ? `Active ${formatRelative(item.lastActivityAt)}` : 'Active lately'}>
              <Badge color="orange" variant="light" leftSection={<IconFlame size={12} />}>
                Warm
              </Badge>
            </Tooltip>
          )}
          <Badge
            color={item.grade ? (gradeColors[item.grade] ?? 'gray') : 'gray'}
            variant="light"
            aria-label={`${item.grade ? `Grade ${item.grade}` : 'Not graded'}, score ${item.score}`}
          >
            {item.grade ?? '–'} · {item.score}
          </Badge>
          {item.persona && (
            <Badge color="gray" variant="outline">
              {item.persona}
            </Badge>
          )}
          <StageBadge stage={item.stage} />
          {props.showOwner && (
            <Badge color={item.ownerName ? 'blue' : 'red'} variant="dot">
              {item.ownerName ?? 'Unassigned'}
            </Badge>
          )}
        </Group>
        <Text size="sm">{item.reason}</Text>
        {item.lastTouch && (
          <Text size="xs" c="dimmed">
            Last touch: {item.lastTouch.type}
            {item.lastTouch.outcome ? `, ${callOutcomeLabels[item.lastTouch.outcome] ?? item.lastTouch.outcome}` : ''} ·{' '}
            {formatRelative(item.lastTouch.at)}
          </Text>
        )}
        {item.snoozedUntil && (
          <Text size="xs" c="dimmed">
            Snoozed until {dayjs(item.snoozedUntil).format('ddd D MMM, HH:mm')}
          </Text>
        )}
        {props.children}
        <Group gap="xs" onClick={(event) => event.stopPropagation()}>
          {item.phone && (
            <Button
              component="a"
              href={`tel:${item.phone}`}
              size="xs"
              variant="light"
              leftSection={<IconPhone size={14} />}
              aria-label={`Call ${name} at ${item.phone}`}
            >
              {item.phone}
            </Button>
          )}
          <Menu
            opened={props.menus.call}
            onChange={(opened) => props.onMenus({ call: opened, snooze: false })}
            position="bottom-start"
          >
            <Menu.Target>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPhoneCall size={14} />}
                rightSection={<IconChevronDown size={12} />}
                loading={logCall.isPending}
                title="Log a call (c)"
              >
                Log call
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>How did the call go?</Menu.Label>
              {Object.entries(callOutcomeLabels).map(([outcome, label]) => (
                <Menu.Item key={outcome} onClick={() => logCall.mutate(outcome)}>
                  {label[0]!.toUpperCase() + label.slice(1)}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item onClick={props.onLogOther}>Email, meeting, note…</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {props.canJudge && item.stage === 'mql' && (
            <>
              <Button
                size="xs"
                color="teal"
                variant="light"
                leftSection={<IconCheck size={14} />}
                loading={accept.isPending}
                onClick={() => accept.mutate()}
                title="Accept (a)"
              >
                Accept
              </Button>
              <Button
                size="xs"
                color="red"
                variant="subtle"
                leftSection={<IconX size={14} />}
                onClick={props.onReject}
                title="Reject (r)"
              >
                Reject
              </Button>
            </>
          )}
          {item.snoozedUntil ? (
            <Button size="xs" variant="subtle" onClick={() => snooze.mutate(null)} loading={snooze.isPending}>
              Wake up
            </Button>
          ) : (
            <Menu
              opened={props.menus.snooze}
              onChange={(opened) => props.onMenus({ call: false, snooze: opened })}
              position="bottom-start"
            >
              <Menu.Target>
                <ActionIcon variant="subtle" size="md" aria-label="Snooze (s)" loading={snooze.isPending}>
                  <IconAlarm size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Out of the queue until…</Menu.Label>
                {snoozeChoices().map((choice) => (
                  <Menu.Item key={choice.label} onClick={() => snooze.mutate(choice.until.toDate())}>
                    {choice.label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
