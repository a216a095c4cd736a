// Drill-downs and alerts behind the board: one person's every service, one service's people,
// and the lists a trainer acts on (expiring, outdated, never attempted, failed three times).
import { sql, type SQL } from 'drizzle-orm'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { changesSince, readinessOf } from '#app/modules/certification/certifications.server.ts'
import {
	certifiedSql,
	expiredSql,
	expiringSql,
	outdatedSql,
	requiredBySiteSql,
	standingRecountSql,
	statusSql,
} from '#app/modules/certification/standing.server.ts'
import { type CertificationStatus } from '#app/modules/certification/status.ts'
import { siteScopeSql } from '#app/modules/people/people.server.ts'
import { examOutcome } from './exam-outcome.ts'
import { queryRows } from '#app/utils/db.server.ts'

/**
 * 需重新认证（变更 N 项）: how many changes each outdated certification must learn, keyed by
 * `${code}@${revision}` (the same count 我的认证 shows, from changesSince), cached per call.
 */
function changeCounter(catalog: Catalog) {
	const cache = new Map<string, Promise<number>>()
	return (code: string, revision: string) => {
		const key = `${code}@${revision}`
		let count = cache.get(key)
		if (!count) {
			count = changesSince(code, revision, catalog).then((changes) => changes?.length ?? 0)
			cache.set(key, count)
		}
		return count
	}
}

/**
 * Per person, the changes to learn over every required service they hold only on an older
 * revision (the board row's 需重新认证（变更 N 项）).
 */
export async function outdatedChangeCounts(
	userIds: ReadonlyArray<string>,
	catalog: Catalog = getCatalog(),
): Promise<Map<string, number>> {
	const result = new Map<string, number>()
	if (userIds.length === 0) return result
	const rows = await queryRows<{ user_id: string; service_code: string; revision: string }>(sql`
		select ss.user_id, ss.service_code, ss.older_revision as revision
		from service_standing ss
		join users u on u.id = ss.user_id
		join sites s on s.id = u.site_id
		join services sv on sv.code = ss.service_code and sv.active
		where ss.user_id in (${sql.join(
			userIds.map((id) => sql`${id}`),
			sql`, `,
		)}) and ${outdatedSql(sql`ss`)} and ${requiredBySiteSql(sql`s`, sql`ss.service_code`)}`)
	const count = changeCounter(catalog)
	for (const r of rows)
		result.set(r.user_id, (result.get(r.user_id) ?? 0) + (await count(r.service_code, r.revision)))
	return result
}

export async function personDetail(
	user: { id: string; siteId: number },
	catalog: Catalog = getCatalog(),
) {
	const readiness = await readinessOf(user, catalog)
	const attemptStats = await queryRows<{
		service_code: string | null
		kind: string
		attempts: number
		failed: number
		last_at: Date | string | null
	}>(sql`
		select service_code, kind, count(*)::int as attempts, count(*) filter (where not passed)::int as failed, max(submitted_at) as last_at
		from attempts where user_id = ${user.id} and status = 'submitted'
		group by service_code, kind`)
	const exams = await queryRows<{
		id: string
		submitted_at: Date | string
		percent: number
		passed: boolean
		focus_losses: number
		timed_out: boolean
	}>(sql`
		select id, submitted_at, percent, passed, focus_losses, timed_out from attempts
		where user_id = ${user.id} and kind = 'exam' and status = 'submitted' order by submitted_at desc`)
	const stats = new Map(
		attemptStats.filter((a) => a.service_code).map((a) => [a.service_code ?? '', a]),
	)
	const count = changeCounter(catalog)
	const changeCounts = new Map(
		await Promise.all(
			readiness.services.flatMap((s) =>
				s.status === 'outdated' && s.certification
					? [count(s.code, s.certification.revision).then((n) => [s.code, n] as [string, number])]
					: [],
			),
		),
	)
	return {
		readiness: {
			ready: readiness.ready,
			certified: readiness.certified,
			total: readiness.total,
			exam: readiness.exam.status,
			/** 有效 / 未参加 / 未通过 / 已过期: never sitting the exam is not failing it. */
			examOutcome: examOutcome({
				valid: readiness.exam.status === 'valid' || readiness.exam.status === 'expiring',
				lastPassed: exams[0]?.passed ?? null,
			}),
			examExpiresAt: readiness.exam.certification?.expiresAt ?? null,
		},
		services: readiness.services.map((s) => {
			const service = catalog.services.get(s.code)
			const stat = stats.get(s.code)
			return {
				code: s.code,
				name: service?.frontmatter.name ?? s.code,
				category: service?.frontmatter.category ?? '',
				status: s.status,
				earnedAt: s.certification?.earnedAt ?? null,
				expiresAt: s.certification?.expiresAt ?? null,
				revision: s.certification?.revision ?? null,
				currentRevision: service?.revision ?? '',
				attemptId: s.certification?.attemptId ?? null,
				attempts: stat?.attempts ?? 0,
				failed: stat?.failed ?? 0,
				/** 需重新认证（变更 N 项）: the changes since the held revision (0 when not outdated). */
				changeCount: changeCounts.get(s.code) ?? 0,
			}
		}),
		exams: exams.map((e) => ({
			id: e.id,
			submittedAt: new Date(e.submitted_at),
			percent: e.percent,
			passed: e.passed,
			focusLosses: e.focus_losses,
			timedOut: e.timed_out,
		})),
	}
}

export async function serviceDetail(
	code: string,
	scope: Array<number> | null,
	catalog: Catalog = getCatalog(),
) {
	const service = catalog.services.get(code)
	if (!service) return null
	const days = catalog.rules.expiringSoonDays
	const people = await queryRows<{
		id: string
		username: string
		display_name: string
		site_name: string
		status: CertificationStatus
		current_expires: Date | string | null
	}>(sql`
		select u.id, u.username, u.display_name, s.name as site_name,
			${statusSql(sql`ss`, days)} as status, ss.current_expires_at as current_expires
		from users u
		join sites s on s.id = u.site_id
		left join service_standing ss on ss.user_id = u.id and ss.service_code = ${code}
		where u.active and u.role = 'clerk' and ${siteScopeSql(scope)}
			and ${requiredBySiteSql(sql`s`, sql`${code}`)}
		order by u.username`)
	const [passRate] = await queryRows<{ attempts: number; passed: number }>(sql`
		select count(*)::int as attempts, count(*) filter (where a.passed)::int as passed
		from attempts a join users u on u.id = a.user_id
		where a.service_code = ${code} and a.status = 'submitted' and ${siteScopeSql(scope)}`)
	return {
		service: { code, name: service.frontmatter.name, revision: service.revision },
		attempts: passRate?.attempts ?? 0,
		passed: passRate?.passed ?? 0,
		people: people.map((p) => ({
			id: p.id,
			username: p.username,
			displayName: p.display_name,
			siteName: p.site_name,
			status: p.status,
			expiresAt: p.current_expires ? new Date(p.current_expires) : null,
		})),
	}
}

import { type AlertKind } from './alert-kinds.ts'

export { alertKinds, type AlertKind } from './alert-kinds.ts'

export type AlertRow = {
	userId: string
	username: string
	displayName: string
	siteName: string
	serviceCode: string | null
	serviceName: string | null
	date: Date | null
	detail: string
}

/** The standing kinds' rows: from service_standing, required services of active clerks. */
function standingAlertFrom(
	kind: 'expiring' | 'expired' | 'outdated',
	people: SQL,
	expiringSoonDays: number,
): SQL {
	return sql`
		from service_standing ss
		join users u on u.id = ss.user_id
		join sites s on s.id = u.site_id
		join services sv on sv.code = ss.service_code and sv.active
		where ${people} and ${requiredBySiteSql(sql`s`, sql`ss.service_code`)}
			and ${
				kind === 'expiring'
					? expiringSql(sql`ss`, expiringSoonDays)
					: kind === 'expired'
						? expiredSql(sql`ss`)
						: outdatedSql(sql`ss`)
			}`
}

export const alertPageSize = 50

/**
 * One page of an alert list, grouped by person (people ordered by their first date): the page's
 * people with all their rows, and how many people and rows the whole list has.
 */
export async function loadAlertPage(
	kind: AlertKind,
	scope: Array<number> | null,
	page: number,
	catalog: Catalog = getCatalog(),
): Promise<{ rows: Array<AlertRow>; people: number; items: number }> {
	if (kind === 'never' || kind === 'failed') {
		const all = await loadAlerts(kind, scope, catalog)
		const ids = [...new Set(all.map((r) => r.userId))]
		const onPage = new Set(ids.slice((page - 1) * alertPageSize, page * alertPageSize))
		return {
			rows: all.filter((r) => onPage.has(r.userId)),
			people: ids.length,
			items: all.length,
		}
	}
	const people = sql`u.active and u.role = 'clerk' and ${siteScopeSql(scope)}`
	// One scan of the standing rows: the matching rows once (materialized), the page's people
	// ranked from them, and those people's rows.
	const rows = await queryRows<StandingAlertSqlRow & { people: number; items: number }>(sql`
		with hits as materialized (
			select ${standingAlertColumns}
			${standingAlertFrom(kind, people, catalog.rules.expiringSoonDays)}
		),
		ranked as (
			select id, count(*) over ()::int as people, sum(count(*)) over ()::int as items
			from hits
			group by id, username
			order by min(expires_at), username
			limit ${alertPageSize} offset ${(page - 1) * alertPageSize}
		)
		select h.*, r.people, r.items from hits h join ranked r on r.id = h.id
		order by h.expires_at, h.username, h.service_code`)
	return {
		rows: await standingAlertRows(kind, rows, catalog),
		people: rows[0]?.people ?? 0,
		items: rows[0]?.items ?? 0,
	}
}

const staleSql = sql`coalesce(ps.next_expiry <= now(), false)`

/**
 * Rows and people per standing alert kind, from the stored standing (the tabs' counts): expired
 * and outdated from each person's summary row (expired = held on the current revision minus
 * certified, people past their next expiry recounted), expiring from the standing rows unless
 * the list shown counts it (`shown`: that kind is left out).
 */
export async function standingAlertCounts(
	scope: Array<number> | null,
	catalog: Catalog = getCatalog(),
	shown?: AlertKind,
): Promise<
	Partial<Record<'expiring' | 'expired' | 'outdated', { items: number; people: number }>>
> {
	const people = sql`u.active and u.role = 'clerk' and ${siteScopeSql(scope)}`
	const [summary, stale, expiring] = await Promise.all([
		queryRows<{
			expired_items: number
			expired_people: number
			outdated_items: number
			outdated_people: number
		}>(sql`
			select coalesce(sum(greatest(0, ps.held_current - ps.certified)) filter (where not ${staleSql}), 0)::int as expired_items,
				count(*) filter (where not ${staleSql} and ps.held_current > ps.certified)::int as expired_people,
				coalesce(sum(ps.outdated), 0)::int as outdated_items,
				count(*) filter (where ps.outdated > 0)::int as outdated_people
			from users u join person_standing ps on ps.user_id = u.id
			where ${people}`),
		queryRows<{ id: string; held_current: number }>(sql`
			select u.id, ps.held_current from users u join person_standing ps on ps.user_id = u.id
			where ${people} and ${staleSql}`),
		shown === 'expiring'
			? Promise.resolve(null)
			: queryRows<{ items: number; people: number }>(sql`
				select count(*)::int as items, count(distinct u.id)::int as people
				${standingAlertFrom('expiring', people, catalog.rules.expiringSoonDays)}`),
	])
	// People whose stored count is past its next expiry: recounted from their standing rows.
	let expiredItems = summary[0]?.expired_items ?? 0
	let expiredPeople = summary[0]?.expired_people ?? 0
	for (let i = 0; i < stale.length; i += 500) {
		const chunk = stale.slice(i, i + 500)
		const fresh = new Map(
			(
				await queryRows<{ user_id: string; certified: number }>(
					standingRecountSql(chunk.map((p) => p.id)),
				)
			).map((r) => [r.user_id, r.certified]),
		)
		for (const p of chunk) {
			const expired = Math.max(0, p.held_current - (fresh.get(p.id) ?? 0))
			expiredItems += expired
			if (expired > 0) expiredPeople++
		}
	}
	return {
		...(expiring
			? { expiring: { items: expiring[0]?.items ?? 0, people: expiring[0]?.people ?? 0 } }
			: {}),
		expired: { items: expiredItems, people: expiredPeople },
		outdated: {
			items: summary[0]?.outdated_items ?? 0,
			people: summary[0]?.outdated_people ?? 0,
		},
	}
}

export async function loadAlerts(
	kind: AlertKind,
	scope: Array<number> | null,
	catalog: Catalog = getCatalog(),
	/** Only these people (a page of the list). */
	userIds?: ReadonlyArray<string>,
): Promise<Array<AlertRow>> {
	const only =
		userIds === undefined
			? sql`true`
			: userIds.length === 0
				? sql`false`
				: sql`u.id in (${sql.join(
						userIds.map((id) => sql`${id}`),
						sql`, `,
					)})`
	const people = sql`u.active and u.role = 'clerk' and ${siteScopeSql(scope)} and ${only}`
	const name = (code: string | null) =>
		code ? (catalog.services.get(code)?.frontmatter.name ?? code) : null
	if (kind === 'never') {
		const rows = await queryRows<{
			id: string
			username: string
			display_name: string
			site_name: string
			created_at: Date | string
		}>(sql`
			select u.id, u.username, u.display_name, s.name as site_name, u.created_at from users u join sites s on s.id = u.site_id
			where ${people} and not exists (select 1 from attempts a where a.user_id = u.id)
			order by u.created_at, u.username`)
		return rows.map((r) => ({
			userId: r.id,
			username: r.username,
			displayName: r.display_name,
			siteName: r.site_name,
			serviceCode: null,
			serviceName: null,
			date: new Date(r.created_at),
			detail: '',
		}))
	}
	if (kind === 'failed') {
		const rows = await queryRows<{
			id: string
			username: string
			display_name: string
			site_name: string
			service_code: string
			fails: number
			last_at: Date | string
		}>(sql`
			select u.id, u.username, u.display_name, s.name as site_name, a.service_code, count(*)::int as fails, max(a.submitted_at) as last_at
			from attempts a join users u on u.id = a.user_id join sites s on s.id = u.site_id
			join services sv on sv.code = a.service_code
			where ${people} and a.kind = 'service' and a.status = 'submitted' and not a.passed
				and not exists (select 1 from service_standing ss where ss.user_id = u.id and ss.service_code = a.service_code
					and ${certifiedSql(sql`ss`)})
			group by u.id, u.username, u.display_name, s.name, a.service_code
			having count(*) >= 3
			order by fails desc, last_at desc`)
		return rows.map((r) => ({
			userId: r.id,
			username: r.username,
			displayName: r.display_name,
			siteName: r.site_name,
			serviceCode: r.service_code,
			serviceName: name(r.service_code),
			date: new Date(r.last_at),
			detail: String(r.fails),
		}))
	}
	// Expiring, expired and outdated: each person's stored standing per required service.
	const rows = await queryRows<StandingAlertSqlRow>(sql`
		select ${standingAlertColumns}
		${standingAlertFrom(kind, people, catalog.rules.expiringSoonDays)}
		order by coalesce(ss.current_expires_at, ss.older_expires_at), u.username, ss.service_code`)
	return standingAlertRows(kind, rows, catalog)
}

type StandingAlertSqlRow = {
	id: string
	username: string
	display_name: string
	site_name: string
	service_code: string
	revision: string
	expires_at: Date | string | null
}

const standingAlertColumns = sql`u.id, u.username, u.display_name, s.name as site_name, ss.service_code,
	coalesce(ss.older_revision, ss.revision) as revision,
	coalesce(ss.current_expires_at, ss.older_expires_at) as expires_at`

async function standingAlertRows(
	kind: AlertKind,
	rows: Array<StandingAlertSqlRow>,
	catalog: Catalog,
): Promise<Array<AlertRow>> {
	const changeCache = new Map<string, string>()
	const result: Array<AlertRow> = []
	for (const r of rows) {
		let detail = ''
		if (kind === 'outdated') {
			const key = `${r.service_code}@${r.revision}`
			if (!changeCache.has(key))
				changeCache.set(
					key,
					((await changesSince(r.service_code, r.revision, catalog)) ?? []).join('；'),
				)
			detail = changeCache.get(key) ?? ''
		}
		result.push({
			userId: r.id,
			username: r.username,
			displayName: r.display_name,
			siteName: r.site_name,
			serviceCode: r.service_code,
			serviceName: catalog.services.get(r.service_code)?.frontmatter.name ?? r.service_code,
			date: r.expires_at ? new Date(r.expires_at) : null,
			detail,
		})
	}
	return result
}
