// Lucia v3 behind a small interface (docs/decisions/003): routes only see these functions, so
// Lucia can be replaced by the ~60-line session code of its own guide without touching them.
import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { eq, sql, type SQL } from 'drizzle-orm'
import { Lucia, TimeSpan, type Session } from 'lucia'
import { sessions, users } from '#drizzle/schema/index.ts'
import { databaseKind, getDb, type Database } from '#app/utils/db.server.ts'

export type SessionUser = {
	id: string
	username: string
	displayName: string
	role: 'clerk' | 'trainer' | 'admin'
	siteId: number
	cohortId: number | null
	active: boolean
	mustChangePassword: boolean
}

const sessionCookieName = 'cr_session'
const sessionExpiresIn = new TimeSpan(12, 'h')

function createLucia(db: Database) {
	return new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
		sessionCookie: { name: sessionCookieName },
		// Idle sessions end after a working day; activity extends them.
		sessionExpiresIn,
		getUserAttributes: (attributes) => ({
			username: attributes.username,
			displayName: attributes.displayName,
			role: attributes.role,
			siteId: attributes.siteId,
			cohortId: attributes.cohortId,
			active: attributes.active,
			mustChangePassword: attributes.mustChangePassword,
		}),
	})
}

type AppLucia = ReturnType<typeof createLucia>

declare module 'lucia' {
	interface Register {
		Lucia: AppLucia
		DatabaseUserAttributes: {
			username: string
			displayName: string
			role: 'clerk' | 'trainer' | 'admin'
			siteId: number
			cohortId: number | null
			active: boolean
			mustChangePassword: boolean
		}
	}
}

const instances = new WeakMap<Database, AppLucia>()
function lucia(): AppLucia {
	const db = getDb()
	let instance = instances.get(db)
	if (!instance) {
		instance = createLucia(db)
		instances.set(db, instance)
	}
	return instance
}

/**
 * A browser-session cookie (no Max-Age): on a shared counter PC, closing the browser signs out;
 * the server still ends idle sessions after 12 hours. Secure whenever the site is reached over
 * HTTPS (directly or, with TRUST_PROXY, behind a TLS proxy), or when COOKIE_SECURE=true.
 */
function sessionCookie(value: string, request: Request, maxAge?: number): string {
	const secure = new URL(request.url).protocol === 'https:' || process.env.COOKIE_SECURE === 'true'
	return [
		`${sessionCookieName}=${value}`,
		'Path=/',
		'HttpOnly',
		'SameSite=Lax',
		...(secure ? ['Secure'] : []),
		...(maxAge !== undefined ? [`Max-Age=${maxAge}`] : []),
	].join('; ')
}

export async function createSession(
	userId: string,
	request: Request,
): Promise<{ session: Session; cookie: string }> {
	const session = await lucia().createSession(userId, {})
	return { session, cookie: sessionCookie(session.id, request) }
}

export function readSessionId(request: Request): string | null {
	return lucia().readSessionCookie(request.headers.get('Cookie') ?? '')
}

/**
 * Validated sessions, remembered for a few seconds so a burst of requests costs one query, on
 * the embedded database only: it is one process, so a sign-out, deactivation or password change
 * forgets them at once. On PostgreSQL several app servers answer (docs/decisions/013) and each
 * request reads its session from the database, one indexed query: a sign-out on one server is
 * honoured by every other from the next request.
 */
function validatedFor(): number {
	return databaseKind() === 'pglite' ? 5_000 : 0
}
const validated = new Map<string, { at: number; user: SessionUser; session: Session }>()

function forgetSessions(match: (entry: { user: SessionUser; session: Session }) => boolean) {
	for (const [id, entry] of validated) if (match(entry)) validated.delete(id)
}

/** The signed-in user and session, or null. Inactive users have no valid session. */
export async function validateRequestSession(
	request: Request,
): Promise<{ user: SessionUser; session: Session } | null> {
	return validateSessionCookie(request.headers.get('Cookie') ?? '')
}

/** The same, from a Cookie header (the page cache reads it without building a Request). */
export async function validateSessionCookie(
	cookieHeader: string,
): Promise<{ user: SessionUser; session: Session } | null> {
	const sessionId = lucia().readSessionCookie(cookieHeader)
	if (!sessionId) return null
	const now = Date.now()
	const known = validated.get(sessionId)
	if (known && now - known.at < validatedFor() && known.session.expiresAt.getTime() > now)
		return known
	// A page's loaders (the root's and the route's) ask at the same moment: they share the one
	// query in flight. A finished answer is never shared on PostgreSQL (see validatedFor).
	const pending = inFlight.get(sessionId)
	if (pending) return pending
	const validating = validateFromDatabase(sessionId, now).finally(() => {
		if (inFlight.get(sessionId) === validating) inFlight.delete(sessionId)
	})
	inFlight.set(sessionId, validating)
	return validating
}

/**
 * The session, its user and one more value about that user, read in one query (a lesson page
 * asks for its studied mark: one round trip per view instead of two). Whenever Lucia would write
 * (a session to delete or to extend) or the user is inactive, Lucia decides as for any request
 * and `extraAlone` reads the value on its own. The embedded database keeps its short caches.
 */
export async function validateSessionCookieWith<T>(
	cookieHeader: string,
	extra: (userId: typeof sessions.userId) => SQL<T>,
	extraAlone: (userId: string) => Promise<T>,
): Promise<{ user: SessionUser; session: Session; extra: T } | null> {
	const slow = async () => {
		const found = await validateSessionCookie(cookieHeader)
		return found ? { ...found, extra: await extraAlone(found.user.id) } : null
	}
	if (validatedFor() > 0) return slow()
	const sessionId = lucia().readSessionCookie(cookieHeader)
	if (!sessionId) return null
	const [row] = await getDb()
		.select({ ...sessionRowColumns, extra: extra(sessions.userId) })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sessionId))
	if (!row) return null
	const found = withoutWriting(sessionId, row)
	return found ? { ...found, extra: row.extra } : slow()
}

const sessionRowColumns = {
	expiresAt: sessions.expiresAt,
	user: {
		id: users.id,
		username: users.username,
		displayName: users.displayName,
		role: users.role,
		siteId: users.siteId,
		cohortId: users.cohortId,
		active: users.active,
		mustChangePassword: users.mustChangePassword,
	},
}

// The read every request makes on PostgreSQL, prepared once per database connection pool.
const preparedSessionReads = new WeakMap<Database, ReturnType<typeof prepareSessionRead>>()
function prepareSessionRead(db: Database) {
	return db
		.select(sessionRowColumns)
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sql.placeholder('sessionId')))
		.prepare('session_with_user')
}

/**
 * A session as Lucia would return it, when Lucia would write nothing: not expired, not in the
 * second half of its life (Lucia extends it then), its user active. Otherwise null: ask Lucia.
 */
function withoutWriting(
	sessionId: string,
	row: { expiresAt: Date; user: SessionUser },
): { user: SessionUser; session: Session } | null {
	const extendFrom = row.expiresAt.getTime() - sessionExpiresIn.milliseconds() / 2
	if (Date.now() >= extendFrom || !row.user.active) return null
	const session: Session = {
		id: sessionId,
		userId: row.user.id,
		expiresAt: row.expiresAt,
		fresh: false,
	}
	return { session, user: row.user }
}

const inFlight = new Map<string, Promise<{ user: SessionUser; session: Session } | null>>()

async function validateFromDatabase(
	sessionId: string,
	now: number,
): Promise<{ user: SessionUser; session: Session } | null> {
	if (validatedFor() === 0) {
		// One prepared read; Lucia only when it would delete or extend the session.
		const db = getDb()
		let read = preparedSessionReads.get(db)
		if (!read) preparedSessionReads.set(db, (read = prepareSessionRead(db)))
		const [row] = await read.execute({ sessionId })
		if (!row) return null
		const found = withoutWriting(sessionId, row)
		if (found) return found
	}
	const { session, user } = await lucia().validateSession(sessionId)
	if (!session || !user) {
		validated.delete(sessionId)
		return null
	}
	if (!user.active) {
		await invalidateUserSessions(user.id)
		return null
	}
	if (validatedFor() > 0) {
		if (validated.size > 10_000) validated.clear()
		validated.set(sessionId, { at: now, user, session })
	}
	return { session, user }
}

export async function invalidateSession(sessionId: string): Promise<void> {
	validated.delete(sessionId)
	inFlight.delete(sessionId)
	await lucia().invalidateSession(sessionId)
}

export async function invalidateUserSessions(userId: string): Promise<void> {
	forgetSessions((entry) => entry.user.id === userId)
	inFlight.clear()
	await lucia().invalidateUserSessions(userId)
}

/** Forget what this server remembers about a user's sessions (their name or role changed). */
export function forgetUserSessions(userId: string): void {
	forgetSessions((entry) => entry.user.id === userId)
}

export function blankSessionCookie(request: Request): string {
	return sessionCookie('', request, 0)
}
