CREATE TABLE `instrument_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`instrument_id` text NOT NULL,
	`kind` text NOT NULL,
	`result` text NOT NULL,
	`performed_at_utc` text NOT NULL,
	`next_due_utc` text,
	`reference` text NOT NULL,
	`comment` text NOT NULL,
	`entered_by_user_id` text NOT NULL,
	`entered_by_name` text NOT NULL,
	`entered_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `instrument_checks_instrument` ON `instrument_checks` (`instrument_id`);--> statement-breakpoint
CREATE TABLE `instruments` (
	`id` text PRIMARY KEY NOT NULL,
	`asset_id` text NOT NULL,
	`kind` text NOT NULL,
	`protocol` text NOT NULL,
	`port` text NOT NULL,
	`baud_rate` integer NOT NULL,
	`data_bits` integer NOT NULL,
	`parity` text NOT NULL,
	`stop_bits` integer NOT NULL,
	`flow_control` text NOT NULL,
	`expected_serial_number` text NOT NULL,
	`model` text NOT NULL,
	`unit` text,
	`capacity` real,
	`readability` real,
	`minimum_weight` real,
	`calibration_due_utc` text,
	`terminal_id` text,
	`status` text NOT NULL,
	`simulated` integer NOT NULL,
	`created_at_utc` text NOT NULL,
	`updated_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `instruments_asset_id` ON `instruments` (`asset_id`);--> statement-breakpoint
CREATE TRIGGER `instruments_no_delete` BEFORE DELETE ON `instruments`
BEGIN
	SELECT RAISE(ABORT, 'instruments are retired, never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `instrument_checks_no_update` BEFORE UPDATE ON `instrument_checks`
BEGIN
	SELECT RAISE(ABORT, 'instrument_checks is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `instrument_checks_no_delete` BEFORE DELETE ON `instrument_checks`
BEGIN
	SELECT RAISE(ABORT, 'instrument_checks is append-only: DELETE refused');
END;
