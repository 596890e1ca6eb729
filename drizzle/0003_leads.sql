-- Search by any part of a name, email or company needs trigram indexes (a trusted extension since PG 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "rejection_reasons" (
	"workspace_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"default_outcome" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rejection_reasons_workspace_id_code_pk" PRIMARY KEY("workspace_id","code")
);
--> statement-breakpoint
CREATE TABLE "status_changes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"reason" text,
	CONSTRAINT "status_changes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "property_definitions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_definitions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "property_definitions_key_format" CHECK ("property_definitions"."key" ~ '^[a-z][a-z0-9_]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "sales_activities" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid,
	"deal_id" uuid,
	"company_id" uuid,
	"user_id" uuid,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"duration_seconds" integer,
	"subject" text,
	"body" text,
	"due_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_activities_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "sales_activities_type_check" CHECK ("sales_activities"."type" in ('call', 'email', 'meeting', 'note', 'task'))
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"list" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
DROP INDEX "contacts_last_activity_idx";--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "properties" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "status_changes_contact_idx" ON "status_changes" USING btree ("workspace_id","contact_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "property_definitions_key" ON "property_definitions" USING btree ("workspace_id","object","key");--> statement-breakpoint
CREATE INDEX "sales_activities_contact_idx" ON "sales_activities" USING btree ("workspace_id","contact_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sales_activities_deal_idx" ON "sales_activities" USING btree ("workspace_id","deal_id");--> statement-breakpoint
CREATE INDEX "sales_activities_open_tasks_idx" ON "sales_activities" USING btree ("workspace_id","user_id","due_at") WHERE "sales_activities"."type" = 'task' and "sales_activities"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "saved_views_user_idx" ON "saved_views" USING btree ("workspace_id","list","user_id");--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_score_idx" ON "contacts" USING btree ("workspace_id","score" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("workspace_id",lower(coalesce("last_name", '') || ' ' || coalesce("first_name", '')),"id");--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ((lower(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("company_name", ''))) gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "deals_external_id_key" ON "deals" USING btree ("workspace_id","external_id") WHERE "deals"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "contacts_last_activity_idx" ON "contacts" USING btree ("workspace_id","last_activity_at" DESC NULLS LAST,"id" DESC NULLS LAST);