-- Scores move out of contacts into a narrow 1:1 table: a rescore rewrites these rows and their
-- two indexes instead of the wide contact rows and their ten.
-- No contact may be written between the copy of the scores below and the triggers that take over.
LOCK TABLE "contacts" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TABLE "contact_scores" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"persona_id" uuid,
	"grade" text,
	"fit_points" integer DEFAULT 0 NOT NULL,
	"score_value" double precision DEFAULT 0 NOT NULL,
	"score_at" timestamp with time zone,
	"score_rank" double precision,
	CONSTRAINT "contact_scores_workspace_id_contact_id_pk" PRIMARY KEY("workspace_id","contact_id")
);
--> statement-breakpoint
INSERT INTO "contact_scores" ("workspace_id", "contact_id", "persona_id", "grade", "fit_points", "score_value", "score_at", "score_rank")
SELECT "workspace_id", "id", "persona_id", "grade", "fit_points", "score_value", "score_at", "score_rank" FROM "contacts";
--> statement-breakpoint
DROP INDEX "contacts_score_rank_idx";--> statement-breakpoint
CREATE INDEX "contact_scores_rank_idx" ON "contact_scores" USING btree ("workspace_id","score_rank" DESC NULLS LAST,"contact_id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "persona_id";--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "grade";--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "fit_points";--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "score_value";--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "score_at";--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "score_rank";--> statement-breakpoint
-- Every contact has its score row from the statement that inserts it, and loses it with it. Set
-- per statement (one INSERT … SELECT per COPY or batch), not per row, and without a foreign key,
-- whose per-row check would cost an import of a million contacts seconds.
CREATE FUNCTION contact_scores_follow_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_scores (workspace_id, contact_id) SELECT workspace_id, id FROM inserted_contacts;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION contact_scores_follow_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_scores s USING deleted_contacts d WHERE s.workspace_id = d.workspace_id AND s.contact_id = d.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_insert_scores AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS inserted_contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_scores_follow_inserts();
--> statement-breakpoint
CREATE TRIGGER contacts_delete_scores AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS deleted_contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_scores_follow_deletes();
