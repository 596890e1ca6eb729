CREATE TABLE "conversion_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"step" text NOT NULL,
	"anonymous_id" text,
	"contact_id" uuid,
	"cta_id" uuid,
	"landing_page_id" uuid,
	"variant_id" text,
	"form_id" uuid,
	"asset_id" uuid,
	"source" text,
	"campaign" text,
	CONSTRAINT "conversion_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "conversion_events_at_idx" ON "conversion_events" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "conversion_events_page_idx" ON "conversion_events" USING btree ("workspace_id","landing_page_id","variant_id","step");--> statement-breakpoint
CREATE INDEX "conversion_events_cta_idx" ON "conversion_events" USING btree ("workspace_id","cta_id","step");--> statement-breakpoint
CREATE INDEX "contacts_working_idx" ON "contacts" USING btree ("workspace_id","owner_id","last_activity_at") WHERE "contacts"."lifecycle_stage" in ('mql', 'sal') and "contacts"."merged_into_id" is null;