-- A published 处理标准 is never edited or removed.
CREATE TRIGGER zero_refusal_standards_append_only BEFORE UPDATE OR DELETE ON zero_refusal_standards
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
