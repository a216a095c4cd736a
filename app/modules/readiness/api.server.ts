// 系统对接: the readiness API for the hall's queue and rota systems. Per-system tokens (SHA-256
// stored, the secret shown once, scoped to sites, revocable), a rate limit per token, and an
// audit event for every answer. The answer is the one rule (certification/status.ts).
import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { apiTokens, sites } from '#drizzle/schema/index.ts'
import { recordAudit, type AuditActor } from '#app/modules/audit/audit.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { readinessOf } from '#app/modules/certification/certifications.server.ts'
import { findUserByUsername } from '#app/modules/people/people.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { rateLimit } from '#app/utils/rate-limit.server.ts'
import { loadBoardSummaries } from './board.server.ts'

export const apiLimit = { requests: 120, windowSeconds: 60 } as const

function hashToken(secret: string): string {
	return createHash('sha256').update(secret).digest('hex')
}

/** A new token: the secret is returned once and never stored. */
export async function createApiToken(input: {
	name: string
	siteIds: Array<number>
	actor: NonNullable<AuditActor>
}): Promise<{ id: number; secret: string }> {
	const secret = `crt_${randomBytes(24).toString('base64url')}`
	const [row] = await getDb()
		.insert(apiTokens)
		.values({
			name: input.name,
			tokenHash: hashToken(secret),
			siteIds: input.siteIds,
			createdBy: input.actor.id,
		})
		.returning({ id: apiTokens.id })
	if (!row) throw new Error('token not created')
	await recordAudit({
		actor: input.actor,
		action: 'api.token_created',
		targetType: 'api_token',
		targetId: String(row.id),
		details: { name: input.name, siteIds: input.siteIds },
	})
	return { id: row.id, secret }
}

export async function revokeApiToken(id: number, actor: NonNullable<AuditActor>): Promise<boolean> {
	const rows = await getDb()
		.update(apiTokens)
		.set({ revokedAt: sql`now()` })
		.where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
		.returning({ id: apiTokens.id })
	if (rows.length === 0) return false
	await recordAudit({
		actor,
		action: 'api.token_revoked',
		targetType: 'api_token',
		targetId: String(id),
	})
	return true
}

export async function listApiTokens() {
	return getDb()
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			siteIds: apiTokens.siteIds,
			createdAt: apiTokens.createdAt,
			revokedAt: apiTokens.revokedAt,
			lastUsedAt: apiTokens.lastUsedAt,
		})
		.from(apiTokens)
		.orderBy(desc(apiTokens.createdAt))
}

function jsonError(status: number, error: string, headers: Record<string, string> = {}) {
	return new Response(JSON.stringify({ error }), {
		status,
		headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
	})
}

/** Who is asking: a live token from `Authorization: Bearer …`, within its rate limit. */
export async function requireApiToken(request: Request) {
	const match = /^Bearer\s+(crt_[A-Za-z0-9_-]{20,64})\s*$/.exec(
		request.headers.get('Authorization') ?? '',
	)
	if (!match?.[1]) throw jsonError(401, 'missing or malformed bearer token')
	const [token] = await getDb()
		.select()
		.from(apiTokens)
		.where(and(eq(apiTokens.tokenHash, hashToken(match[1])), isNull(apiTokens.revokedAt)))
	if (!token) throw jsonError(401, 'unknown or revoked token')
	const outcome = await rateLimit(`api:${token.id}`, apiLimit.requests, apiLimit.windowSeconds)
	if (!outcome.allowed)
		throw jsonError(429, 'too many requests', {
			'Retry-After': String(outcome.retryAfterSeconds),
		})
	await getDb()
		.update(apiTokens)
		.set({ lastUsedAt: sql`now()` })
		.where(eq(apiTokens.id, token.id))
	return token
}

async function audited(
	token: { id: number; name: string },
	query: Record<string, unknown>,
	status: number,
) {
	await recordAudit({
		actor: null,
		action: 'api.readiness_read',
		targetType: 'api_token',
		targetId: String(token.id),
		details: { token: token.name, ...query, status },
	})
}

export function json(body: unknown, status = 200) {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
	})
}

/** One person: cleared for a general counter or not, until when, and what is missing. */
export async function personReadinessAnswer(request: Request, username: string) {
	const token = await requireApiToken(request)
	const person = await findUserByUsername(username)
	if (!person || !person.active || !token.siteIds.includes(person.siteId)) {
		await audited(token, { username }, 404)
		return json({ error: 'no such person at the sites of this token' }, 404)
	}
	const catalog = getCatalog()
	const readiness = await readinessOf(person, catalog)
	const expiries = [
		...readiness.services.map((s) => s.certification?.expiresAt ?? null),
		readiness.exam.certification?.expiresAt ?? null,
	].filter((d): d is Date => d !== null)
	const until =
		readiness.ready && expiries.length > 0
			? new Date(Math.min(...expiries.map((d) => d.getTime())))
			: null
	const missing = readiness.services
		.filter((s) => s.status !== 'valid' && s.status !== 'expiring')
		.map((s) => ({
			code: s.code,
			name: catalog.services.get(s.code)?.frontmatter.name ?? s.code,
			status: s.status,
		}))
	await audited(token, { username: person.username }, 200)
	return json({
		username: person.username,
		displayName: person.displayName,
		siteId: person.siteId,
		cleared: readiness.ready,
		until: until?.toISOString() ?? null,
		certified: readiness.certified,
		required: readiness.total,
		exam: readiness.exam.status,
		missing,
	})
}

/** Everyone at a site (code or id): cleared or not, until when, how many services missing. */
export async function siteReadinessAnswer(request: Request, siteParam: string) {
	const token = await requireApiToken(request)
	const [site] = await getDb()
		.select()
		.from(sites)
		.where(
			/^\d{1,9}$/.test(siteParam)
				? eq(sites.id, Number(siteParam))
				: eq(sites.code, siteParam.slice(0, 40)),
		)
	if (!site || !token.siteIds.includes(site.id)) {
		await audited(token, { site: siteParam }, 404)
		return json({ error: 'no such site for this token' }, 404)
	}
	const people = await loadBoardSummaries({
		scope: [site.id],
		filter: { role: 'clerk', sort: 'name', page: 1, site: site.id },
	})
	await audited(token, { site: site.code, people: people.length }, 200)
	return json({
		site: { id: site.id, code: site.code, name: site.name },
		people: people.map((p) => ({
			username: p.username,
			displayName: p.displayName,
			cleared: p.ready,
			until: p.ready ? (p.nextExpiry?.toISOString() ?? null) : null,
			certified: p.certified,
			required: p.required,
			missingServices: p.required - p.certified,
			exam: p.examValid ? 'valid' : p.examExpiresAt ? 'expired' : 'none',
		})),
	})
}
