CREATE TABLE "import_chunks" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"chunk_no" integer NOT NULL,
	"first_row" integer NOT NULL,
	"last_row" integer NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "import_chunks_workspace_id_import_id_phase_chunk_no_pk" PRIMARY KEY("workspace_id","import_id","phase","chunk_no")
);
--> statement-breakpoint
CREATE TABLE "import_errors" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"row_number" integer NOT NULL,
	"position" smallint NOT NULL,
	"code" text NOT NULL,
	"column_name" text,
	"field" text,
	"value" text,
	"reason" text NOT NULL,
	CONSTRAINT "import_errors_workspace_id_import_id_phase_row_number_position_pk" PRIMARY KEY("workspace_id","import_id","phase","row_number","position")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"values" jsonb NOT NULL,
	CONSTRAINT "import_rows_workspace_id_import_id_row_number_pk" PRIMARY KEY("workspace_id","import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"encoding" text NOT NULL,
	"delimiter" text NOT NULL,
	"headers" jsonb NOT NULL,
	"columns" jsonb NOT NULL,
	"total_rows" integer NOT NULL,
	"blank_rows" integer DEFAULT 0 NOT NULL,
	"mapping" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"phase" text,
	"prepared_at" timestamp with time zone,
	"dry_run" jsonb,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"rows_purged_at" timestamp with time zone,
	CONSTRAINT "imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "imports_status_check" CHECK ("imports"."status" in ('uploaded', 'validating', 'validated', 'queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "imports_created_idx" ON "imports" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "imports_active_idx" ON "imports" USING btree ("status","updated_at") WHERE "imports"."status" in ('validating', 'queued', 'running');