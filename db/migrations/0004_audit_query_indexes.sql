-- The audit-trail viewer pages newest first by seq under any filter (electron/core/audit/audit-query.ts).
-- Each filter needs an index whose entries are ordered by seq after the filtered value, so a page is a
-- short walk from the cursor and never a sort: entity type + id and user have one (0000); these add
-- action and entity type alone.
CREATE INDEX `audit_trail_action` ON `audit_trail` (`action`,`seq`);
--> statement-breakpoint
CREATE INDEX `audit_trail_entity_type` ON `audit_trail` (`entity_type`,`seq`);
--> statement-breakpoint
-- Where the clock went back: rows whose at_utc is earlier than the row before them. Between two such
-- steps at_utc never decreases with seq, so a time range is found as exact seq ranges by binary search
-- on the primary key. Derived from audit_trail (like audit_trail_search), kept by a trigger, append-only.
CREATE TABLE `audit_trail_clock_steps` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at_utc` text NOT NULL,
	`previous_at_utc` text NOT NULL
) STRICT;
--> statement-breakpoint
INSERT INTO audit_trail_clock_steps (seq, at_utc, previous_at_utc)
SELECT seq, at_utc, previous_at_utc
FROM (SELECT seq, at_utc, lag(at_utc) OVER (ORDER BY seq) AS previous_at_utc FROM audit_trail)
WHERE at_utc < previous_at_utc;
--> statement-breakpoint
CREATE TRIGGER `audit_trail_clock_step` AFTER INSERT ON `audit_trail`
WHEN new.at_utc < (SELECT at_utc FROM audit_trail WHERE seq < new.seq ORDER BY seq DESC LIMIT 1)
BEGIN
	INSERT INTO audit_trail_clock_steps (seq, at_utc, previous_at_utc)
	VALUES (new.seq, new.at_utc, (SELECT at_utc FROM audit_trail WHERE seq < new.seq ORDER BY seq DESC LIMIT 1));
END;
--> statement-breakpoint
CREATE TRIGGER `audit_trail_clock_steps_no_update` BEFORE UPDATE ON `audit_trail_clock_steps`
BEGIN
	SELECT RAISE(ABORT, 'audit_trail_clock_steps is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_trail_clock_steps_no_delete` BEFORE DELETE ON `audit_trail_clock_steps`
BEGIN
	SELECT RAISE(ABORT, 'audit_trail_clock_steps is append-only: DELETE refused');
END;
