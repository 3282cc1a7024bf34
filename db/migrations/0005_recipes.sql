CREATE TABLE `recipe_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`version_label` text NOT NULL,
	`name` text NOT NULL,
	`product_code` text NOT NULL,
	`product_name` text NOT NULL,
	`status` text NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`source_file_name` text NOT NULL,
	`author_user_id` text NOT NULL,
	`author_name` text NOT NULL,
	`imported_at_utc` text NOT NULL,
	`submitted_at_utc` text,
	`approved_at_utc` text,
	`effective_from_utc` text,
	`superseded_at_utc` text,
	`retired_at_utc` text,
	`rejected_at_utc` text
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `recipe_versions_code_version` ON `recipe_versions` (`code`,`version_label`);--> statement-breakpoint
CREATE TRIGGER `recipe_versions_content_immutable` BEFORE UPDATE OF `content`, `content_hash`, `code`, `version_label`, `author_user_id` ON `recipe_versions`
BEGIN
	SELECT RAISE(ABORT, 'recipe content is immutable once imported: import a new version');
END;
--> statement-breakpoint
CREATE TRIGGER `recipe_versions_no_delete` BEFORE DELETE ON `recipe_versions`
BEGIN
	SELECT RAISE(ABORT, 'recipe versions are retired, never deleted');
END;
