-- A version of the certification rules is never edited or removed: save a new one instead.
CREATE TRIGGER certification_settings_append_only BEFORE UPDATE OR DELETE ON certification_settings
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
