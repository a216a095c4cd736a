// One standing everywhere: over randomized histories (grants on several revisions, expiries past
// and future, revision changes, site service sets, deactivated people and services, stored counts
// gone stale), the board row, readinessOf, the drill-downs, the alerts and the export agree for
// every person. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
import { parse } from 'csv-parse/sync'
import { eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { personStanding, services, siteServices, users } from '#drizzle/schema/index.ts'
import { readinessOf } from '#app/modules/certification/certifications.server.ts'
import { grantCertifications, type GrantInput } from '#app/modules/certification/grant.server.ts'
import { type CertificationStatus } from '#app/modules/certification/status.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { seededRandom } from '#app/modules/quizzes/random.ts'
import { loader as alertsLoader } from '#app/routes/board.alerts/route.tsx'
import { loader as exportLoader } from '#app/routes/board.export/route.tsx'
import { loader as personLoader } from '#app/routes/board.people.$id/route.tsx'
import { loader as serviceLoader } from '#app/routes/board.services.$code/route.tsx'
import { loader as boardLoader } from '#app/routes/board._index/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser, offerServices } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { dataOf, loaderArgs, makeRequest, sessionCookieFor } from '#tests/utils/requests.ts'

setupTestDatabase()

const day = 86_400_000

async function randomWorld(seed: string, catalog: Catalog) {
	const random = seededRandom(seed)
	const pick = <T>(items: ReadonlyArray<T>): T => {
		const item = items[Math.floor(random() * items.length)]
		if (item === undefined) throw new Error('empty pick')
		return item
	}
	const codes = catalog.ordered.map((s) => s.code)
	const hall = await makeSite({ kind: 'hall' })
	const pointA = await makeSite({ kind: 'point' })
	const pointB = await makeSite({ kind: 'point' })
	await offerServices(
		pointA.id,
		codes.filter(() => random() < 0.6),
	)
	await offerServices(
		pointB.id,
		codes.filter(() => random() < 0.4),
	)
	const admin = await makeUser({ role: 'admin', siteId: hall.id })
	const people: Array<Awaited<ReturnType<typeof makeUser>>> = []
	for (let i = 0; i < 16; i++)
		people.push(await makeUser({ siteId: pick([hall, hall, pointA, pointB]).id }))
	const now = Date.now()
	// Revisions a service had before: certifications on them are outdated once a newer one exists.
	const history = (code: string) => [`${code}-r1`, `${code}-r2`]
	const grantRound = async (revisionOf: (code: string) => string) => {
		const grants: Array<GrantInput> = []
		for (const person of people) {
			for (const code of codes) {
				const n = Math.floor(random() * 3)
				for (let k = 0; k < n; k++) {
					// Earned between 26 months and a day ago: expiries past, within 30 days, and later.
					const ago = Math.floor(random() * 26 * 30 + 1)
					grants.push({
						userId: person.id,
						serviceCode: code,
						revision: random() < 0.65 ? revisionOf(code) : pick(history(code)),
						source: 'quiz',
						grantedAt: new Date(now - ago * day - Math.floor(random() * day)),
					})
				}
			}
			if (random() < 0.6)
				grants.push({
					userId: person.id,
					serviceCode: null,
					revision: 'exam',
					source: 'exam',
					grantedAt: new Date(now - Math.floor(random() * 16 * 30) * day),
				})
		}
		await grantCertifications(getDb(), grants, catalog.rules)
	}
	const revision = new Map(codes.map((c) => [c, catalog.services.get(c)?.revision ?? '']))
	await grantRound((code) => revision.get(code) ?? '')
	// A revision change (as a publish makes it), then more grants on old and new revisions.
	for (const code of codes.filter(() => random() < 0.4)) {
		const next = `${code}-r3-${seed}`
		await getDb().update(services).set({ currentRevision: next }).where(eq(services.code, code))
		revision.set(code, next)
	}
	await grantRound((code) => revision.get(code) ?? '')
	// Site service sets change, a service is withdrawn, people leave or move.
	const dropped = codes.filter(() => random() < 0.3)
	if (dropped.length > 0)
		await getDb()
			.delete(siteServices)
			.where(
				sql`${siteServices.siteId} = ${pointA.id} and ${inArray(siteServices.serviceCode, dropped)}`,
			)
	await offerServices(
		pointB.id,
		codes.filter(() => random() < 0.3),
	)
	if (random() < 0.5)
		await getDb()
			.update(services)
			.set({ active: false })
			.where(eq(services.code, pick(codes)))
	for (const person of people.filter(() => random() < 0.15))
		await getDb().update(users).set({ active: false }).where(eq(users.id, person.id))
	for (const person of people.filter(() => random() < 0.15))
		await getDb()
			.update(users)
			.set({ siteId: pick([hall, pointA, pointB]).id })
			.where(eq(users.id, person.id))
	// Two people whose histories reach the states a random one may miss: ready with one service
	// expiring within days; and the case, a current-revision certification expired while an
	// older revision is held (expired, not outdated, everywhere).
	const ready = await makeUser({ siteId: hall.id })
	const lapsed = await makeUser({ siteId: hall.id })
	const anchors: Array<GrantInput> = [
		{
			userId: ready.id,
			serviceCode: null,
			revision: 'exam',
			source: 'exam',
			grantedAt: new Date(now - 5 * day),
		},
		...codes.map((code, i) => ({
			userId: ready.id,
			serviceCode: code,
			revision: revision.get(code) ?? '',
			source: 'quiz' as const,
			grantedAt: new Date(now - (i === 0 ? 355 : 10) * day),
		})),
		...codes.flatMap((code) => [
			{
				userId: lapsed.id,
				serviceCode: code,
				revision: `${code}-r1`,
				source: 'quiz' as const,
				grantedAt: new Date(now - 20 * day),
			},
			{
				userId: lapsed.id,
				serviceCode: code,
				revision: revision.get(code) ?? '',
				source: 'quiz' as const,
				grantedAt: new Date(now - 400 * day),
			},
		]),
	]
	await grantCertifications(getDb(), anchors, catalog.rules)
	// Stored counts gone stale, as if computed before some certifications expired: readers recount.
	for (const person of people.filter(() => random() < 0.4))
		await getDb()
			.update(personStanding)
			.set({ certified: sql`${personStanding.certified} + 7`, nextExpiry: new Date(now - day) })
			.where(eq(personStanding.userId, person.id))
	return { admin, cookie: await sessionCookieFor(admin.id) }
}

describe('one standing', () => {
	test.each(['alpha', 'bravo', 'charlie', 'delta'])(
		'board, readinessOf, drill-downs, alerts and export agree (history %s)',
		async (seed) => {
			const root = await copyFixtureContent()
			const catalog = await loadTestCatalog(root)
			const { cookie } = await randomWorld(seed, catalog)
			const clerks = await getDb()
				.select({ id: users.id, siteId: users.siteId, username: users.username })
				.from(users)
				.where(sql`${users.active} and ${users.role} = 'clerk'`)
			const board = await dataOf(() =>
				boardLoader(loaderArgs(makeRequest('/board?role=clerk', { cookie }))),
			)
			const alerts = new Map<string, Set<string>>()
			const tabCounts: Array<{ shown: string; counts: Record<string, unknown> }> = []
			for (const kind of ['expiring', 'expired', 'outdated'] as const) {
				const { value } = await dataOf(() =>
					alertsLoader(loaderArgs(makeRequest(`/board/alerts?kind=${kind}`, { cookie }))),
				)
				alerts.set(kind, new Set(value.rows.map((r) => `${r.userId}:${r.serviceCode}`)))
				tabCounts.push({ shown: kind, counts: value.counts })
			}
			// Each tab's count (from the stored summaries) is what its own list counts when shown.
			for (const { counts } of tabCounts)
				for (const { shown, counts: own } of tabCounts)
					expect(counts[shown], `${shown} tab`).toEqual(own[shown])
			const csv = await (
				await exportLoader(
					loaderArgs(makeRequest('/board/export?what=board&format=csv', { cookie })),
				)
			).text()
			const exported = new Map(
				z
					.array(z.record(z.string(), z.string()))
					.parse(parse(csv, { bom: true, columns: true }))
					.map((r) => [r['工号'], r]),
			)
			const serviceStatus = new Map<string, CertificationStatus>()
			for (const code of catalog.ordered.map((s) => s.code)) {
				const { value } = await dataOf(() =>
					serviceLoader(loaderArgs(makeRequest(`/board/services/${code}`, { cookie }), { code })),
				)
				for (const p of value.people) serviceStatus.set(`${p.id}:${code}`, p.status)
			}

			expect(board.value.rows).toHaveLength(clerks.length)
			const seen = new Set<string>()
			for (const clerk of clerks) {
				const readiness = await readinessOf(clerk, catalog)
				const count = (status: CertificationStatus) =>
					readiness.services.filter((s) => s.status === status).length
				const row = board.value.rows.find((r) => r.id === clerk.id)
				const where = `${seed}, ${clerk.username}`
				expect(row, where).toMatchObject({
					certified: readiness.certified,
					required: readiness.total,
					outdated: count('outdated'),
					expiring: count('expiring'),
					examValid: readiness.exam.status === 'valid' || readiness.exam.status === 'expiring',
				})
				expect(row?.status === 'ready', where).toBe(readiness.ready)
				const cells = (row?.cells ?? []).filter((c) => c !== null)
				expect(
					cells.reduce((n, c) => n + c.certified, 0),
					where,
				).toBe(readiness.certified)

				const person = await dataOf(() =>
					personLoader(
						loaderArgs(makeRequest(`/board/people/${clerk.id}`, { cookie }), { id: clerk.id }),
					),
				)
				expect(person.value.readiness.ready, where).toBe(readiness.ready)
				expect(
					person.value.services.map((s) => [s.code, s.status]),
					where,
				).toEqual(readiness.services.map((s) => [s.code, s.status]))

				for (const s of readiness.services) {
					seen.add(s.status)
					const key = `${clerk.id}:${s.code}`
					expect(serviceStatus.get(key), `${where} ${s.code}`).toBe(s.status)
					for (const kind of ['expiring', 'expired', 'outdated'] as const)
						expect(alerts.get(kind)?.has(key), `${where} ${s.code} ${kind}`).toBe(s.status === kind)
				}

				const line = exported.get(clerk.username)
				expect(Number(line?.['已认证事项']), where).toBe(readiness.certified)
				expect(Number(line?.['应认证事项']), where).toBe(readiness.total)
				expect(line?.['状态'] === '可上综合窗口', where).toBe(readiness.ready)
			}
			// The history reached every state (else this test would prove little).
			for (const status of ['valid', 'expiring', 'expired', 'outdated', 'none'])
				expect(seen, `${seed} ${status}`).toContain(status)
			expect(board.value.rows.some((r) => r.status === 'ready')).toBe(true)
			// Nobody else is on an alert list (deactivated people, services no longer required).
			const required = new Set<string>()
			for (const clerk of clerks)
				for (const s of (await readinessOf(clerk, catalog)).services)
					required.add(`${clerk.id}:${s.code}`)
			for (const set of alerts.values()) for (const key of set) expect(required.has(key)).toBe(true)
		},
	)
})

describe('granting', () => {
	test('every certification expires by calendar months, on the database clock', async () => {
		const root = await copyFixtureContent()
		const catalog = await loadTestCatalog(root)
		const hall = await makeSite({ kind: 'hall' })
		const clerk = await makeUser({ siteId: hall.id })
		const rules = { ...catalog.rules, service: { ...catalog.rules.service, validityMonths: 1 } }
		const [code] = catalog.ordered.map((s) => s.code)
		const [monthEnd, exam] = await grantCertifications(
			getDb(),
			[
				{
					userId: clerk.id,
					serviceCode: code ?? '',
					revision: 'r',
					source: 'quiz',
					grantedAt: new Date('2026-01-31T04:00:00Z'),
				},
				{
					userId: clerk.id,
					serviceCode: null,
					revision: 'exam',
					source: 'exam',
					grantedAt: new Date('2027-02-28T04:00:00Z'),
				},
			],
			rules,
		)
		// 31 January + 1 month is 28 February, not 2 or 3 March (30.4-day months).
		expect(monthEnd?.expiresAt.toISOString()).toBe('2026-02-28T04:00:00.000Z')
		expect(exam?.expiresAt.toISOString()).toBe(
			new Date(`${2027 + rules.exam.validityMonths / 12}-02-28T04:00:00Z`).toISOString(),
		)
	})
})
