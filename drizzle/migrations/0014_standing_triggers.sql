-- Standing kept in the same transaction as every change that moves it (ADR 011): a grant
-- (certifications insert), a revision change or (de)activation of a service, a site's service
-- set, a person's site. The rule these implement is app/modules/certification/status.ts; the
-- read side (expiring, expired, recount past next_expiry) is app/modules/certification/standing.server.ts.

-- One row per (person, service) pair given, recomputed from the certifications.
CREATE OR REPLACE FUNCTION standing_refresh_pairs(p_users text[], p_codes text[]) RETURNS void AS $$
BEGIN
	DELETE FROM service_standing ss
		USING (SELECT DISTINCT * FROM unnest(p_users, p_codes) AS p(user_id, service_code)) p
		WHERE ss.user_id = p.user_id AND ss.service_code = p.service_code;
	INSERT INTO service_standing (user_id, service_code, revision, current_expires_at, current_earned_at, older_revision, older_expires_at)
	SELECT c.user_id, c.service_code, sv.current_revision,
		max(c.expires_at) FILTER (WHERE c.revision = sv.current_revision),
		max(c.earned_at) FILTER (WHERE c.revision = sv.current_revision),
		(array_agg(c.revision ORDER BY c.earned_at DESC) FILTER (WHERE c.revision <> sv.current_revision))[1],
		(array_agg(c.expires_at ORDER BY c.earned_at DESC) FILTER (WHERE c.revision <> sv.current_revision))[1]
	FROM (SELECT DISTINCT * FROM unnest(p_users, p_codes) AS p(user_id, service_code)) p
	JOIN certifications c ON c.user_id = p.user_id AND c.service_code = p.service_code AND c.kind = 'service'
	JOIN services sv ON sv.code = c.service_code
	GROUP BY c.user_id, c.service_code, sv.current_revision;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Per person: the services their site requires (active, offered), and how many they hold.
CREATE OR REPLACE FUNCTION standing_refresh_people(p_users text[]) RETURNS void AS $$
BEGIN
	INSERT INTO person_standing AS ps (user_id, required, held_current, certified, outdated, next_expiry, exam_expires_at, computed_at)
	SELECT u.id,
		count(sv.code)::int,
		count(ss.current_expires_at)::int,
		count(*) FILTER (WHERE ss.current_expires_at > now())::int,
		count(*) FILTER (WHERE ss.current_expires_at IS NULL AND ss.older_revision IS NOT NULL)::int,
		min(ss.current_expires_at) FILTER (WHERE ss.current_expires_at > now()),
		(SELECT max(e.expires_at) FROM certifications e WHERE e.user_id = u.id AND e.kind = 'exam'),
		now()
	FROM users u
	JOIN sites s ON s.id = u.site_id
	LEFT JOIN services sv ON sv.active AND (s.offers_all_services
		OR EXISTS (SELECT 1 FROM site_services o WHERE o.site_id = s.id AND o.service_code = sv.code))
	LEFT JOIN service_standing ss ON ss.user_id = u.id AND ss.service_code = sv.code
	WHERE u.id = ANY(p_users)
	GROUP BY u.id
	ON CONFLICT (user_id) DO UPDATE SET required = excluded.required, held_current = excluded.held_current,
		certified = excluded.certified, outdated = excluded.outdated, next_expiry = excluded.next_expiry,
		exam_expires_at = excluded.exam_expires_at, computed_at = excluded.computed_at;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION standing_after_grant() RETURNS trigger AS $$
BEGIN
	PERFORM standing_refresh_pairs(
		ARRAY(SELECT user_id FROM new_rows WHERE kind = 'service' ORDER BY user_id, service_code),
		ARRAY(SELECT service_code FROM new_rows WHERE kind = 'service' ORDER BY user_id, service_code));
	PERFORM standing_refresh_people(ARRAY(SELECT DISTINCT user_id FROM new_rows));
	RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER certifications_standing AFTER INSERT ON certifications
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_grant();
--> statement-breakpoint
-- A service's revision or active flag changed (or a service appeared): its holders' rows are
-- recomputed, and everyone whose required set or counts may move.
CREATE OR REPLACE FUNCTION standing_after_service_change() RETURNS trigger AS $$
DECLARE
	changed text[];
BEGIN
	IF TG_OP = 'UPDATE' THEN
		changed := ARRAY(SELECT n.code FROM new_rows n JOIN old_rows o ON o.code = n.code
			WHERE n.current_revision IS DISTINCT FROM o.current_revision OR n.active IS DISTINCT FROM o.active);
	ELSE
		changed := ARRAY(SELECT code FROM new_rows);
	END IF;
	IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
	PERFORM standing_refresh_pairs(
		ARRAY(SELECT user_id FROM (SELECT DISTINCT user_id, service_code FROM certifications
			WHERE kind = 'service' AND service_code = ANY(changed)) p ORDER BY user_id, service_code),
		ARRAY(SELECT service_code FROM (SELECT DISTINCT user_id, service_code FROM certifications
			WHERE kind = 'service' AND service_code = ANY(changed)) p ORDER BY user_id, service_code));
	PERFORM standing_refresh_people(ARRAY(SELECT id FROM users));
	RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER services_standing_update AFTER UPDATE ON services
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_service_change();
--> statement-breakpoint
CREATE TRIGGER services_standing_insert AFTER INSERT ON services
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_service_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION standing_after_site_services() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM standing_refresh_people(ARRAY(SELECT u.id FROM users u WHERE u.site_id IN (SELECT site_id FROM old_rows)));
	ELSE
		PERFORM standing_refresh_people(ARRAY(SELECT u.id FROM users u WHERE u.site_id IN (SELECT site_id FROM new_rows)));
	END IF;
	RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER site_services_standing_insert AFTER INSERT ON site_services
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_site_services();
--> statement-breakpoint
CREATE TRIGGER site_services_standing_delete AFTER DELETE ON site_services
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_site_services();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION standing_after_site_change() RETURNS trigger AS $$
BEGIN
	PERFORM standing_refresh_people(ARRAY(SELECT u.id FROM users u WHERE u.site_id IN (
		SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.offers_all_services IS DISTINCT FROM o.offers_all_services)));
	RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sites_standing AFTER UPDATE ON sites
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_site_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION standing_after_user_insert() RETURNS trigger AS $$
BEGIN
	PERFORM standing_refresh_people(ARRAY(SELECT id FROM new_rows));
	RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_standing_insert AFTER INSERT ON users
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_user_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION standing_after_user_update() RETURNS trigger AS $$
BEGIN
	PERFORM standing_refresh_people(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
		WHERE n.site_id IS DISTINCT FROM o.site_id));
	RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_standing_update AFTER UPDATE ON users
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION standing_after_user_update();
--> statement-breakpoint
-- Existing certifications: their source, then every standing row.
ALTER TABLE certifications DISABLE TRIGGER certifications_append_only;
--> statement-breakpoint
UPDATE certifications SET source = 'exam' WHERE kind = 'exam';
--> statement-breakpoint
ALTER TABLE certifications ENABLE TRIGGER certifications_append_only;
--> statement-breakpoint
SELECT standing_refresh_pairs(
	ARRAY(SELECT user_id FROM (SELECT DISTINCT user_id, service_code FROM certifications WHERE kind = 'service') p ORDER BY user_id, service_code),
	ARRAY(SELECT service_code FROM (SELECT DISTINCT user_id, service_code FROM certifications WHERE kind = 'service') p ORDER BY user_id, service_code));
--> statement-breakpoint
SELECT standing_refresh_people(ARRAY(SELECT id FROM users));
