export { type ActivityDraft, activityFromEvent, type EventForActivity } from './activity-from-event';
export {
  type ActivityRow,
  attachAnonymousHistory,
  insertActivities,
  insertTouches,
  type TouchRow,
} from './bulk-write-activities';
export { type ActivityType, activityTypes } from './schema';
