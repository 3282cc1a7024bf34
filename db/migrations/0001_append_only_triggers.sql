-- Regulated history is append-only (P11-10e): the engine refuses to rewrite it.
-- Anyone holding the key can drop these triggers; the signed checkpoints catch that.
CREATE TRIGGER `audit_trail_no_update` BEFORE UPDATE ON `audit_trail`
BEGIN
	SELECT RAISE(ABORT, 'audit_trail is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_trail_no_delete` BEFORE DELETE ON `audit_trail`
BEGIN
	SELECT RAISE(ABORT, 'audit_trail is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_update` BEFORE UPDATE ON `audit_checkpoints`
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_delete` BEFORE DELETE ON `audit_checkpoints`
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `users_no_delete` BEFORE DELETE ON `users`
BEGIN
	SELECT RAISE(ABORT, 'users are disabled, never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `terminals_no_delete` BEFORE DELETE ON `terminals`
BEGIN
	SELECT RAISE(ABORT, 'terminals are revoked, never deleted');
END;
