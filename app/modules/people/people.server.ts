// Users, sites and cohorts, and who may manage whom. Ownership lives in the where clause:
// every query takes the actor's site scope.
import { randomInt, randomUUID } from 'node:crypto'
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm'
import { cohorts, sites, trainerSites, users } from '#drizzle/schema/index.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import {
	forgetUserSessions,
	invalidateUserSessions,
	type SessionUser,
} from '#app/modules/auth/session.server.ts'
import { recordAudit, type AuditActor } from '#app/modules/audit/audit.server.ts'
import { getDb, type Queryable } from '#app/utils/db.server.ts'

export type Role = SessionUser['role']
export const roles: ReadonlyArray<Role> = ['clerk', 'trainer', 'admin']

/** The sites an actor manages: null means all (admin). Clerks manage none. */
export async function managedSiteIds(
	actor: SessionUser,
	db: Queryable = getDb(),
): Promise<Array<number> | null> {
	if (actor.role === 'admin') return null
	if (actor.role === 'clerk') return []
	const extra = await db
		.select({ siteId: trainerSites.siteId })
		.from(trainerSites)
		.where(eq(trainerSites.userId, actor.id))
	return [...new Set([actor.siteId, ...extra.map((r) => r.siteId)])]
}

export function inScope(scope: Array<number> | null, siteId: number): boolean {
	return scope === null || scope.includes(siteId)
}

/** Roles an actor may give: an admin any role; a trainer only clerks. */
export function assignableRoles(actor: SessionUser): ReadonlyArray<Role> {
	return actor.role === 'admin' ? roles : actor.role === 'trainer' ? ['clerk'] : []
}

// ---------------------------------------------------------------------------------------------
// Sites and cohorts

export async function listSites(scope: Array<number> | null = null, db: Queryable = getDb()) {
	return db
		.select()
		.from(sites)
		.where(scope === null ? undefined : inArray(sites.id, scope.length > 0 ? scope : [-1]))
		.orderBy(asc(sites.kind), asc(sites.id))
}

export async function listSitesWithCounts(scope: Array<number> | null) {
	return getDb()
		.select({
			id: sites.id,
			code: sites.code,
			name: sites.name,
			kind: sites.kind,
			offersAllServices: sites.offersAllServices,
			active: sites.active,
			people: sql<number>`(select count(*)::int from users u where u.site_id = sites.id and u.active)`,
			services: sql<number>`(select count(*)::int from site_services ss where ss.site_id = sites.id)`,
		})
		.from(sites)
		.where(scope === null ? undefined : inArray(sites.id, scope.length > 0 ? scope : [-1]))
		.orderBy(asc(sites.kind), asc(sites.id))
}

export async function listCohorts(db: Queryable = getDb()) {
	return db.select().from(cohorts).orderBy(asc(cohorts.id))
}

export async function createCohort(
	name: string,
	startsOn: string | null,
	actor: AuditActor = null,
) {
	const existing = await getDb()
		.select({ id: cohorts.id })
		.from(cohorts)
		.where(eq(cohorts.name, name))
	if (existing.length > 0) return { ok: false as const, error: 'cohortExists' as const }
	const row = await getDb().transaction(async (tx) => {
		const [created] = await tx.insert(cohorts).values({ name, startsOn }).returning()
		await recordAudit(
			{
				actor,
				action: 'cohort.create',
				targetType: 'cohort',
				targetId: created ? String(created.id) : null,
				details: { name, startsOn },
			},
			tx,
		)
		return created
	})
	return { ok: true as const, cohort: row }
}

export async function createSite(
	input: { code: string; name: string; kind: 'hall' | 'point' },
	actor: AuditActor = null,
) {
	const clash = await getDb()
		.select({ id: sites.id })
		.from(sites)
		.where(or(eq(sites.code, input.code), eq(sites.name, input.name)))
	if (clash.length > 0) return { ok: false as const, error: 'siteExists' as const }
	const row = await getDb().transaction(async (tx) => {
		const [created] = await tx
			.insert(sites)
			.values({ ...input, offersAllServices: input.kind === 'hall' })
			.returning()
		await recordAudit(
			{
				actor,
				action: 'site.create',
				targetType: 'site',
				targetId: created ? String(created.id) : null,
				siteId: created?.id ?? null,
				details: { code: input.code, name: input.name, kind: input.kind },
			},
			tx,
		)
		return created
	})
	return { ok: true as const, site: row }
}

// ---------------------------------------------------------------------------------------------
// Users

export type UserFilter = {
	q?: string
	siteId?: number
	cohortId?: number
	role?: Role
	status?: 'active' | 'inactive'
	page: number
	pageSize: number
}

export async function listUsers(filter: UserFilter, scope: Array<number> | null) {
	const q = filter.q?.trim()
	const conditions: Array<SQL | undefined> = [
		scope === null ? undefined : inArray(users.siteId, scope.length > 0 ? scope : [-1]),
		q ? or(ilike(users.username, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined,
		filter.siteId ? eq(users.siteId, filter.siteId) : undefined,
		filter.cohortId ? eq(users.cohortId, filter.cohortId) : undefined,
		filter.role ? eq(users.role, filter.role) : undefined,
		filter.status ? eq(users.active, filter.status === 'active') : undefined,
	]
	const where = and(...conditions.filter((c): c is SQL => c !== undefined))
	const [rows, [total]] = await Promise.all([
		getDb()
			.select({
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				role: users.role,
				active: users.active,
				siteId: users.siteId,
				siteName: sites.name,
				cohortId: users.cohortId,
				cohortName: cohorts.name,
			})
			.from(users)
			.innerJoin(sites, eq(sites.id, users.siteId))
			.leftJoin(cohorts, eq(cohorts.id, users.cohortId))
			.where(where)
			.orderBy(asc(users.username))
			.limit(filter.pageSize)
			.offset((filter.page - 1) * filter.pageSize),
		getDb().select({ n: count() }).from(users).where(where),
	])
	return { rows, total: total?.n ?? 0 }
}

export async function findUser(id: string, db: Queryable = getDb()) {
	const [row] = await db.select().from(users).where(eq(users.id, id))
	if (!row) return null
	const managed = await db
		.select({ siteId: trainerSites.siteId })
		.from(trainerSites)
		.where(eq(trainerSites.userId, id))
	return { ...row, managedSiteIds: managed.map((m) => m.siteId) }
}

export async function findUserByUsername(username: string) {
	const [row] = await getDb()
		.select()
		.from(users)
		.where(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`)
	return row ?? null
}

const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A temporary password shown once; the user must change it at first sign-in. */
export function temporaryPassword(length = 10): string {
	return Array.from({ length }, () => passwordAlphabet[randomInt(passwordAlphabet.length)]).join('')
}

export type NewUser = {
	username: string
	displayName: string
	role: Role
	siteId: number
	cohortId: number | null
}

export async function createUser(
	input: NewUser,
	actor: SessionUser | null,
	options: { password?: string } = {},
) {
	const password = options.password ?? temporaryPassword()
	const id = randomUUID()
	await getDb().transaction(async (tx) => {
		await tx.insert(users).values({
			id,
			...input,
			passwordHash: await hashPassword(password),
			mustChangePassword: options.password === undefined,
		})
		await recordAudit(
			{
				actor,
				action: 'user.create',
				targetType: 'user',
				targetId: id,
				siteId: input.siteId,
				details: { username: input.username, role: input.role },
			},
			tx,
		)
	})
	return { id, password }
}

export async function usernameTaken(username: string, exceptId?: string): Promise<boolean> {
	const found = await findUserByUsername(username)
	return found !== null && found.id !== exceptId
}

export type UserChanges = {
	displayName: string
	role: Role
	siteId: number
	cohortId: number | null
	managedSiteIds: Array<number>
}

export async function updateUser(id: string, changes: UserChanges, actor: SessionUser) {
	forgetUserSessions(id)
	await getDb().transaction(async (tx) => {
		const before = await findUser(id, tx)
		if (!before) return
		await tx
			.update(users)
			.set({
				displayName: changes.displayName,
				role: changes.role,
				siteId: changes.siteId,
				cohortId: changes.cohortId,
				updatedAt: new Date(),
			})
			.where(eq(users.id, id))
		if (actor.role === 'admin') {
			await tx.delete(trainerSites).where(eq(trainerSites.userId, id))
			const managed =
				changes.role === 'trainer' ? changes.managedSiteIds.filter((s) => s !== changes.siteId) : []
			if (managed.length > 0)
				await tx.insert(trainerSites).values(managed.map((siteId) => ({ userId: id, siteId })))
		}
		const changed = Object.fromEntries(
			(['displayName', 'role', 'siteId', 'cohortId'] as const)
				.filter((key) => before[key] !== changes[key])
				.map((key) => [key, { from: before[key], to: changes[key] }]),
		)
		if (before.role !== changes.role) {
			await recordAudit(
				{
					actor,
					action: 'user.role',
					targetType: 'user',
					targetId: id,
					siteId: changes.siteId,
					details: { username: before.username, from: before.role, to: changes.role },
				},
				tx,
			)
		}
		if (Object.keys(changed).length > 0) {
			await recordAudit(
				{
					actor,
					action: 'user.update',
					targetType: 'user',
					targetId: id,
					siteId: changes.siteId,
					details: { username: before.username, changed },
				},
				tx,
			)
		}
	})
}

export async function setUserActive(id: string, active: boolean, actor: SessionUser) {
	const user = await findUser(id)
	if (!user || user.active === active) return
	await getDb().transaction(async (tx) => {
		await tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, id))
		await recordAudit(
			{
				actor,
				action: active ? 'user.reactivate' : 'user.deactivate',
				targetType: 'user',
				targetId: id,
				siteId: user.siteId,
				details: { username: user.username },
			},
			tx,
		)
	})
	if (!active) await invalidateUserSessions(id)
}

export async function resetPassword(id: string, actor: SessionUser): Promise<string | null> {
	const user = await findUser(id)
	if (!user) return null
	const password = temporaryPassword()
	const passwordHash = await hashPassword(password)
	await getDb().transaction(async (tx) => {
		await tx
			.update(users)
			.set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
			.where(eq(users.id, id))
		await recordAudit(
			{
				actor,
				action: 'user.password_reset',
				targetType: 'user',
				targetId: id,
				siteId: user.siteId,
				details: { username: user.username },
			},
			tx,
		)
	})
	await invalidateUserSessions(id)
	return password
}

export async function changeOwnPassword(id: string, newPassword: string) {
	forgetUserSessions(id)
	await getDb()
		.update(users)
		.set({
			passwordHash: await hashPassword(newPassword),
			mustChangePassword: false,
			updatedAt: new Date(),
		})
		.where(eq(users.id, id))
}

/** The site a person belongs to, for scope checks (null when there is no such person). */
export async function siteOfUser(id: string): Promise<number | null> {
	const [row] = await getDb().select({ siteId: users.siteId }).from(users).where(eq(users.id, id))
	return row?.siteId ?? null
}

/** A person with the names of their site and cohort, for pages about them. */
export async function findPersonWithSite(id: string) {
	const [row] = await getDb()
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			siteId: users.siteId,
			siteName: sites.name,
			cohortName: cohorts.name,
			active: users.active,
		})
		.from(users)
		.innerJoin(sites, eq(sites.id, users.siteId))
		.leftJoin(cohorts, eq(cohorts.id, users.cohortId))
		.where(eq(users.id, id))
	return row ?? null
}

/** SQL for "the site column is within the actor's scope" (null scope: every site). */
export function siteScopeSql(scope: Array<number> | null, column: SQL = sql`u.site_id`): SQL {
	if (!scope) return sql`true`
	if (scope.length === 0) return sql`false`
	return sql`${column} in (${sql.join(
		scope.map((siteId) => sql`${siteId}`),
		sql`, `,
	)})`
}
