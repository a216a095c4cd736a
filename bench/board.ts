// The board at hall scale (2,000 clerks × 337 services, ~700,000 certifications): its first page
// (50 people by readiness), the alerts and a person's page over HTTP, each beside the old
// compute-on-read aggregate over every certification on the same data, in one run.
// Goals: first page ≤ 300 ms on PGlite, ≤ 150 ms on PostgreSQL; alerts and person ≤ 200 ms.
// Used by bench/run.ts; `BENCH_ONLY=board npm run bench` runs it alone.
import { sql } from 'drizzle-orm'
import { readinessOf } from '#app/modules/certification/certifications.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	legacyBoardAggregateSql,
	loadBoardCells,
	loadBoardSummaries,
} from '#app/modules/readiness/board.server.ts'
import { queryRows, type DatabaseTarget } from '#app/utils/db.server.ts'

const median = (values: Array<number>) => {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)] ?? 0
}
const round = (n: number) => Math.round(n * 10) / 10

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
	await work()
	const times: Array<number> = []
	for (let i = 0; i < runs; i++) {
		const started = performance.now()
		await work()
		times.push(performance.now() - started)
	}
	return round(median(times))
}

/** The alerts' old query: every certification, the governing one per person and service. */
function legacyAlertsSql(kind: 'expiring' | 'outdated', expiringSoonDays: number) {
	return sql`
		with latest as (
			select distinct on (c.user_id, c.service_code) c.user_id, c.service_code, c.revision, c.expires_at,
				(c.revision = sv.current_revision) as current
			from certifications c join services sv on sv.code = c.service_code and sv.active
			where c.kind = 'service'
			order by c.user_id, c.service_code, (c.revision = sv.current_revision) desc, c.earned_at desc
		)
		select u.id, u.username, u.display_name, s.name as site_name, l.service_code, l.revision, l.expires_at
		from latest l join users u on u.id = l.user_id join sites s on s.id = u.site_id
		where u.active and u.role = 'clerk'
			and (s.offers_all_services or exists (select 1 from site_services ss where ss.site_id = s.id and ss.service_code = l.service_code))
			and ${
				kind === 'expiring'
					? sql`l.current and l.expires_at > now() and l.expires_at <= now() + make_interval(days => ${expiringSoonDays}::int)`
					: sql`not l.current`
			}
		order by l.expires_at, u.username`
}

export type BoardInProcess = {
	/** The old loader's SQL: the aggregate over every certification plus the people query. */
	legacyBoardMs: number
	/** The stored standing: every person's summary row, then the cells of the first 50. */
	storedFirstPageMs: number
	legacyAlertsMs: number
	/** readinessOf for one person, from their certifications (what the person page computes). */
	personReadinessMs: number
	personId: string
}

export async function boardInProcess(catalog: Catalog): Promise<BoardInProcess> {
	const days = catalog.rules.expiringSoonDays
	const filter = { role: 'clerk' as const, sort: 'readiness' as const, page: 1 }
	const legacyBoardMs = await medianMs(5, () =>
		Promise.all([
			queryRows(legacyBoardAggregateSql({ scope: null, filter, expiringSoonDays: days })),
			queryRows(sql`
				select u.id, u.username, u.display_name, u.role, u.site_id, s.name as site_name, u.cohort_id, co.name as cohort_name,
					ex.exam_expires, coalesce(ex.exam_expires > now(), false) as exam_valid
				from users u join sites s on s.id = u.site_id left join cohorts co on co.id = u.cohort_id
				left join (select user_id, max(expires_at) as exam_expires from certifications where kind = 'exam' group by user_id) ex on ex.user_id = u.id
				where u.active and u.role = 'clerk'`),
		]),
	)
	const storedFirstPageMs = await medianMs(7, async () => {
		const rows = await loadBoardSummaries({ scope: null, filter })
		await loadBoardCells(
			rows.slice(0, 50).map((r) => r.id),
			days,
		)
	})
	const legacyAlertsMs = await medianMs(5, () =>
		Promise.all([
			queryRows(legacyAlertsSql('expiring', days)),
			queryRows(legacyAlertsSql('outdated', days)),
		]),
	)
	const [person] = await queryRows<{ id: string; site_id: number }>(
		sql`select id, site_id from users where role = 'clerk' order by username limit 1`,
	)
	if (!person) throw new Error('no clerk seeded')
	const personReadinessMs = await medianMs(7, () =>
		readinessOf({ id: person.id, siteId: person.site_id }, catalog),
	)
	return {
		legacyBoardMs,
		storedFirstPageMs,
		legacyAlertsMs,
		personReadinessMs,
		personId: person.id,
	}
}

export type BoardOverHttp = {
	firstPageMs: number
	firstPageKilobytes: number
	alertsMs: number
	personMs: number
	statuses: Array<number>
}

export async function boardOverHttp(
	base: string,
	headers: Record<string, string>,
	personId: string,
): Promise<BoardOverHttp> {
	const statuses: Array<number> = []
	const get = async (url: string) => {
		const response = await fetch(`${base}${url}`, { headers })
		const bytes = (await response.arrayBuffer()).byteLength
		statuses.push(response.status)
		return bytes
	}
	const firstPageKilobytes = round((await get('/board?sort=readiness')) / 1024)
	return {
		firstPageMs: await medianMs(9, () => get('/board?sort=readiness')),
		firstPageKilobytes,
		alertsMs: await medianMs(9, () => get('/board/alerts?kind=expiring')),
		personMs: await medianMs(9, () => get(`/board/people/${personId}`)),
		statuses: [...new Set(statuses)],
	}
}

export function boardTable(
	kind: DatabaseTarget['kind'],
	inProcess: BoardInProcess,
	http: BoardOverHttp,
): Array<[string, string, string]> {
	const firstPageGoal = kind === 'pglite' ? '≤ 300 ms' : '≤ 150 ms'
	return [
		[
			'board first page (50 by readiness), HTTP',
			`${http.firstPageMs} ms (${http.firstPageKilobytes} KB; in process ${inProcess.storedFirstPageMs} ms) vs old aggregate SQL alone ${inProcess.legacyBoardMs} ms`,
			firstPageGoal,
		],
		[
			'board alerts, HTTP',
			`${http.alertsMs} ms vs old expiring + outdated SQL alone ${inProcess.legacyAlertsMs} ms`,
			'≤ 200 ms',
		],
		[
			'board person page, HTTP',
			`${http.personMs} ms (readinessOf in process ${inProcess.personReadinessMs} ms)`,
			'≤ 200 ms',
		],
	]
}
