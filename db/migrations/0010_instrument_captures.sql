CREATE TABLE `instrument_captures` (
	`id` text PRIMARY KEY NOT NULL,
	`instrument_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`step_id` text NOT NULL,
	`kind` text NOT NULL,
	`serial_number` text NOT NULL,
	`model` text,
	`protocol` text NOT NULL,
	`port` text NOT NULL,
	`value` real,
	`value_text` text NOT NULL,
	`unit` text,
	`tare` real,
	`raw_hex` text NOT NULL,
	`received_at_utc` text NOT NULL,
	`captured_by_user_id` text NOT NULL,
	`captured_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `instrument_captures_step` ON `instrument_captures` (`batch_id`,`step_id`);--> statement-breakpoint
ALTER TABLE `batch_entries` ADD `capture_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `batch_entries_capture` ON `batch_entries` (`capture_id`) WHERE capture_id IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER `instrument_captures_no_update` BEFORE UPDATE ON `instrument_captures`
BEGIN
	SELECT RAISE(ABORT, 'instrument_captures is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `instrument_captures_no_delete` BEFORE DELETE ON `instrument_captures`
BEGIN
	SELECT RAISE(ABORT, 'instrument_captures is append-only: DELETE refused');
END;
