CREATE TABLE `audit_checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`audit_seq` integer NOT NULL,
	`audit_hash` text NOT NULL,
	`at_utc` text NOT NULL,
	`terminal_id` text NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `audit_trail` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at_utc` text NOT NULL,
	`user_id` text,
	`user_name` text,
	`terminal_id` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`reason` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `audit_trail_entity` ON `audit_trail` (`entity_type`,`entity_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_trail_at` ON `audit_trail` (`at_utc`);--> statement-breakpoint
CREATE INDEX `audit_trail_user` ON `audit_trail` (`user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `store_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `terminals` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`location` text NOT NULL,
	`public_key_pem` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `terminals_fingerprint_unique` ON `terminals` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`roles` text NOT NULL,
	`status` text NOT NULL,
	`must_change_password` integer NOT NULL,
	`created_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);