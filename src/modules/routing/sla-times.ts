import type { SlaStep } from './schema';
import { addWorkingMinutes, officeHours, type Schedule } from './working-time';

export type SlaPolicy = { minutes: number; businessHours: boolean; steps: SlaStep[] };

/** Hand-raisers within 5 minutes, MQLs within an hour; remind at half, alert at the deadline, reassign at twice it. */
export const defaultSlaPolicies: Record<'hand_raiser' | 'mql', SlaPolicy> = {
  hand_raiser: {
    minutes: 5,
    businessHours: false,
    steps: [
      { percent: 50, action: 'remind' },
      { percent: 100, action: 'alert_manager' },
      { percent: 200, action: 'reassign' },
    ],
  },
  mql: {
    minutes: 60,
    businessHours: true,
    steps: [
      { percent: 50, action: 'remind' },
      { percent: 100, action: 'alert_manager' },
      { percent: 200, action: 'reassign' },
    ],
  },
};

export const wallClock: Schedule = { timeZone: 'UTC', hours: [null, null, null, null, null, null, null] };
export const defaultSchedule: Schedule = { timeZone: 'UTC', hours: officeHours };

/** When a clock started at `startedAt` is due, and when each step of its ladder fires. */
export function slaTimes(policy: SlaPolicy, startedAt: Date, schedule: Schedule): { dueAt: Date; stepAt: Date[] } {
  const counted = policy.businessHours ? schedule : wallClock;
  const at = (percent: number) =>
    new Date(addWorkingMinutes(startedAt.getTime(), (policy.minutes * percent) / 100, counted));
  return { dueAt: at(100), stepAt: policy.steps.map((step) => at(step.percent)) };
}
