CREATE TABLE "assignments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"handoff_id" uuid,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"previous_user_id" uuid,
	"rule_id" uuid,
	"rule" text,
	"reason" text NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"trace" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	CONSTRAINT "assignments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "assignments_kind_check" CHECK ("assignments"."kind" in ('routed', 'fallback', 'reassigned', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "handoffs" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"transition_id" uuid,
	"kind" text NOT NULL,
	"reason" text,
	"ready_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"routed_at" timestamp with time zone,
	CONSTRAINT "handoffs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "handoffs_kind_check" CHECK ("handoffs"."kind" in ('hand_raiser', 'mql')),
	CONSTRAINT "handoffs_status_check" CHECK ("handoffs"."status" in ('pending', 'assigned', 'fallback', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"contact_id" uuid,
	"assignment_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone,
	"email_error" text,
	CONSTRAINT "notifications_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "rep_availability" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"hours" jsonb NOT NULL,
	"max_open_untouched" integer,
	"paused" boolean DEFAULT false NOT NULL,
	"paused_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rep_availability_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "rep_time_off" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rep_time_off_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "rep_time_off_period_check" CHECK ("rep_time_off"."ends_at" > "rep_time_off"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "round_robin_credits" (
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"credit" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "round_robin_credits_workspace_id_team_id_user_id_pk" PRIMARY KEY("workspace_id","team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target" jsonb NOT NULL,
	"working_hours_only" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer NOT NULL,
	"business_hours" boolean NOT NULL,
	"steps" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"next_step" integer,
	"next_step_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"breached_at" timestamp with time zone,
	"first_touch_at" timestamp with time zone,
	"first_touch" text,
	"response_ms" integer,
	"stopped_at" timestamp with time zone,
	CONSTRAINT "sla_clocks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "sla_clocks_status_check" CHECK ("sla_clocks"."status" in ('open', 'met', 'missed', 'reassigned', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "sla_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"clock_id" uuid,
	"contact_id" uuid NOT NULL,
	"user_id" uuid,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "sla_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_goals" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"monthly_mqls" integer DEFAULT 0 NOT NULL,
	"acceptance_rate_percent" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer NOT NULL,
	"business_hours" boolean DEFAULT false NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_workspace_id_kind_pk" PRIMARY KEY("workspace_id","kind")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_handoff_key" ON "assignments" USING btree ("workspace_id","handoff_id") WHERE "assignments"."kind" in ('routed', 'fallback');--> statement-breakpoint
CREATE INDEX "assignments_contact_idx" ON "assignments" USING btree ("workspace_id","contact_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "assignments_user_idx" ON "assignments" USING btree ("workspace_id","user_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "handoffs_pending_idx" ON "handoffs" USING btree ("workspace_id","ready_at") WHERE "handoffs"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "handoffs_contact_idx" ON "handoffs" USING btree ("workspace_id","contact_id","ready_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("workspace_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rep_time_off_user_idx" ON "rep_time_off" USING btree ("workspace_id","user_id","ends_at");--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "sla_clocks_open_idx" ON "sla_clocks" USING btree ("workspace_id","next_step_at") WHERE "sla_clocks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "sla_clocks_contact_idx" ON "sla_clocks" USING btree ("workspace_id","contact_id") WHERE "sla_clocks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "sla_clocks_user_idx" ON "sla_clocks" USING btree ("workspace_id","user_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sla_clocks_open_user_idx" ON "sla_clocks" USING btree ("workspace_id","user_id") WHERE "sla_clocks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "sla_events_contact_idx" ON "sla_events" USING btree ("workspace_id","contact_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sla_events_at_idx" ON "sla_events" USING btree ("workspace_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activities_downloads_idx" ON "activities" USING btree ("workspace_id","title") WHERE "activities"."type" = 'content_download';--> statement-breakpoint
-- Every move to MQL (by a scoring rule, a hand-raiser, a person or the API; imports excepted) is a
-- hand-off to sales: recorded here, in the transaction that made it, and routed by a job that starts
-- at once (graphile-worker wakes on NOTIFY). One job per workspace drains its pending hand-offs.
-- A session loading past history (the demo generator) sets baton.recording_history: those moves
-- happened long ago and are nobody's hand-off now.
CREATE FUNCTION "handoffs_from_transitions"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws uuid;
BEGIN
  IF current_setting('baton.recording_history', true) = 'on' THEN
    RETURN NULL;
  END IF;
  FOR ws IN
    WITH ready AS (
      INSERT INTO "handoffs" ("workspace_id", "id", "contact_id", "transition_id", "kind", "reason", "ready_at")
      SELECT n."workspace_id", n."id", n."contact_id", n."id",
             CASE WHEN coalesce(n."details"->>'handRaiser', 'false') = 'true' THEN 'hand_raiser' ELSE 'mql' END,
             n."rule", n."at"
        FROM new_transitions n
       WHERE n."to_stage" = 'mql' AND n."actor_type" <> 'import'
      RETURNING "workspace_id")
    SELECT DISTINCT "workspace_id" FROM ready
  LOOP
    PERFORM graphile_worker.add_job('routing.route', json_build_object('workspaceId', ws),
                                    job_key => 'routing.route:' || ws, job_key_mode => 'preserve_run_at');
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "stage_transitions_handoffs" AFTER INSERT ON "stage_transitions"
  REFERENCING NEW TABLE AS new_transitions FOR EACH STATEMENT EXECUTE FUNCTION "handoffs_from_transitions"();
