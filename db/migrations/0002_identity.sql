CREATE TABLE `security_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`subject_user_id` text,
	`subject_username` text,
	`raised_at_utc` text NOT NULL,
	`acknowledged_by_user_id` text,
	`acknowledged_by_name` text,
	`acknowledged_at_utc` text,
	`acknowledgement_comment` text
) STRICT;
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at_utc` text NOT NULL,
	`updated_by_user_id` text
) STRICT;
--> statement-breakpoint
CREATE TABLE `password_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`set_at_utc` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
ALTER TABLE `terminals` ADD `status` text DEFAULT 'unregistered' NOT NULL;--> statement-breakpoint
ALTER TABLE `terminals` ADD `registered_at_utc` text;--> statement-breakpoint
ALTER TABLE `terminals` ADD `revoked_at_utc` text;--> statement-breakpoint
ALTER TABLE `users` ADD `password_change_reason` text;--> statement-breakpoint
ALTER TABLE `users` ADD `password_changed_at_utc` text;--> statement-breakpoint
ALTER TABLE `users` ADD `failed_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `locked_at_utc` text;--> statement-breakpoint
ALTER TABLE `users` ADD `last_login_at_utc` text;--> statement-breakpoint
CREATE TRIGGER `password_history_no_update` BEFORE UPDATE ON `password_history`
BEGIN
	SELECT RAISE(ABORT, 'password_history is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `password_history_no_delete` BEFORE DELETE ON `password_history`
BEGIN
	SELECT RAISE(ABORT, 'password_history is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `security_alerts_no_delete` BEFORE DELETE ON `security_alerts`
BEGIN
	SELECT RAISE(ABORT, 'security alerts are acknowledged, never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `settings_no_delete` BEFORE DELETE ON `settings`
BEGIN
	SELECT RAISE(ABORT, 'settings are changed, never deleted');
END;
