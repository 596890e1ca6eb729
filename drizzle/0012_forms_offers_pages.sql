CREATE TABLE "ctas" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"style" text DEFAULT 'button' NOT NULL,
	"background_color" text DEFAULT '#4f46e5' NOT NULL,
	"text_color" text DEFAULT '#ffffff' NOT NULL,
	"target_page_id" uuid,
	"target_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ctas_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "ctas_target_check" CHECK ("ctas"."target_page_id" is not null or "ctas"."target_url" is not null)
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"values" jsonb NOT NULL,
	"context" jsonb NOT NULL,
	"anonymous_id" text,
	"email" text,
	"contact_id" uuid,
	"spam_reason" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "form_submissions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "form_submissions_status_check" CHECK ("form_submissions"."status" in ('pending', 'processed', 'failed', 'spam'))
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"consent" jsonb,
	"success" jsonb NOT NULL,
	"spam" jsonb NOT NULL,
	"hand_raiser" boolean DEFAULT false NOT NULL,
	"progressive_limit" integer DEFAULT 2 NOT NULL,
	"submit_label" text DEFAULT 'Submit' NOT NULL,
	"notify_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signing_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forms_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "forms_status_check" CHECK ("forms"."status" in ('draft', 'published', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "landing_page_variants" (
	"workspace_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"headline" text NOT NULL,
	"subheadline" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "landing_page_variants_workspace_id_page_id_id_pk" PRIMARY KEY("workspace_id","page_id","id")
);
--> statement-breakpoint
CREATE TABLE "landing_pages" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"template" text DEFAULT 'classic' NOT NULL,
	"accent_color" text DEFAULT '#4f46e5' NOT NULL,
	"seo_title" text DEFAULT '' NOT NULL,
	"seo_description" text DEFAULT '' NOT NULL,
	"og_image_asset_id" uuid,
	"form_id" uuid,
	"asset_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "landing_pages_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "landing_pages_status_check" CHECK ("landing_pages"."status" in ('draft', 'published'))
);
--> statement-breakpoint
CREATE TABLE "content_assets" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"gate_form_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_assets_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "content_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"link_secret" text NOT NULL,
	"write_key" text,
	"write_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "form_submissions_form_idx" ON "form_submissions" USING btree ("workspace_id","form_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "form_submissions_status_idx" ON "form_submissions" USING btree ("workspace_id","status","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "landing_pages_slug_key" ON "landing_pages" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "content_assets_created_idx" ON "content_assets" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "conversion_events_contact_idx" ON "conversion_events" USING btree ("workspace_id","contact_id") WHERE "conversion_events"."contact_id" is not null;