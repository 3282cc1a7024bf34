CREATE TABLE `batch_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`step_id` text,
	`text` text NOT NULL,
	`author_user_id` text NOT NULL,
	`author_name` text NOT NULL,
	`created_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `batch_comments_batch` ON `batch_comments` (`batch_id`);--> statement-breakpoint
CREATE TABLE `batch_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`step_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`origin` text NOT NULL,
	`within_limits` integer,
	`supersedes_id` text,
	`reason` text,
	`entered_by_user_id` text NOT NULL,
	`entered_by_name` text NOT NULL,
	`entered_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `batch_entries_step` ON `batch_entries` (`batch_id`,`step_id`);--> statement-breakpoint
CREATE TABLE `batch_exceptions` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`step_id` text NOT NULL,
	`entry_id` text,
	`type` text NOT NULL,
	`handling` text NOT NULL,
	`severity` text NOT NULL,
	`description` text NOT NULL,
	`comment` text NOT NULL,
	`raised_by_user_id` text NOT NULL,
	`raised_by_name` text NOT NULL,
	`raised_at_utc` text NOT NULL,
	`status` text NOT NULL,
	`disposition_comment` text,
	`disposition_reference` text,
	`dispositioned_by_user_id` text,
	`dispositioned_by_name` text,
	`dispositioned_at_utc` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `batch_exceptions_batch` ON `batch_exceptions` (`batch_id`);--> statement-breakpoint
CREATE INDEX `batch_exceptions_status` ON `batch_exceptions` (`status`);--> statement-breakpoint
CREATE TABLE `batch_steps` (
	`batch_id` text NOT NULL,
	`step_id` text NOT NULL,
	`position` integer NOT NULL,
	`status` text NOT NULL,
	`owner_user_id` text,
	`owner_name` text,
	`started_at_utc` text,
	`completed_at_utc` text,
	PRIMARY KEY(`batch_id`, `step_id`)
) STRICT;
--> statement-breakpoint
CREATE TABLE `batches` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_number` text NOT NULL,
	`recipe_version_id` text NOT NULL,
	`recipe_code` text NOT NULL,
	`recipe_version_label` text NOT NULL,
	`recipe_content_hash` text NOT NULL,
	`product_code` text NOT NULL,
	`product_name` text NOT NULL,
	`planned_quantity` real NOT NULL,
	`planned_unit` text NOT NULL,
	`training` integer NOT NULL,
	`status` text NOT NULL,
	`terminal_id` text NOT NULL,
	`created_by_user_id` text NOT NULL,
	`created_by_name` text NOT NULL,
	`created_at_utc` text NOT NULL,
	`started_at_utc` text,
	`execution_completed_at_utc` text,
	`aborted_at_utc` text
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_batch_number` ON `batches` (`batch_number`);--> statement-breakpoint
CREATE INDEX `batches_status` ON `batches` (`status`);--> statement-breakpoint
CREATE TRIGGER `batches_identity_immutable` BEFORE UPDATE OF `id`, `batch_number`, `recipe_version_id`, `recipe_content_hash`, `planned_quantity`, `planned_unit`, `training`, `terminal_id`, `created_by_user_id`, `created_at_utc` ON `batches`
BEGIN
	SELECT RAISE(ABORT, 'a batch''s identity is immutable: only its status moves');
END;
--> statement-breakpoint
CREATE TRIGGER `batches_no_delete` BEFORE DELETE ON `batches`
BEGIN
	SELECT RAISE(ABORT, 'batches are aborted, never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_steps_no_delete` BEFORE DELETE ON `batch_steps`
BEGIN
	SELECT RAISE(ABORT, 'batch steps are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_entries_no_update` BEFORE UPDATE ON `batch_entries`
BEGIN
	SELECT RAISE(ABORT, 'batch_entries is append-only: a correction is a new entry');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_entries_no_delete` BEFORE DELETE ON `batch_entries`
BEGIN
	SELECT RAISE(ABORT, 'batch_entries is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_exceptions_facts_immutable` BEFORE UPDATE OF `id`, `batch_id`, `step_id`, `entry_id`, `type`, `handling`, `severity`, `description`, `comment`, `raised_by_user_id`, `raised_by_name`, `raised_at_utc` ON `batch_exceptions`
BEGIN
	SELECT RAISE(ABORT, 'an exception''s facts are immutable: only its disposition moves');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_exceptions_no_delete` BEFORE DELETE ON `batch_exceptions`
BEGIN
	SELECT RAISE(ABORT, 'exceptions are dispositioned, never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_comments_no_update` BEFORE UPDATE ON `batch_comments`
BEGIN
	SELECT RAISE(ABORT, 'batch_comments is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_comments_no_delete` BEFORE DELETE ON `batch_comments`
BEGIN
	SELECT RAISE(ABORT, 'batch_comments is append-only: DELETE refused');
END;
