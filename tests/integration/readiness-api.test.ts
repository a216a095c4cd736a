// 系统对接: the readiness API answers a live, site-scoped token with the one standing; a revoked
// or foreign token gets nothing; requests are rate-limited and audited; the secret is stored hashed.
import { expect, test } from 'vitest'
import { z } from 'zod'
import { apiTokens, auditEvents } from '#drizzle/schema/index.ts'
import { grantCertifications } from '#app/modules/certification/grant.server.ts'
import { apiLimit, createApiToken } from '#app/modules/readiness/api.server.ts'
import { action as tokensAction } from '#app/routes/admin.api-tokens/route.tsx'
import { loader as siteLoader } from '#app/routes/api.v1.readiness._index/route.tsx'
import { loader as personLoader } from '#app/routes/api.v1.readiness.$username/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser, offerServices } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { dataOf, loaderArgs, makeRequest, sessionCookieFor } from '#tests/utils/requests.ts'

setupTestDatabase()

const answer = z.object({
	username: z.string(),
	cleared: z.boolean(),
	until: z.string().nullable(),
	missing: z.array(z.object({ code: z.string(), status: z.string() })),
})

async function world() {
	const catalog = await loadTestCatalog(await copyFixtureContent())
	const codes = catalog.ordered.map((s) => s.code)
	const point = await makeSite({ kind: 'point', code: 'mgj' })
	const other = await makeSite({ kind: 'point', code: 'gc' })
	await offerServices(point.id, codes.slice(0, 2))
	await offerServices(other.id, codes.slice(0, 2))
	const admin = await makeUser({ role: 'admin', siteId: point.id })
	const ready = await makeUser({ username: 'c-ready', siteId: point.id })
	const missing = await makeUser({ username: 'c-missing', siteId: point.id })
	const elsewhere = await makeUser({ username: 'c-other', siteId: other.id })
	await grantCertifications(
		getDb(),
		[
			...codes.slice(0, 2).map((code) => ({
				userId: ready.id,
				serviceCode: code,
				revision: catalog.services.get(code)?.revision ?? '',
				source: 'quiz' as const,
			})),
			{ userId: ready.id, serviceCode: null, revision: 'exam', source: 'exam' as const },
		],
		catalog.rules,
	)
	return { catalog, codes, point, admin, ready, missing, elsewhere }
}

const ask = (path: string, secret: string) =>
	makeRequest(path, { headers: { Authorization: `Bearer ${secret}` } })

test('a token answers for its sites only: cleared, until when, what is missing', async () => {
	const w = await world()
	const { secret } = await createApiToken({
		name: '叫号系统',
		siteIds: [w.point.id],
		actor: w.admin,
	})
	const stored = await getDb().select().from(apiTokens)
	expect(stored[0]?.tokenHash).not.toContain(secret)
	expect(JSON.stringify(stored)).not.toContain(secret)

	const ready = answer.parse(
		await (
			await personLoader(
				loaderArgs(ask('/api/v1/readiness/c-ready', secret), { username: 'c-ready' }),
			)
		).json(),
	)
	expect(ready).toMatchObject({ cleared: true, missing: [] })
	expect(ready.until).not.toBeNull()
	const missing = answer.parse(
		await (
			await personLoader(
				loaderArgs(ask('/api/v1/readiness/c-missing', secret), { username: 'c-missing' }),
			)
		).json(),
	)
	expect(missing.cleared).toBe(false)
	expect(missing.missing.map((m) => m.code)).toEqual(w.codes.slice(0, 2))
	const elsewhere = await personLoader(
		loaderArgs(ask('/api/v1/readiness/c-other', secret), { username: 'c-other' }),
	)
	expect(elsewhere.status).toBe(404)

	const site = await siteLoader(loaderArgs(ask('/api/v1/readiness?site=mgj', secret)))
	const body = z
		.object({ people: z.array(z.object({ username: z.string(), cleared: z.boolean() })) })
		.parse(await site.json())
	expect(body.people.map((p) => [p.username, p.cleared]).sort()).toEqual([
		['c-missing', false],
		['c-ready', true],
	])
	expect((await siteLoader(loaderArgs(ask('/api/v1/readiness?site=gc', secret)))).status).toBe(404)
	const audit = await getDb().select().from(auditEvents)
	expect(audit.filter((e) => e.action === 'api.readiness_read')).toHaveLength(5)
})

test('no token, a wrong one or a revoked one gets 401; past the limit, 429', async () => {
	const w = await world()
	const cookie = await sessionCookieFor(w.admin.id)
	const created = await dataOf(() =>
		tokensAction(
			loaderArgs(
				makeRequest('/admin/api-tokens', {
					cookie,
					form: { intent: 'create', name: '排班系统', sites: [String(w.point.id)] },
				}),
			),
		),
	)
	const secret = created.value.secret ?? ''
	expect(secret).toMatch(/^crt_/)
	const person = (s: string | null) =>
		personLoader(
			loaderArgs(
				s === null ? makeRequest('/api/v1/readiness/c-ready') : ask('/api/v1/readiness/c-ready', s),
				{ username: 'c-ready' },
			),
		).catch((e: unknown) => {
			if (e instanceof Response) return e
			throw e
		})
	expect((await person(null)).status).toBe(401)
	expect((await person('crt_wrongwrongwrongwrongwrong')).status).toBe(401)
	for (let i = 0; i < apiLimit.requests; i++) expect((await person(secret)).status).toBe(200)
	const limited = await person(secret)
	expect(limited.status).toBe(429)
	expect(limited.headers.get('Retry-After')).toBeTruthy()

	const [token] = await getDb().select().from(apiTokens)
	await dataOf(() =>
		tokensAction(
			loaderArgs(
				makeRequest('/admin/api-tokens', {
					cookie,
					form: { intent: 'revoke', id: String(token?.id) },
				}),
			),
		),
	)
	expect((await person(secret)).status).toBe(401)
	const refused = await dataOf(() =>
		tokensAction(
			loaderArgs(
				makeRequest('/admin/api-tokens', { cookie, form: { intent: 'create', name: 'x' } }),
			),
		),
	)
	expect(refused.status).toBe(400)
	expect(await getDb().select().from(apiTokens)).toHaveLength(1)
})
