-- A published revision of the manual is never edited or removed: publish a new one instead.
CREATE TRIGGER manual_revisions_append_only BEFORE UPDATE OR DELETE ON manual_revisions
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
