// The readiness board: people × categories, each cell the share of the category's services (those
// the person's site offers) certified on the current revision and unexpired. Reads the stored
// standing (certification/standing.server.ts): one row per person to sort and count, then the
// cells of the people on the page; bench/board.ts measures it beside the old aggregate.
import { sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import {
	certifiedSql,
	examValidSql,
	expiringSql,
	standingRecountSql,
	outdatedSql,
	requiredBySiteSql,
} from '#app/modules/certification/standing.server.ts'
import { siteScopeSql } from '#app/modules/people/people.server.ts'
import { getDb, queryRows, type Queryable } from '#app/utils/db.server.ts'

export const boardStatuses = ['ready', 'almost', 'outdated', 'progress'] as const
export type BoardStatus = (typeof boardStatuses)[number]

export const boardFilterSchema = z.object({
	site: z.coerce.number().int().positive().optional().catch(undefined),
	cohort: z.coerce.number().int().positive().optional().catch(undefined),
	role: z.enum(['clerk', 'trainer', 'all']).catch('clerk').default('clerk'),
	status: z.enum(boardStatuses).optional().catch(undefined),
	/** action (default): who lost readiness first, then who expires this week, the almost ready. */
	sort: z.enum(['action', 'readiness', '-readiness', 'name']).catch('action').default('action'),
	/** lost: holds an expired or outdated certification; week: something expires within 7 days. */
	need: z.enum(['lost', 'week']).optional().catch(undefined),
	q: z.string().trim().max(40).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type BoardFilter = z.infer<typeof boardFilterSchema>

/** "Almost ready": at most this many services short, or only the exam missing. */
export const almostReadyGap = 5

/** The people on the board: active, of the role asked for, within the scope and filters. */
function peopleWhere(scope: Array<number> | null, filter: BoardFilter): SQL {
	const conditions: Array<SQL> = [sql`u.active`]
	if (filter.role !== 'all') conditions.push(sql`u.role = ${filter.role}`)
	if (scope) conditions.push(siteScopeSql(scope))
	if (filter.site) conditions.push(sql`u.site_id = ${filter.site}`)
	if (filter.cohort) conditions.push(sql`u.cohort_id = ${filter.cohort}`)
	if (filter.q)
		conditions.push(
			sql`(u.username ilike ${`%${filter.q}%`} or u.display_name ilike ${`%${filter.q}%`})`,
		)
	return sql.join(conditions, sql` and `)
}

/**
 * Per person and category, for the people given: services required, certified (current revision,
 * unexpired), expiring within the window, outdated (held only on an older revision). Reads the
 * stored standing of those people only.
 */
export function boardCellsSql(userIds: ReadonlyArray<string>, expiringSoonDays: number): SQL {
	const ids =
		userIds.length > 0
			? sql.join(
					userIds.map((id) => sql`${id}`),
					sql`, `,
				)
			: sql`null`
	// The page's standing rows first (primary-key lookups), so the planner never hashes the table.
	return sql`
		with held as materialized (
			select * from service_standing where user_id in (${ids})
		)
		select u.id as user_id, sv.category,
			count(*)::int as required,
			count(*) filter (where ${certifiedSql(sql`ss`)})::int as certified,
			count(*) filter (where ${expiringSql(sql`ss`, expiringSoonDays)})::int as expiring,
			count(*) filter (where ${outdatedSql(sql`ss`)})::int as outdated
		from users u
		join sites s on s.id = u.site_id
		join services sv on sv.active and ${requiredBySiteSql(sql`s`, sql`sv.code`)}
		left join held ss on ss.user_id = u.id and ss.service_code = sv.code
		where u.id in (${ids})
		group by u.id, sv.category`
}

/**
 * The old compute-on-read aggregate over every certification of the people in scope, kept for
 * the bench to show beside the stored standing (bench/board.ts). Not used by any page.
 */
export function legacyBoardAggregateSql(options: {
	scope: Array<number> | null
	filter: BoardFilter
	expiringSoonDays: number
}): SQL {
	const where = peopleWhere(options.scope, options.filter)
	return sql`
		with people as (
			select u.id, u.site_id from users u where ${where}
		),
		offered as (
			select s.id as site_id, sv.code, sv.category
			from sites s
			join services sv on sv.active
			where s.id in (select distinct site_id from people)
				and (s.offers_all_services
					or exists (select 1 from site_services ss where ss.site_id = s.id and ss.service_code = sv.code))
		),
		standing as (
			select c.user_id, c.service_code,
				bool_or(c.revision = sv.current_revision and c.expires_at > now()) as valid,
				max(c.expires_at) filter (where c.revision = sv.current_revision) as current_expires,
				bool_or(c.revision <> sv.current_revision) as has_old
			from certifications c
			join services sv on sv.code = c.service_code
			where c.kind = 'service' and c.user_id in (select id from people)
			group by c.user_id, c.service_code
		)
		select p.id as user_id, o.category,
			count(*)::int as required,
			count(*) filter (where st.valid)::int as certified,
			count(*) filter (where st.valid and st.current_expires <= now() + make_interval(days => ${options.expiringSoonDays}::int))::int as expiring,
			count(*) filter (where st.current_expires is null and st.has_old)::int as outdated
		from people p
		join offered o on o.site_id = p.site_id
		left join standing st on st.user_id = p.id and st.service_code = o.code
		group by p.id, o.category`
}

export type BoardCell = { required: number; certified: number; expiring: number; outdated: number }

export type BoardRow = {
	id: string
	username: string
	displayName: string
	role: string
	siteId: number
	siteName: string
	cohortId: number | null
	cohortName: string | null
	cells: Record<string, BoardCell>
	required: number
	certified: number
	expiring: number
	outdated: number
	examExpiresAt: Date | null
	examValid: boolean
	/** Required services whose current-revision certification has expired. */
	expired: number
	/** The first required certification (or the exam) to expire from now on. */
	nextExpiry: Date | null
	ready: boolean
	status: BoardStatus
	/** certified / required, 0..1 */
	share: number
}

export function statusOf(row: {
	required: number
	certified: number
	outdated: number
	examValid: boolean
}): BoardStatus {
	const missing = row.required - row.certified
	if (row.required > 0 && missing === 0 && row.examValid) return 'ready'
	if (row.outdated > 0) return 'outdated'
	if (row.required > 0 && missing <= almostReadyGap) return 'almost'
	return 'progress'
}

export type BoardSummary = Omit<BoardRow, 'cells' | 'expiring'>

/** Every person in scope, from their stored standing (one row each, no certification read). */
export async function loadBoardSummaries(options: {
	scope: Array<number> | null
	filter: BoardFilter
	db?: Queryable
}): Promise<Array<BoardSummary>> {
	const people = await queryRows<{
		id: string
		username: string
		display_name: string
		role: string
		site_id: number
		site_name: string
		cohort_id: number | null
		cohort_name: string | null
		required: number | null
		certified: number | null
		outdated: number | null
		exam_expires: Date | string | null
		exam_valid: boolean
		held_current: number | null
		next_expiry: Date | string | null
		stale: boolean
	}>(
		sql`
			select u.id, u.username, u.display_name, u.role, u.site_id, s.name as site_name, u.cohort_id, co.name as cohort_name,
				ps.required, ps.certified, ps.outdated, ps.held_current, ps.next_expiry,
				coalesce(ps.next_expiry <= now(), false) as stale,
				ps.exam_expires_at as exam_expires, ${examValidSql()} as exam_valid
			from users u
			join sites s on s.id = u.site_id
			left join cohorts co on co.id = u.cohort_id
			left join person_standing ps on ps.user_id = u.id
			where ${peopleWhere(options.scope, options.filter)}`,
		options.db ?? getDb(),
	)
	// People whose stored count is past its next expiry are recounted, alone (the job keeps them few).
	const recount = await recountStale(
		people.filter((p) => p.stale).map((p) => p.id),
		options.db ?? getDb(),
	)
	const rows = people.map((p) => {
		const fresh = recount.get(p.id)
		if (fresh) {
			p.certified = fresh.certified
			p.next_expiry = fresh.nextExpiry
		}
		const required = p.required ?? 0
		const certified = p.certified ?? 0
		const outdated = p.outdated ?? 0
		const examValid = p.exam_valid
		const status = statusOf({ required, certified, outdated, examValid })
		const examExpiresAt = p.exam_expires ? new Date(p.exam_expires) : null
		const serviceExpiry = p.next_expiry ? new Date(p.next_expiry) : null
		const nextExpiry =
			examValid && examExpiresAt && (!serviceExpiry || examExpiresAt < serviceExpiry)
				? examExpiresAt
				: serviceExpiry
		return {
			id: p.id,
			expired: Math.max(0, (p.held_current ?? 0) - certified),
			nextExpiry,
			username: p.username,
			displayName: p.display_name,
			role: p.role,
			siteId: p.site_id,
			siteName: p.site_name,
			cohortId: p.cohort_id,
			cohortName: p.cohort_name,
			required,
			certified,
			outdated,
			examExpiresAt,
			examValid,
			ready: status === 'ready',
			status,
			share: required === 0 ? 0 : certified / required,
		}
	})
	return selectRows(rows, options.filter)
}

const week = 7 * 86_400_000

async function recountStale(userIds: Array<string>, db: Queryable) {
	const result = new Map<string, { certified: number; nextExpiry: Date | string | null }>()
	for (let i = 0; i < userIds.length; i += 500) {
		const rows = await queryRows<{
			user_id: string
			certified: number
			next_expiry: Date | string | null
		}>(standingRecountSql(userIds.slice(i, i + 500)), db)
		for (const r of rows)
			result.set(r.user_id, { certified: r.certified, nextExpiry: r.next_expiry })
		for (const id of userIds.slice(i, i + 500))
			if (!result.has(id)) result.set(id, { certified: 0, nextExpiry: null })
	}
	return result
}

/** Lost readiness (or never had it) because a certification lapsed: expired or outdated. */
export function hasLapsed(row: Pick<BoardSummary, 'expired' | 'outdated'>): boolean {
	return row.expired + row.outdated > 0
}

export function expiresThisWeek(row: Pick<BoardSummary, 'nextExpiry'>, now = Date.now()): boolean {
	return row.nextExpiry !== null && row.nextExpiry.getTime() - now <= week
}

/** What needs a trainer first: 0 lapsed, 1 expiring this week, 2 almost, 3 in progress, 4 ready. */
function actionRank(row: BoardSummary, now: number): number {
	if (hasLapsed(row)) return 0
	if (expiresThisWeek(row, now)) return 1
	if (row.status === 'almost') return 2
	if (row.status === 'progress') return 3
	return 4
}

/** The status and need filters, then the order asked for. */
export function selectRows(rows: Array<BoardSummary>, filter: BoardFilter): Array<BoardSummary> {
	const now = Date.now()
	const filtered = rows.filter(
		(r) =>
			(!filter.status || r.status === filter.status) &&
			(!filter.need ||
				(filter.need === 'lost' ? hasLapsed(r) : expiresThisWeek(r, now) && !hasLapsed(r))),
	)
	const collator = new Intl.Collator('zh-CN')
	const byReadiness = (a: BoardSummary, b: BoardSummary) =>
		b.share - a.share ||
		Number(b.examValid) - Number(a.examValid) ||
		collator.compare(a.displayName, b.displayName)
	filtered.sort((a, b) => {
		if (filter.sort === 'name') return collator.compare(a.displayName, b.displayName)
		if (filter.sort === 'action')
			return actionRank(a, now) - actionRank(b, now) || byReadiness(a, b)
		const diff = filter.sort === 'readiness' ? b.share - a.share : a.share - b.share
		return diff !== 0
			? diff
			: Number(b.examValid) - Number(a.examValid) || collator.compare(a.displayName, b.displayName)
	})
	return filtered
}

/** The category cells of the people given (a board page, an export). */
export async function loadBoardCells(
	userIds: ReadonlyArray<string>,
	expiringSoonDays: number,
	db: Queryable = getDb(),
): Promise<Map<string, Record<string, BoardCell>>> {
	const byUser = new Map<string, Record<string, BoardCell>>()
	for (let i = 0; i < userIds.length; i += 500) {
		const cells = await queryRows<{
			user_id: string
			category: string
			required: number
			certified: number
			expiring: number
			outdated: number
		}>(boardCellsSql(userIds.slice(i, i + 500), expiringSoonDays), db)
		for (const cell of cells) {
			const row = byUser.get(cell.user_id) ?? {}
			row[cell.category] = {
				required: cell.required,
				certified: cell.certified,
				expiring: cell.expiring,
				outdated: cell.outdated,
			}
			byUser.set(cell.user_id, row)
		}
	}
	return byUser
}

export function withCells(
	summaries: Array<BoardSummary>,
	cells: Map<string, Record<string, BoardCell>>,
): Array<BoardRow> {
	return summaries.map((summary) => {
		const cellsOf = cells.get(summary.id) ?? {}
		return {
			...summary,
			cells: cellsOf,
			expiring: Object.values(cellsOf).reduce((n, c) => n + c.expiring, 0),
		}
	})
}

/** Every person in scope with their cells (exports, the parity test). */
export async function loadBoard(options: {
	scope: Array<number> | null
	filter: BoardFilter
	expiringSoonDays: number
	categories?: Array<string>
	db?: Queryable
}): Promise<Array<BoardRow>> {
	const summaries = await loadBoardSummaries(options)
	const cells = await loadBoardCells(
		summaries.map((s) => s.id),
		options.expiringSoonDays,
		options.db,
	)
	return withCells(summaries, cells)
}

export type GroupTotal = {
	id: number | null
	name: string
	people: number
	ready: number
	almost: number
	outdated: number
	share: number
}

export function totalsBy(rows: Array<BoardSummary>, key: 'site' | 'cohort'): Array<GroupTotal> {
	const groups = new Map<string, GroupTotal & { required: number; certified: number }>()
	for (const row of rows) {
		const id = key === 'site' ? row.siteId : row.cohortId
		const name = key === 'site' ? row.siteName : (row.cohortName ?? '')
		const group = groups.get(String(id)) ?? {
			id,
			name,
			people: 0,
			ready: 0,
			almost: 0,
			outdated: 0,
			share: 0,
			required: 0,
			certified: 0,
		}
		group.people++
		if (row.status === 'ready') group.ready++
		if (row.status === 'almost') group.almost++
		if (row.status === 'outdated') group.outdated++
		group.required += row.required
		group.certified += row.certified
		groups.set(String(id), group)
	}
	return [...groups.values()].map(({ required, certified, ...g }) => ({
		...g,
		share: required === 0 ? 0 : certified / required,
	}))
}

/**
 * Site × category share certified over the people in scope: an aggregate over every standing row
 * of those people, so the board computes it only when asked (?heat=1), not on its first page.
 */
export async function loadHeat(options: {
	scope: Array<number> | null
	filter: BoardFilter
	db?: Queryable
}): Promise<Array<{ siteId: number; category: string; required: number; certified: number }>> {
	const rows = await queryRows<{
		site_id: number
		category: string
		required: number
		certified: number
	}>(
		sql`select u.site_id, sv.category, count(*)::int as required,
				count(*) filter (where ${certifiedSql(sql`ss`)})::int as certified
			from users u
			join sites s on s.id = u.site_id
			join services sv on sv.active and ${requiredBySiteSql(sql`s`, sql`sv.code`)}
			left join service_standing ss on ss.user_id = u.id and ss.service_code = sv.code
			where ${peopleWhere(options.scope, options.filter)}
			group by u.site_id, sv.category`,
		options.db ?? getDb(),
	)
	return rows.map((r) => ({
		siteId: r.site_id,
		category: r.category,
		required: r.required,
		certified: r.certified,
	}))
}

/** Exams in progress now, per site in scope (for the today panel). */
export async function examsInProgress(
	scope: Array<number> | null,
	db: Queryable = getDb(),
): Promise<Map<number, number>> {
	const rows = await queryRows<{ site_id: number; n: number }>(
		sql`select u.site_id, count(*)::int as n from attempts a join users u on u.id = a.user_id
			where a.kind = 'exam' and a.status = 'active' and (a.deadline_at is null or a.deadline_at > now())
				and ${siteScopeSql(scope)}
			group by u.site_id`,
		db,
	)
	return new Map(rows.map((r) => [r.site_id, r.n]))
}

/** Per person, whether their latest submitted exam attempt passed (absent: never sat it). */
export async function lastExamPassed(
	userIds: ReadonlyArray<string>,
	db: Queryable = getDb(),
): Promise<Map<string, boolean>> {
	if (userIds.length === 0) return new Map()
	const rows = await queryRows<{ user_id: string; passed: boolean }>(
		sql`
			select distinct on (user_id) user_id, passed from attempts
			where kind = 'exam' and status = 'submitted' and user_id in (${sql.join(
				userIds.map((id) => sql`${id}`),
				sql`, `,
			)})
			order by user_id, submitted_at desc`,
		db,
	)
	return new Map(rows.map((r) => [r.user_id, r.passed]))
}
