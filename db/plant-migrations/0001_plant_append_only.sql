-- The log tables are append-only: whatever role writes, UPDATE, DELETE and TRUNCATE are refused.
-- A superuser can still disable these triggers; `ebr server verify` catches what it changes.
CREATE FUNCTION plant_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ebr plant server: % on % is refused: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER node_keys_append_only BEFORE UPDATE OR DELETE ON node_keys FOR EACH ROW EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER node_keys_no_truncate BEFORE TRUNCATE ON node_keys FOR EACH STATEMENT EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER uploads_append_only BEFORE UPDATE OR DELETE ON uploads FOR EACH ROW EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER uploads_no_truncate BEFORE TRUNCATE ON uploads FOR EACH STATEMENT EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_entries_append_only BEFORE UPDATE OR DELETE ON log_entries FOR EACH ROW EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_entries_no_truncate BEFORE TRUNCATE ON log_entries FOR EACH STATEMENT EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_checkpoints_append_only BEFORE UPDATE OR DELETE ON log_checkpoints FOR EACH ROW EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_checkpoints_no_truncate BEFORE TRUNCATE ON log_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_signatures_append_only BEFORE UPDATE OR DELETE ON log_signatures FOR EACH ROW EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_signatures_no_truncate BEFORE TRUNCATE ON log_signatures FOR EACH STATEMENT EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER quarantine_append_only BEFORE UPDATE OR DELETE ON quarantine FOR EACH ROW EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER quarantine_no_truncate BEFORE TRUNCATE ON quarantine FOR EACH STATEMENT EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER alerts_append_only BEFORE UPDATE OR DELETE ON alerts FOR EACH ROW EXECUTE FUNCTION plant_refuse_change();
--> statement-breakpoint
CREATE TRIGGER alerts_no_truncate BEFORE TRUNCATE ON alerts FOR EACH STATEMENT EXECUTE FUNCTION plant_refuse_change();
