ALTER TABLE "log_checkpoints" ADD COLUMN "statement" text;--> statement-breakpoint
ALTER TABLE "log_checkpoints" ADD COLUMN "statement_language" text;