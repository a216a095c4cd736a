// A few thousand generated requests over every route and action of the build, as anonymous
// visitors and as a clerk, a trainer and an admin: hostile path parameters and queries, bodies
// of every wrong shape, well-formed forms full of values no field accepts. No answer may be a
// 5xx, no connection may drop, no stack trace may reach the log, and nothing may change in the
// database but the rate-limit counters. FUZZ_SEED=<n> replays a run; FUZZ_REQUESTS sets its size.
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { certificates } from '#drizzle/schema/index.ts'
import { newVerificationCode } from '#app/modules/certification/certificates.server.ts'
import { startServiceAttempt } from '#app/modules/quizzes/attempts.server.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'
import { makeCohort, makeSite, makeUser } from '#tests/factories/people.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { sessionCookieFor } from '#tests/utils/requests.ts'
import {
	buildApp,
	removeDir,
	serverDatabase,
	startServer,
	type ServerDatabase,
	type TestServer,
} from './server.ts'

const requestCount = Number(process.env.FUZZ_REQUESTS ?? 3000)
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
/** The run stops here even if requests remain (a slow machine), and says how far it got. */
const deadlineMs = 100_000
/**
 * Tables the fuzz may change: counters of sign-in attempts and verification lookups, and the
 * board's daily readiness snapshot, which the standing job in the server takes (at start and on
 * a timer, never from a request).
 */
const mayChange = new Set(['rate_counters', 'readiness_snapshots'])

// ---------------------------------------------------------------------------------------------
// The world the requests are thrown at

type RouteInfo = { id: string; path: string; hasAction: boolean; params: Array<string> }

/** Every route of the build with its full path ("/people/:id"), from Remix's own manifest. */
async function routesOfBuild(): Promise<Array<RouteInfo>> {
	const build: {
		routes: Record<string, { path?: string; index?: boolean; parentId?: string; module: object }>
	} = await import(path.join(await buildApp(), 'index.js'))
	const fullPath = (id: string): string => {
		const route = build.routes[id]
		if (!route) return ''
		const parent = route.parentId ? fullPath(route.parentId) : ''
		return route.path ? `${parent.replace(/\/$/, '')}/${route.path}` : parent
	}
	return Object.entries(build.routes)
		.filter(([id]) => id !== 'root')
		.map(([id, route]) => {
			const routePath = fullPath(id) || '/'
			return {
				id,
				path: routePath,
				hasAction: 'action' in route.module,
				params: [...routePath.matchAll(/:(\w+)/g)].map((m) => m[1] ?? ''),
			}
		})
}

type World = {
	identities: Array<{ name: string; cookie: string | null }>
	realParams: Record<string, Array<string>>
}

async function seedWorld(contentDir: string): Promise<World> {
	const catalog = await loadTestCatalog(contentDir)
	const hall = await makeSite({ name: '大厅', code: 'hall' })
	const point = await makeSite({ name: '社区点', code: 'point', kind: 'point' })
	const cohort = await makeCohort({ name: '新员工班' })
	const admin = await makeUser({ username: 'boss', role: 'admin', siteId: hall.id })
	const trainer = await makeUser({
		username: 'coach',
		role: 'trainer',
		siteId: hall.id,
		managedSiteIds: [point.id],
	})
	const clerk = await makeUser({ username: 'c1', siteId: hall.id, cohortId: cohort.id })
	const other = await makeUser({ username: 'c2', siteId: point.id })
	const codes = [...catalog.services.keys()]
	const attempt = await startServiceAttempt(clerk, codes[0] ?? '', catalog)
	const certificateCode = newVerificationCode()
	await getDb()
		.insert(certificates)
		.values({
			code: certificateCode,
			userId: clerk.id,
			kind: 'services',
			snapshot: {
				name: clerk.displayName,
				username: clerk.username,
				siteName: hall.name,
				validUntil: new Date(Date.now() + 86_400_000).toISOString(),
				services: [],
				examExpiresAt: null,
			},
		})
	return {
		identities: [
			{ name: 'anonymous', cookie: null },
			{ name: 'clerk', cookie: await sessionCookieFor(clerk.id) },
			{ name: 'trainer', cookie: await sessionCookieFor(trainer.id) },
			{ name: 'admin', cookie: await sessionCookieFor(admin.id) },
		],
		realParams: {
			id: [String(hall.id), String(point.id), clerk.id, other.id, trainer.id, attempt.id],
			code: [...codes, certificateCode],
		},
	}
}

/** Every table's rows, hashed: equal digests mean nothing changed. */
async function databaseDigest(): Promise<Record<string, string>> {
	const tables = await queryRows<{ tablename: string }>(
		sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
	)
	const digest: Record<string, string> = {}
	for (const { tablename } of tables) {
		if (mayChange.has(tablename)) continue
		const [row] = await queryRows<{ digest: string | null; n: number }>(
			sql.raw(
				`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as n from "${tablename}" t`,
			),
		)
		digest[tablename] = `${row?.n ?? 0}:${row?.digest ?? ''}`
	}
	return digest
}

// ---------------------------------------------------------------------------------------------
// The generator

function random(seedValue: number) {
	let state = seedValue >>> 0
	const next = () => {
		// mulberry32
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
	}
	const pick = <T>(items: ReadonlyArray<T>): T => {
		const item = items[Math.floor(next() * items.length)]
		if (item === undefined) throw new Error('nothing to pick from')
		return item
	}
	return { next, pick, chance: (p: number) => next() < p }
}

/** Values for addresses: some real-looking, most hostile. */
const hostileValues = [
	'',
	'0',
	'-1',
	'1e309',
	'NaN',
	'99999999999999999999',
	'2147483648',
	'-2147483649',
	'0x10',
	' 1',
	'１２３',
	'true',
	'null',
	'__proto__',
	'constructor',
	'[]',
	'{}',
	'../../etc/passwd',
	'..',
	'.',
	"'; drop table users; --",
	'" onmouseover="alert(1)',
	'<script>alert(1)</script>',
	'\u0001',
	'\u0007bell',
	'\u001b[31mred',
	'\u202egnp.exe',
	'😀'.repeat(50),
	// Long, but the whole address stays under Node's 16 KB (past it: 431, tests/http/requests).
	'a'.repeat(3000),
	'工'.repeat(500),
	'XY-YL-008',
	'XY-SBK-004',
	'AAAA-BBBB-CCCC',
	'2026-02-30',
	'9999-99-99',
	'1970-01-01',
	'%',
	'%zz',
	'%E0%A4%A',
	'%C0%AF',
	'%FF',
	'%00',
	'%2F%2F',
	'\\',
	'/\t/evil.example',
	'//evil.example',
]

/** Values for form fields: none of them can be valid in any field of this app. */
const impossibleValues = [
	'\u0001',
	'x\u0002y',
	'\u0000',
	'bad\u001fvalue',
	'中\u007f文',
	`${'长'.repeat(6000)}`,
	`${'x'.repeat(70_000)}`,
	'\u0003'.repeat(100),
]

const queryKeys = [
	'q',
	'site',
	'cohort',
	'role',
	'status',
	'page',
	'sort',
	'code',
	'redirectTo',
	'done',
	'service',
	'kind',
	'what',
	'format',
	'from',
	'to',
	'action',
	'filter',
	'category',
	'index',
	'_routes',
	'_data',
	'to',
	'username',
	'item',
	'n',
]

const fieldNames = [
	'intent',
	'username',
	'password',
	'current',
	'confirm',
	'displayName',
	'role',
	'siteId',
	'cohortId',
	'managedSiteIds',
	'services',
	'kind',
	'code',
	'name',
	'startsOn',
	'language',
	'redirectTo',
	'itemId',
	'choice',
	'choices',
	'value',
	'sequence',
	'decision.d1',
	'reps',
	'service',
	'grade',
	'q',
	'file',
]

/** Actions that need no input: a well-formed post to them is a real request, not a bad one. */
const noInputActions = new Set([
	'routes/logout',
	'routes/exam',
	'routes/quiz.$code',
	'routes/services.$code',
])

type Generated = {
	method: string
	path: string
	headers: Record<string, string>
	body?: BodyInit
	identity: string
}

function generator(routes: Array<RouteInfo>, world: World, rng: ReturnType<typeof random>) {
	const encode = (value: string) => {
		if (value.startsWith('%') || value === '\\') return value
		try {
			return encodeURIComponent(value)
		} catch {
			return '%ED%A0%80'
		}
	}
	const paramValue = (name: string) =>
		rng.chance(0.5) && world.realParams[name]
			? encode(rng.pick(world.realParams[name] ?? []))
			: encode(rng.pick(hostileValues))
	const query = () => {
		if (rng.chance(0.3)) return ''
		const parts: Array<string> = []
		const n = 1 + Math.floor(rng.next() * 3)
		for (let i = 0; i < n; i++)
			parts.push(`${encode(rng.pick(queryKeys))}=${encode(rng.pick(hostileValues))}`)
		return `?${parts.join('&')}`
	}
	const fields = () => {
		const entries: Array<[string, string]> = fieldNames.map((name) => [
			name,
			rng.pick(impossibleValues),
		])
		if (rng.chance(0.3)) entries.push([rng.pick(fieldNames), rng.pick(impossibleValues)])
		return entries
	}
	// Bodies the door refuses (415, 400, 413) whatever the route…
	// Bodies the door refuses (415, 400, 413) whatever the route…
	const wrongBodies: Array<() => { type?: string; body: BodyInit }> = [
		() => ({ type: 'application/json', body: JSON.stringify({ username: 'boss', password: 'x' }) }),
		() => ({ type: 'application/json', body: '{"a":' }),
		() => ({ type: 'text/plain', body: 'username=boss&password=demo-password' }),
		() => ({
			type: 'application/xml',
			body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>',
		}),
		() => ({ type: 'application/octet-stream', body: new Uint8Array([0, 255, 1, 254, 0, 0]) }),
		() => ({ body: 'no content type' }),
		() => ({ type: 'multipart/form-data', body: '--x\r\n\r\n' }),
		() => ({
			type: 'multipart/form-data; boundary=zz',
			body: '--zz\r\nContent-Disposition: form-data\r\n\r\nunterminated',
		}),
		() => ({ type: 'application/x-www-form-urlencoded', body: `q=${'a'.repeat(300 * 1024)}` }),
	]
	// …and odd but readable forms, which reach the action: not sent to actions that need no input.
	const oddForms: Array<() => { type?: string; body: BodyInit }> = [
		() => ({ type: 'application/x-www-form-urlencoded', body: 'a=%E0%A4%A&b=%zz&%=%%' }),
		() => ({
			type: 'application/x-www-form-urlencoded; charset=gbk',
			body: 'intent=save&x=\u00ff',
		}),
	]
	return (): Generated => {
		const route = rng.pick(routes)
		const identity = rng.pick(world.identities)
		let urlPath = route.path.replace(/:(\w+)/g, (_, name: string) => paramValue(name))
		// A segment more may land on another route (/services + /XY-SBK-004): which one is not
		// known, so such a path gets no readable form.
		const extended = rng.chance(0.05)
		if (extended) urlPath = `${urlPath}/${encode(rng.pick(hostileValues))}`
		const takesInput = !extended && !noInputActions.has(route.id)
		const headers: Record<string, string> = identity.cookie ? { Cookie: identity.cookie } : {}
		const kind = rng.next()
		if (kind < 0.45)
			return { method: 'GET', path: `${urlPath}${query()}`, headers, identity: identity.name }
		if (kind < 0.55) {
			const dataPath = urlPath === '/' ? '/_root.data' : `${urlPath.replace(/\/$/, '')}.data`
			const routesParam = rng.chance(0.5) ? route.id : rng.pick(hostileValues)
			return {
				method: 'GET',
				path: `${dataPath}?_routes=${encode(routesParam)}`,
				headers,
				identity: identity.name,
			}
		}
		if (kind < 0.6) {
			return {
				method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'BREW']),
				path: urlPath,
				headers,
				identity: identity.name,
			}
		}
		const postPath = rng.chance(0.2)
			? `${urlPath === '/' ? '/_root' : urlPath.replace(/\/$/, '')}.data${rng.chance(0.5) ? `?_route=${encode(route.id)}` : ''}`
			: `${urlPath}${rng.chance(0.2) ? query() : ''}`
		const postHeaders = { ...headers, Origin: 'ORIGIN' }
		// Well-formed forms (their fields all impossible), except to actions that take no input.
		if (kind < 0.85 && takesInput) {
			if (rng.chance(0.6)) {
				return {
					method: 'POST',
					path: postPath,
					headers: postHeaders,
					body: new URLSearchParams(fields()),
					identity: identity.name,
				}
			}
			const form = new FormData()
			for (const [name, value] of fields()) form.append(name, value)
			if (rng.chance(0.5))
				form.append(
					'file',
					new Blob([
						rng.pick([
							new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]),
							new TextEncoder().encode('工号\n\u0001'),
						]),
					]),
					rng.pick(['x.xlsx', 'x.csv', '../../x.xlsx', 'x.exe', '']),
				)
			return {
				method: 'POST',
				path: postPath,
				headers: postHeaders,
				body: form,
				identity: identity.name,
			}
		}
		const wrong = rng.pick(takesInput ? [...wrongBodies, ...oddForms] : wrongBodies)()
		return {
			method: 'POST',
			path: postPath,
			headers: { ...postHeaders, ...(wrong.type ? { 'Content-Type': wrong.type } : {}) },
			body: wrong.body,
			identity: identity.name,
		}
	}
}

// ---------------------------------------------------------------------------------------------

let database: ServerDatabase
let server: TestServer
let contentDir: string
let world: World
let routes: Array<RouteInfo>
let before: Record<string, string>

describe('fuzz', () => {
	beforeAll(async () => {
		routes = await routesOfBuild()
		database = await serverDatabase()
		contentDir = await copyFixtureContent()
		await database.connect()
		world = await seedWorld(contentDir)
		before = await databaseDigest()
		await database.disconnect()
		server = await startServer({ database, contentDir })
	})

	afterAll(async () => {
		await server?.stop()
		await database?.dispose()
		await removeDir(contentDir)
	})

	test(
		`${requestCount} generated requests: no 5xx, no dropped connection, nothing changed`,
		{ timeout: deadlineMs + 60_000 },
		async () => {
			expect(routes.length).toBeGreaterThan(20)
			expect(routes.filter((r) => r.hasAction).length).toBeGreaterThan(8)
			const rng = random(seed)
			const next = generator(routes, world, rng)
			const started = Date.now()
			const tally = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, dropped: 0 }
			const failures: Array<string> = []
			const worker = async () => {
				while (tally.requests < requestCount && Date.now() - started < deadlineMs) {
					tally.requests += 1
					const request = next()
					const headers = Object.fromEntries(
						Object.entries(request.headers).map(([k, v]) => [
							k,
							v === 'ORIGIN' ? server.origin : v,
						]),
					)
					const label = `${request.identity} ${request.method} ${request.path.slice(0, 160)}`
					try {
						const response = await fetch(`${server.origin}${request.path}`, {
							method: request.method,
							headers,
							body: request.body,
							redirect: 'manual',
						})
						await response.arrayBuffer()
						const family = `${Math.floor(response.status / 100)}xx`
						if (family in tally) tally[family as '2xx' | '3xx' | '4xx' | '5xx'] += 1
						if (response.status >= 500) failures.push(`${response.status} ${label}`)
					} catch (error) {
						tally.dropped += 1
						failures.push(`dropped (${String(error)}) ${label}`)
					}
				}
			}
			await Promise.all([worker(), worker(), worker(), worker()])
			const seconds = (Date.now() - started) / 1000
			console.log(
				`fuzz seed ${seed}: ${tally.requests} requests over ${routes.length} routes in ${seconds.toFixed(1)} s — ` +
					`2xx ${tally['2xx']}, 3xx ${tally['3xx']}, 4xx ${tally['4xx']}, 5xx ${tally['5xx']}, dropped ${tally.dropped}`,
			)
			expect(failures, `seed ${seed}`).toEqual([])
			expect(tally.requests).toBeGreaterThanOrEqual(Math.min(requestCount, 1000))
			expect(server.log()).not.toMatch(/\n\s+at /)

			await server.stop()
			await database.connect()
			const after = await databaseDigest()
			await database.disconnect()
			expect(after, `seed ${seed}: the database changed`).toEqual(before)
		},
	)
})
