-- Everything stored in `events` is queued for the pipeline, counted, and announced, in the same
-- statement that stores it: ingest needs one COPY (its own transaction) per group commit.
-- The partition spreads visitors over pipeline workers while keeping each visitor's events in order
-- (16 partitions: keep in step with PARTITIONS in src/modules/ingest/partition.ts).
CREATE OR REPLACE FUNCTION baton_event_partition(visitor text) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ((hashtext(visitor)::bigint & 2147483647) % 16)::smallint $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION baton_events_stored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_queue (workspace_id, message_id, partition, received_at)
  SELECT workspace_id, message_id, baton_event_partition(coalesce(anonymous_id, user_id, message_id)), received_at
    FROM stored_events;
  -- Counter rows are sharded so concurrent commits do not queue behind one row lock.
  INSERT INTO ingest_daily_stats (workspace_id, day, shard, accepted)
  SELECT workspace_id, (now() AT TIME ZONE 'utc')::date, floor(random() * 32)::smallint, count(*)
    FROM stored_events GROUP BY workspace_id
  ON CONFLICT (workspace_id, day, shard) DO UPDATE SET accepted = ingest_daily_stats.accepted + excluded.accepted;
  PERFORM pg_notify('baton_events', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_stored AFTER INSERT ON events
  REFERENCING NEW TABLE AS stored_events
  FOR EACH STATEMENT EXECUTE FUNCTION baton_events_stored();
