CREATE TABLE `lot_consumptions` (
	`id` text PRIMARY KEY NOT NULL,
	`lot_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`step_id` text NOT NULL,
	`container` integer,
	`quantity` real NOT NULL,
	`unit` text NOT NULL,
	`status_at_use` text NOT NULL,
	`potency_at_use` real,
	`emptied` integer NOT NULL,
	`dispensed_by_user_id` text NOT NULL,
	`dispensed_by_name` text NOT NULL,
	`dispensed_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `lot_consumptions_lot` ON `lot_consumptions` (`lot_id`,`batch_id`,`unit`,`quantity`,`dispensed_at_utc`);--> statement-breakpoint
CREATE INDEX `lot_consumptions_batch` ON `lot_consumptions` (`batch_id`);--> statement-breakpoint
CREATE INDEX `lot_consumptions_emptied` ON `lot_consumptions` (`lot_id`,`container`) WHERE "lot_consumptions"."emptied" = 1;--> statement-breakpoint
CREATE TABLE `lot_status_events` (
	`id` text PRIMARY KEY NOT NULL,
	`lot_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`signature_id` text,
	`changed_by_user_id` text,
	`changed_by_name` text NOT NULL,
	`changed_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `lot_status_events_lot` ON `lot_status_events` (`lot_id`,`changed_at_utc`);--> statement-breakpoint
CREATE TABLE `lots` (
	`id` text PRIMARY KEY NOT NULL,
	`lot_number` text NOT NULL,
	`material_id` text NOT NULL,
	`supplier` text NOT NULL,
	`supplier_lot` text NOT NULL,
	`gtin` text,
	`received_date` text NOT NULL,
	`received_quantity` real NOT NULL,
	`unit` text NOT NULL,
	`container_count` integer NOT NULL,
	`expiry_date` text NOT NULL,
	`retest_date` text,
	`potency_percent` real,
	`origin` text NOT NULL,
	`produced_by_batch_id` text,
	`registered_by_user_id` text NOT NULL,
	`registered_by_name` text NOT NULL,
	`registered_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_lot_number` ON `lots` (`lot_number`);--> statement-breakpoint
CREATE INDEX `lots_material` ON `lots` (`material_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `lots_output_batch` ON `lots` (`produced_by_batch_id`);--> statement-breakpoint
CREATE TABLE `materials` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`base_unit` text NOT NULL,
	`storage_conditions` text NOT NULL,
	`registered_by_user_id` text NOT NULL,
	`registered_by_name` text NOT NULL,
	`registered_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `materials_code` ON `materials` (`code`);--> statement-breakpoint
CREATE TABLE `equipment` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`room` text NOT NULL,
	`clean_hold_hours` real NOT NULL,
	`dirty_hold_hours` real NOT NULL,
	`campaign_batches` integer NOT NULL,
	`registered_by_user_id` text NOT NULL,
	`registered_by_name` text NOT NULL,
	`registered_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `equipment_code` ON `equipment` (`code`);--> statement-breakpoint
CREATE TABLE `equipment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`equipment_id` text NOT NULL,
	`kind` text NOT NULL,
	`batch_id` text,
	`batch_number` text,
	`product_code` text,
	`product_name` text,
	`procedure` text,
	`started_at_utc` text,
	`ended_at_utc` text,
	`reason` text NOT NULL,
	`performed_by_user_id` text,
	`performed_by_name` text NOT NULL,
	`verified_by_name` text,
	`recorded_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `equipment_events_item` ON `equipment_events` (`equipment_id`,`recorded_at_utc`);--> statement-breakpoint
CREATE TRIGGER `materials_no_update` BEFORE UPDATE ON `materials`
BEGIN
	SELECT RAISE(ABORT, 'materials is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `materials_no_delete` BEFORE DELETE ON `materials`
BEGIN
	SELECT RAISE(ABORT, 'materials is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `lots_no_update` BEFORE UPDATE ON `lots`
BEGIN
	SELECT RAISE(ABORT, 'lots is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `lots_no_delete` BEFORE DELETE ON `lots`
BEGIN
	SELECT RAISE(ABORT, 'lots is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `lot_status_events_no_update` BEFORE UPDATE ON `lot_status_events`
BEGIN
	SELECT RAISE(ABORT, 'lot_status_events is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `lot_status_events_no_delete` BEFORE DELETE ON `lot_status_events`
BEGIN
	SELECT RAISE(ABORT, 'lot_status_events is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `lot_consumptions_no_update` BEFORE UPDATE ON `lot_consumptions`
BEGIN
	SELECT RAISE(ABORT, 'lot_consumptions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `lot_consumptions_no_delete` BEFORE DELETE ON `lot_consumptions`
BEGIN
	SELECT RAISE(ABORT, 'lot_consumptions is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `equipment_no_update` BEFORE UPDATE ON `equipment`
BEGIN
	SELECT RAISE(ABORT, 'equipment is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `equipment_no_delete` BEFORE DELETE ON `equipment`
BEGIN
	SELECT RAISE(ABORT, 'equipment is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `equipment_events_no_update` BEFORE UPDATE ON `equipment_events`
BEGIN
	SELECT RAISE(ABORT, 'equipment_events is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `equipment_events_no_delete` BEFORE DELETE ON `equipment_events`
BEGIN
	SELECT RAISE(ABORT, 'equipment_events is append-only: DELETE refused');
END;
