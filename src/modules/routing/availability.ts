import { isWorkingTime, type Schedule } from './working-time';

/** What routing knows about a rep at the moment of a hand-off. */
export type RepState = {
  userId: string;
  name: string;
  active: boolean;
  paused: boolean;
  pausedReason: string | null;
  schedule: Schedule;
  /** The out-of-office periods that cover the moment, if any. */
  outOfOffice: { until: Date; note: string | null } | null;
  /** Leads assigned to the rep and not touched yet, and the most they may hold (null: no cap). */
  openUntouched: number;
  maxOpenUntouched: number | null;
};

/** Why a rep cannot take a lead now, in words for the assignment record; null when they can. */
export function unavailableBecause(rep: RepState, at: Date, options: { workingHoursOnly: boolean }): string | null {
  if (!rep.active) return 'deactivated';
  if (rep.paused) return rep.pausedReason ? `paused by a manager (${rep.pausedReason})` : 'paused by a manager';
  if (rep.outOfOffice) {
    const until = rep.outOfOffice.until.toISOString().slice(0, 16).replace('T', ' ');
    return `out of office until ${until} UTC${rep.outOfOffice.note ? ` (${rep.outOfOffice.note})` : ''}`;
  }
  if (rep.maxOpenUntouched !== null && rep.openUntouched >= rep.maxOpenUntouched) {
    return `at the cap of ${rep.maxOpenUntouched} untouched leads`;
  }
  if (options.workingHoursOnly && !isWorkingTime(at.getTime(), rep.schedule)) {
    return `outside working hours (${rep.schedule.timeZone})`;
  }
  return null;
}
