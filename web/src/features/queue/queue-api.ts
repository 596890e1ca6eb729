import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type SlaUrgency, slaUrgency } from '../../../../src/modules/queue/queue-order';
import { get } from '../../api/client';
import type { LeadRef, Stage } from '../../api/types';

export type QueueItem = {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  company: string | null;
  persona: string | null;
  grade: string | null;
  score: number;
  stage: Stage;
  workingStatus: string | null;
  ownerId: string | null;
  ownerName: string | null;
  handRaiser: boolean;
  reason: string;
  sla: { clockId: string; kind: string; startedAt: string; dueAt: string; urgency: SlaUrgency } | null;
  lastActivityAt: string | null;
  warm: boolean;
  lastTouch: { type: string; outcome: string | null; at: string } | null;
  snoozedUntil: string | null;
};

export type QueuePage = {
  now: string;
  items: QueueItem[];
  total: number;
  overdue: number;
  warm: number;
  snoozed: number;
  /** Working leads with no activity, hand-off or open task in 30 days: in the lead list, not here. */
  resting: number;
};

/** Whose queue is shown: "mine", "rep:<id>", "team:<id>" or "unassigned" (as in the page's URL). */
export type QueueView = string;

const PAGE = 50;

function queryOf(view: QueueView, snoozed: boolean, offset: number) {
  const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (snoozed) params.set('snoozed', 'true');
  if (view === 'unassigned') params.set('unassigned', 'true');
  else if (view.startsWith('rep:')) params.set('userId', view.slice(4));
  else if (view.startsWith('team:')) params.set('teamId', view.slice(5));
  return `/api/queue?${params}`;
}

/**
 * A queue, page by page. Live: the notification stream invalidates ['queue'] when a lead is
 * assigned or an SLA step fires; a slow refetch also catches snoozes that run out.
 */
export function useQueue(view: QueueView, snoozed: boolean) {
  return useInfiniteQuery({
    queryKey: ['queue', view, snoozed],
    queryFn: ({ pageParam }) => get<QueuePage>(queryOf(view, snoozed, pageParam)),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
      const total = snoozed ? last.snoozed : last.total;
      return loaded < total && last.items.length === PAGE ? loaded : undefined;
    },
    refetchInterval: 60_000,
  });
}

export const leadRefOf = (item: QueueItem): LeadRef => ({
  id: item.contactId,
  firstName: item.firstName,
  lastName: item.lastName,
  email: item.email,
  ownerId: item.ownerId,
});

/** The time now, ticking every second (for countdowns). */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The server's time now, ticking every second: countdowns follow the server's clock (the deadlines
 * are its), whatever the device's clock says.
 */
export function useServerNow(serverNow: string | undefined): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (serverNow) setOffset(new Date(serverNow).getTime() - Date.now());
  }, [serverNow]);
  return useNow() + offset;
}

/** "4:59 left", "1 h 12 min left", "overdue 2:10": minutes and seconds once it is close. */
export function countdownWords(dueAt: string, now: number): string {
  const left = new Date(dueAt).getTime() - now;
  const seconds = Math.round(Math.abs(left) / 1000);
  const span =
    seconds < 3600
      ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
      : seconds < 48 * 3600
        ? `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`
        : `${Math.floor(seconds / 86_400)} d`;
  return left >= 0 ? `${span} left` : `overdue ${span}`;
}

/** The urgency at `now` (the server gave it at fetch time; the countdown moves on), by the server's own rule. */
export const urgencyAt = (sla: { startedAt: string; dueAt: string }, now: number): SlaUrgency =>
  slaUrgency({ startedAt: new Date(sla.startedAt), dueAt: new Date(sla.dueAt) }, new Date(now));
