// The standing rule of status.ts as SQL over the stored standing (service_standing,
// person_standing; kept by the triggers of the standing_triggers migration). What time changes
// (expiring, expired, a person's count past their next expiry) is derived here at read time, so
// no nightly job is needed for correctness. Every SQL reader of standing uses these fragments.
import { sql, type SQL } from 'drizzle-orm'
import { getDb, queryRows, type Queryable } from '#app/utils/db.server.ts'

/** The site (alias `s`) requires the service (code expression): offered and active. */
export function requiredBySiteSql(site: SQL, code: SQL): SQL {
	return sql`(${site}.offers_all_services or exists (select 1 from site_services o where o.site_id = ${site}.id and o.service_code = ${code}))`
}

/** Certified on the current revision and unexpired (有效 or 即将到期): counts towards readiness. */
export function certifiedSql(ss: SQL): SQL {
	return sql`(${ss}.current_expires_at > now())`
}

export function expiringSql(ss: SQL, expiringSoonDays: number): SQL {
	return sql`(${ss}.current_expires_at > now() and ${ss}.current_expires_at <= now() + make_interval(days => ${expiringSoonDays}::int))`
}

export function expiredSql(ss: SQL): SQL {
	return sql`(${ss}.current_expires_at <= now())`
}

/** Held only on an older revision: 需重新认证. */
export function outdatedSql(ss: SQL): SQL {
	return sql`(${ss}.current_expires_at is null and ${ss}.older_revision is not null)`
}

/** The status of status.ts, from a (possibly missing) service_standing row. */
export function statusSql(ss: SQL, expiringSoonDays: number): SQL {
	return sql`(case
		when ${ss}.current_expires_at is not null then (case
			when ${expiredSql(ss)} then 'expired'
			when ${expiringSql(ss, expiringSoonDays)} then 'expiring'
			else 'valid' end)
		when ${ss}.older_revision is not null then 'outdated'
		else 'none' end)`
}

/**
 * The certified count and next expiry now of the people given, recounted from their standing
 * rows: for people whose stored count is past its next_expiry (person_standing). A separate
 * query, not a per-row subquery: PostgreSQL costs the latter as if run for everyone and spends
 * a second compiling it (JIT).
 */
export function standingRecountSql(userIds: ReadonlyArray<string>): SQL {
	const ids =
		userIds.length > 0
			? sql.join(
					userIds.map((id) => sql`${id}`),
					sql`, `,
				)
			: sql`null`
	return sql`select ss.user_id, count(*)::int as certified, min(ss.current_expires_at) as next_expiry
		from service_standing ss
		join users u on u.id = ss.user_id
		join sites s on s.id = u.site_id
		join services sv on sv.code = ss.service_code and sv.active
		where ss.user_id in (${ids}) and ${certifiedSql(sql`ss`)} and ${requiredBySiteSql(sql`s`, sql`ss.service_code`)}
		group by ss.user_id`
}

/** The exam counts while unexpired. */
export function examValidSql(): SQL {
	return sql`coalesce(ps.exam_expires_at > now(), false)`
}

/** The active services a site requires, with their current revisions (database order by code). */
export async function requiredServices(
	siteId: number,
	db: Queryable = getDb(),
): Promise<Array<{ code: string; revision: string; category: string }>> {
	return queryRows<{ code: string; revision: string; category: string }>(
		sql`select sv.code, sv.current_revision as revision, sv.category from sites s
			join services sv on sv.active and ${requiredBySiteSql(sql`s`, sql`sv.code`)}
			where s.id = ${siteId} order by sv.code`,
		db,
	)
}

/**
 * Refresh the people whose stored count went stale (a counted certification expired since):
 * not needed for correctness (readers recount them), only to keep reads short. Run by the
 * scheduled job, never by a request.
 */
export async function refreshStaleStanding(db: Queryable = getDb()): Promise<number> {
	const rows = await queryRows<{ n: number }>(
		sql`select count(*)::int as n from person_standing where next_expiry <= now()`,
		db,
	)
	if ((rows[0]?.n ?? 0) > 0)
		await db.execute(
			sql`select 1 from (select standing_refresh_people(array(select user_id from person_standing where next_expiry <= now()))) done`,
		)
	return rows[0]?.n ?? 0
}
