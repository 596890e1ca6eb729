CREATE TABLE "engagement_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"label" text NOT NULL,
	"match" jsonb NOT NULL,
	"points" integer NOT NULL,
	"caps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "fit_criteria" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"label" text NOT NULL,
	"field" text NOT NULL,
	"operator" text NOT NULL,
	"values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"points" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fit_criteria_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "score_changes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"score" double precision NOT NULL,
	"grade" text,
	"fit_points" integer DEFAULT 0 NOT NULL,
	"cause" text NOT NULL,
	"cause_id" text,
	CONSTRAINT "score_changes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "scoring_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"half_life_days" double precision DEFAULT 30 NOT NULL,
	"grade_bands" jsonb NOT NULL,
	"mql_rule" jsonb NOT NULL,
	"hand_raiser" jsonb NOT NULL,
	"disqualify" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"rescore" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "contacts_score_idx";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "fit_points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "score_value" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "score_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "score_rank" double precision;--> statement-breakpoint
CREATE INDEX "score_changes_contact_idx" ON "score_changes" USING btree ("workspace_id","contact_id","at");--> statement-breakpoint
CREATE INDEX "contacts_score_rank_idx" ON "contacts" USING btree ("workspace_id","score_rank" DESC NULLS LAST,"id" DESC NULLS LAST);
--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "score";
--> statement-breakpoint
CREATE UNIQUE INDEX "personas_name_key" ON "personas" USING btree ("workspace_id",lower("name"));
--> statement-breakpoint
ALTER TABLE "scoring_settings" ADD COLUMN "active_half_life_days" double precision;
