CREATE TABLE `qualifications` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`required_sop_codes` text NOT NULL,
	`assessment_required` integer NOT NULL,
	`validity_months` integer NOT NULL,
	`registered_by_user_id` text NOT NULL,
	`registered_by_name` text NOT NULL,
	`registered_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `qualifications_code` ON `qualifications` (`code`);--> statement-breakpoint
CREATE TABLE `sop_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`registered_by_user_id` text NOT NULL,
	`registered_by_name` text NOT NULL,
	`registered_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `sop_documents_code` ON `sop_documents` (`code`);--> statement-breakpoint
CREATE TABLE `sop_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`sop_id` text NOT NULL,
	`version` text NOT NULL,
	`issued_by_user_id` text NOT NULL,
	`issued_by_name` text NOT NULL,
	`issued_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `sop_versions_sop_version` ON `sop_versions` (`sop_id`,`version`);--> statement-breakpoint
CREATE TABLE `step_qualifications` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`step_id` text NOT NULL,
	`capacity` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`qualification_code` text NOT NULL,
	`qualification_name` text NOT NULL,
	`valid_until_utc` text NOT NULL,
	`recorded_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `step_qualifications_batch` ON `step_qualifications` (`batch_id`,`step_id`);--> statement-breakpoint
CREATE TABLE `training_records` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`sop_version_id` text,
	`qualification_id` text,
	`comment` text NOT NULL,
	`recorded_by_user_id` text NOT NULL,
	`recorded_by_name` text NOT NULL,
	`recorded_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `training_records_user` ON `training_records` (`user_id`,`recorded_at_utc`);
--> statement-breakpoint
CREATE TRIGGER `sop_documents_no_update` BEFORE UPDATE ON `sop_documents`
BEGIN
	SELECT RAISE(ABORT, 'sop_documents is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `sop_documents_no_delete` BEFORE DELETE ON `sop_documents`
BEGIN
	SELECT RAISE(ABORT, 'sop_documents is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `sop_versions_no_update` BEFORE UPDATE ON `sop_versions`
BEGIN
	SELECT RAISE(ABORT, 'sop_versions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `sop_versions_no_delete` BEFORE DELETE ON `sop_versions`
BEGIN
	SELECT RAISE(ABORT, 'sop_versions is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `qualifications_no_update` BEFORE UPDATE ON `qualifications`
BEGIN
	SELECT RAISE(ABORT, 'qualifications is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `qualifications_no_delete` BEFORE DELETE ON `qualifications`
BEGIN
	SELECT RAISE(ABORT, 'qualifications is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `training_records_no_update` BEFORE UPDATE ON `training_records`
BEGIN
	SELECT RAISE(ABORT, 'training_records is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `training_records_no_delete` BEFORE DELETE ON `training_records`
BEGIN
	SELECT RAISE(ABORT, 'training_records is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `step_qualifications_no_update` BEFORE UPDATE ON `step_qualifications`
BEGIN
	SELECT RAISE(ABORT, 'step_qualifications is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `step_qualifications_no_delete` BEFORE DELETE ON `step_qualifications`
BEGIN
	SELECT RAISE(ABORT, 'step_qualifications is append-only: DELETE refused');
END;
