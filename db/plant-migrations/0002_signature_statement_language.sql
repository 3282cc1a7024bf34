ALTER TABLE "log_signatures" ADD COLUMN "statement" text;--> statement-breakpoint
ALTER TABLE "log_signatures" ADD COLUMN "statement_language" text;