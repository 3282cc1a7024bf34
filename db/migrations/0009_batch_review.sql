CREATE TABLE `batch_audit_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`row_count` integer NOT NULL,
	`first_seq` integer,
	`last_seq` integer,
	`digest` text NOT NULL,
	`comment` text NOT NULL,
	`reviewed_by_user_id` text NOT NULL,
	`reviewed_by_name` text NOT NULL,
	`reviewed_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `batch_audit_reviews_batch` ON `batch_audit_reviews` (`batch_id`);--> statement-breakpoint
CREATE TABLE `batch_dispositions` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`item_key` text NOT NULL,
	`decision` text NOT NULL,
	`comment` text NOT NULL,
	`reference` text,
	`decided_by_user_id` text NOT NULL,
	`decided_by_name` text NOT NULL,
	`decided_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `batch_dispositions_batch` ON `batch_dispositions` (`batch_id`,`item_key`);--> statement-breakpoint
ALTER TABLE `batches` ADD `released_at_utc` text;--> statement-breakpoint
ALTER TABLE `batches` ADD `rejected_at_utc` text;
--> statement-breakpoint
CREATE TRIGGER `batch_audit_reviews_no_update` BEFORE UPDATE ON `batch_audit_reviews`
BEGIN
	SELECT RAISE(ABORT, 'batch_audit_reviews is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_audit_reviews_no_delete` BEFORE DELETE ON `batch_audit_reviews`
BEGIN
	SELECT RAISE(ABORT, 'batch_audit_reviews is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_dispositions_no_update` BEFORE UPDATE ON `batch_dispositions`
BEGIN
	SELECT RAISE(ABORT, 'batch_dispositions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_dispositions_no_delete` BEFORE DELETE ON `batch_dispositions`
BEGIN
	SELECT RAISE(ABORT, 'batch_dispositions is append-only: DELETE refused');
END;
--> statement-breakpoint
-- A released or rejected batch is locked (A11-15): nothing of it moves any more, whatever the caller.
CREATE TRIGGER `batches_locked_after_decision` BEFORE UPDATE ON `batches`
WHEN OLD.status IN ('released', 'rejected')
BEGIN
	SELECT RAISE(ABORT, 'the batch is released or rejected: it is locked');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_steps_locked_after_decision` BEFORE UPDATE ON `batch_steps`
WHEN (SELECT status FROM batches WHERE id = OLD.batch_id) IN ('released', 'rejected')
BEGIN
	SELECT RAISE(ABORT, 'the batch is released or rejected: it is locked');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_entries_locked_after_decision` BEFORE INSERT ON `batch_entries`
WHEN (SELECT status FROM batches WHERE id = NEW.batch_id) IN ('released', 'rejected')
BEGIN
	SELECT RAISE(ABORT, 'the batch is released or rejected: it is locked');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_exceptions_locked_after_decision` BEFORE UPDATE ON `batch_exceptions`
WHEN (SELECT status FROM batches WHERE id = OLD.batch_id) IN ('released', 'rejected')
BEGIN
	SELECT RAISE(ABORT, 'the batch is released or rejected: it is locked');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_exceptions_insert_locked_after_decision` BEFORE INSERT ON `batch_exceptions`
WHEN (SELECT status FROM batches WHERE id = NEW.batch_id) IN ('released', 'rejected')
BEGIN
	SELECT RAISE(ABORT, 'the batch is released or rejected: it is locked');
END;
