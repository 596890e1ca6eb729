CREATE TABLE "contact_merges" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"reason" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "contact_merges_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identities_workspace_id_kind_value_pk" PRIMARY KEY("workspace_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "visitor_sessions" (
	"workspace_id" uuid NOT NULL,
	"anonymous_id" text NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"session_started_at" timestamp with time zone NOT NULL,
	"campaign" text,
	CONSTRAINT "visitor_sessions_workspace_id_anonymous_id_pk" PRIMARY KEY("workspace_id","anonymous_id")
);
--> statement-breakpoint
CREATE TABLE "event_queue" (
	"workspace_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"partition" smallint NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"workspace_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"type" text NOT NULL,
	"anonymous_id" text,
	"user_id" text,
	"event" text,
	"name" text,
	"group_id" text,
	"previous_id" text,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"extra" jsonb,
	"timestamp" timestamp with time zone NOT NULL,
	"original_timestamp" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"write_key_id" uuid,
	CONSTRAINT "events_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "ingest_daily_stats" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"accepted" bigint DEFAULT 0 NOT NULL,
	"duplicates" bigint DEFAULT 0 NOT NULL,
	"rejected" bigint DEFAULT 0 NOT NULL,
	"bots" integer DEFAULT 0 NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "ingest_daily_stats_workspace_id_day_shard_pk" PRIMARY KEY("workspace_id","day","shard")
);
--> statement-breakpoint
CREATE TABLE "ingest_rejections" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"field" text,
	"message_id" text,
	"excerpt" text,
	"ip" text,
	CONSTRAINT "ingest_rejections_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "pipeline_failures" (
	"workspace_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"failed_at" timestamp with time zone NOT NULL,
	"error" text NOT NULL,
	"retried_at" timestamp with time zone,
	CONSTRAINT "pipeline_failures_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id")
);
--> statement-breakpoint
CREATE INDEX "contact_merges_survivor_idx" ON "contact_merges" USING btree ("workspace_id","survivor_id");--> statement-breakpoint
CREATE INDEX "identities_contact_idx" ON "identities" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "event_queue_partition_idx" ON "event_queue" USING btree ("partition","received_at");--> statement-breakpoint
CREATE INDEX "events_received_at_brin" ON "events" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "ingest_rejections_at_idx" ON "ingest_rejections" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "pipeline_failures_at_idx" ON "pipeline_failures" USING btree ("workspace_id","failed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_external_id_key" ON "companies" USING btree ("workspace_id","external_id") WHERE "companies"."external_id" is not null;