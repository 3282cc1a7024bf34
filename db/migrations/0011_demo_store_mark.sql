-- A demonstration store (`ebr demo`) is marked once, at setup, before the terminal exists; the
-- mark can then be neither added, changed nor removed, so demo data never passes for records.
CREATE TRIGGER `store_meta_demo_only_at_setup` BEFORE INSERT ON `store_meta`
WHEN NEW.`key` = 'demo' AND EXISTS (SELECT 1 FROM `terminals`)
BEGIN
	SELECT RAISE(ABORT, 'the demo mark is set at setup only');
END;
--> statement-breakpoint
CREATE TRIGGER `store_meta_demo_no_update` BEFORE UPDATE ON `store_meta`
WHEN OLD.`key` = 'demo' OR NEW.`key` = 'demo'
BEGIN
	SELECT RAISE(ABORT, 'the demo mark cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `store_meta_demo_no_delete` BEFORE DELETE ON `store_meta`
WHEN OLD.`key` = 'demo'
BEGIN
	SELECT RAISE(ABORT, 'the demo mark cannot be removed');
END;
