CREATE TABLE "lead_snoozes" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_snoozes_workspace_id_user_id_contact_id_pk" PRIMARY KEY("workspace_id","user_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "personas" ADD COLUMN "talk_track_templates" jsonb DEFAULT '{}'::jsonb NOT NULL;