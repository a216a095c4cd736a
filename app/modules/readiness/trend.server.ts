// Readiness over time: one snapshot per day, site and cohort, taken by the scheduled standing job
// in the server process (never by a request); read back for the trend charts.
import { sql } from 'drizzle-orm'
import { readinessSnapshots } from '#drizzle/schema/index.ts'
import { siteScopeSql } from '#app/modules/people/people.server.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'
import { refreshStaleStanding } from '#app/modules/certification/standing.server.ts'
import { loadBoardSummaries, type BoardSummary } from './board.server.ts'

/** Today in Asia/Shanghai, as the hall counts days. */
export function shanghaiDay(date = new Date()): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(date)
}

export function snapshotRows(rows: Array<BoardSummary>, day: string) {
	const groups = new Map<string, typeof readinessSnapshots.$inferInsert>()
	for (const row of rows) {
		const cohortId = row.cohortId ?? 0
		const key = `${row.siteId}:${cohortId}`
		const group = groups.get(key) ?? {
			day,
			siteId: row.siteId,
			cohortId,
			people: 0,
			ready: 0,
			required: 0,
			certified: 0,
		}
		group.people++
		if (row.ready) group.ready++
		group.required += row.required
		group.certified += row.certified
		groups.set(key, group)
	}
	return [...groups.values()]
}

/** Take today's snapshot unless one exists (concurrent servers: the first insert wins). */
export async function ensureTodaySnapshot(): Promise<void> {
	const day = shanghaiDay()
	const [existing] = await queryRows<{ n: number }>(
		sql`select count(*)::int as n from readiness_snapshots where day = ${day}`,
	)
	if ((existing?.n ?? 0) > 0) return
	const rows = await loadBoardSummaries({
		scope: null,
		filter: { role: 'clerk', sort: 'name', page: 1 },
	})
	const snapshot = snapshotRows(rows, day)
	if (snapshot.length > 0)
		await getDb().insert(readinessSnapshots).values(snapshot).onConflictDoNothing()
}

export type TrendPoint = { day: string; people: number; ready: number; share: number }
export type TrendSeries = { id: number; name: string; points: Array<TrendPoint> }

export async function readinessTrend(
	by: 'site' | 'cohort',
	scope: Array<number> | null,
	days = 84,
): Promise<Array<TrendSeries>> {
	const scoped = siteScopeSql(scope, sql`r.site_id`)
	const rows = await queryRows<{
		day: string
		id: number
		name: string | null
		people: number
		ready: number
		required: number
		certified: number
	}>(sql`
		select to_char(r.day, 'YYYY-MM-DD') as day,
			${by === 'site' ? sql`r.site_id` : sql`r.cohort_id`} as id,
			${by === 'site' ? sql`max(s.name)` : sql`max(c.name)`} as name,
			sum(r.people)::int as people, sum(r.ready)::int as ready, sum(r.required)::int as required, sum(r.certified)::int as certified
		from readiness_snapshots r
		join sites s on s.id = r.site_id
		left join cohorts c on c.id = r.cohort_id
		where r.day >= current_date - ${days}::int and ${scoped} ${by === 'cohort' ? sql`and r.cohort_id <> 0` : sql``}
		group by r.day, ${by === 'site' ? sql`r.site_id` : sql`r.cohort_id`}
		order by r.day`)
	const series = new Map<number, TrendSeries>()
	for (const r of rows) {
		const entry = series.get(r.id) ?? { id: r.id, name: r.name ?? '', points: [] }
		entry.points.push({
			day: r.day,
			people: r.people,
			ready: r.ready,
			share: r.required === 0 ? 0 : r.certified / r.required,
		})
		series.set(r.id, entry)
	}
	return [...series.values()]
}

/**
 * Snapshots for past days, reconstructed from the certification history: a certification counts
 * on a day when it was earned before, not yet expired, and on the revision current that day.
 * Used by the demo seed; too heavy for the live board at full scale.
 */
export async function backfillSnapshots(days: Array<string>): Promise<void> {
	for (const day of days) {
		await getDb().execute(sql`
			with people as (select u.id, u.site_id, coalesce(u.cohort_id, 0) as cohort_id from users u where u.active and u.role = 'clerk'),
			rev as (
				-- The revision current that day; a service first seen later counts from its first revision.
				select distinct on (service_code) service_code, revision from service_revisions
				order by service_code, (first_seen_at < (${day}::date + 1)) desc,
					(case when first_seen_at < (${day}::date + 1) then first_seen_at end) desc nulls last, first_seen_at
			),
			offered as (
				select s.id as site_id, sv.code from sites s join services sv on sv.active
				where s.offers_all_services or exists (select 1 from site_services ss where ss.site_id = s.id and ss.service_code = sv.code)
			),
			held as (
				select distinct c.user_id, c.service_code from certifications c join rev on rev.service_code = c.service_code and rev.revision = c.revision
				where c.kind = 'service' and c.earned_at < (${day}::date + 1) and c.expires_at >= (${day}::date + 1)
			),
			exam as (
				select distinct user_id from certifications where kind = 'exam' and earned_at < (${day}::date + 1) and expires_at >= (${day}::date + 1)
			),
			per_person as (
				select p.id, p.site_id, p.cohort_id, count(o.code)::int as required, count(h.user_id)::int as certified,
					(count(o.code) > 0 and count(o.code) = count(h.user_id) and exists (select 1 from exam e where e.user_id = p.id)) as ready
				from people p join offered o on o.site_id = p.site_id
				left join held h on h.user_id = p.id and h.service_code = o.code
				group by p.id, p.site_id, p.cohort_id
			)
			insert into readiness_snapshots (day, site_id, cohort_id, people, ready, required, certified)
			select ${day}::date, site_id, cohort_id, count(*), count(*) filter (where ready), sum(required), sum(certified)
			from per_person group by site_id, cohort_id
			on conflict do nothing`)
	}
}

let job: NodeJS.Timeout | null = null

/** One pass of the standing job: refresh stale standing counts, take today's snapshot. */
export async function runStandingJob(): Promise<void> {
	await refreshStaleStanding()
	await ensureTodaySnapshot()
}

/**
 * The scheduled work behind the board, in the server process: at start and every few minutes.
 * Several servers may run it; the snapshot's insert keeps the first and the refresh is idempotent.
 */
export function startStandingJob(everyMinutes = 10): void {
	if (job) return
	const run = () => {
		runStandingJob().catch((error: unknown) => console.error('standing job failed', error))
	}
	run()
	job = setInterval(run, everyMinutes * 60_000)
	job.unref()
}

export function stopStandingJob(): void {
	if (job) clearInterval(job)
	job = null
}
