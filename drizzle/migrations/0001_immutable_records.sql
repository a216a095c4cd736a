-- Records that are evidence stay as written: the audit trail, certifications and per-item
-- results are append-only; a submitted attempt and its answers are never edited.
CREATE OR REPLACE FUNCTION forbid_change() RETURNS trigger AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
--> statement-breakpoint
CREATE TRIGGER attempt_results_append_only BEFORE UPDATE OR DELETE ON attempt_results
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
--> statement-breakpoint
CREATE TRIGGER certifications_append_only BEFORE UPDATE OR DELETE ON certifications
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
--> statement-breakpoint
CREATE TRIGGER service_revisions_append_only BEFORE UPDATE OR DELETE ON service_revisions
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION attempts_freeze() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'attempts are never deleted' USING ERRCODE = 'P0001';
	END IF;
	IF OLD.status = 'submitted' THEN
		RAISE EXCEPTION 'a submitted attempt is never edited' USING ERRCODE = 'P0001';
	END IF;
	RETURN NEW;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER attempts_freeze BEFORE UPDATE OR DELETE ON attempts
	FOR EACH ROW EXECUTE FUNCTION attempts_freeze();
--> statement-breakpoint
-- The share lock orders a save against a concurrent submit: the submit locks the attempt
-- FOR UPDATE before reading answers, so an answer is either graded or refused, never lost.
CREATE OR REPLACE FUNCTION attempt_answers_open() RETURNS trigger AS $$
DECLARE
	current_status attempt_status;
BEGIN
	SELECT status INTO current_status FROM attempts
		WHERE id = COALESCE(NEW.attempt_id, OLD.attempt_id) FOR SHARE;
	IF current_status IS DISTINCT FROM 'active' THEN
		RAISE EXCEPTION 'answers of a submitted attempt are never edited' USING ERRCODE = 'P0001';
	END IF;
	RETURN COALESCE(NEW, OLD);
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER attempt_answers_open BEFORE INSERT OR UPDATE OR DELETE ON attempt_answers
	FOR EACH ROW EXECUTE FUNCTION attempt_answers_open();
