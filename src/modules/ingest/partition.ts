/**
 * Number of pipeline partitions. Events of one visitor (anonymous id, else user id) share a
 * partition, so they are applied in order; the events_stored trigger assigns it in SQL
 * (`baton_event_partition`, drizzle/0002_ingest_trigger.sql), which must use the same number.
 */
export const PARTITIONS = 16;
