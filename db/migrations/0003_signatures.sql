CREATE TABLE `audit_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`row_count` integer NOT NULL,
	`first_seq` integer,
	`last_seq` integer,
	`digest` text NOT NULL,
	`comment` text NOT NULL,
	`created_at_utc` text NOT NULL,
	`created_by_user_id` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`meaning` text NOT NULL,
	`signer_user_id` text NOT NULL,
	`signer_username` text NOT NULL,
	`signer_name` text NOT NULL,
	`signed_at_utc` text NOT NULL,
	`time_zone` text NOT NULL,
	`terminal_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `signatures_record` ON `signatures` (`record_type`,`record_id`);--> statement-breakpoint
CREATE TRIGGER `signatures_no_update` BEFORE UPDATE ON `signatures`
BEGIN
	SELECT RAISE(ABORT, 'signatures are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_no_delete` BEFORE DELETE ON `signatures`
BEGIN
	SELECT RAISE(ABORT, 'signatures are append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_reviews_no_update` BEFORE UPDATE ON `audit_reviews`
BEGIN
	SELECT RAISE(ABORT, 'audit reviews are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_reviews_no_delete` BEFORE DELETE ON `audit_reviews`
BEGIN
	SELECT RAISE(ABORT, 'audit reviews are append-only: DELETE refused');
END;
--> statement-breakpoint
-- Free-text search of the audit trail: an index over the append-only table, kept by a trigger.
CREATE VIRTUAL TABLE `audit_trail_search` USING fts5(
	action, entity_type, entity_id, user_name, old_value, new_value, reason,
	content='audit_trail', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `audit_trail_search_insert` AFTER INSERT ON `audit_trail`
BEGIN
	INSERT INTO audit_trail_search(rowid, action, entity_type, entity_id, user_name, old_value, new_value, reason)
	VALUES (new.seq, new.action, new.entity_type, new.entity_id, new.user_name, new.old_value, new.new_value, new.reason);
END;
--> statement-breakpoint
INSERT INTO audit_trail_search(audit_trail_search) VALUES ('rebuild');
