// Who is asking, as every request reads it on PostgreSQL (one prepared query) and as a lesson
// view reads it with its studied mark: the same answers Lucia and the studied marks give apart.
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { sessions } from '#drizzle/schema/index.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { validateSessionCookie } from '#app/modules/auth/session.server.ts'
import { markStudied } from '#app/modules/content/progress.server.ts'
import { setUserActive } from '#app/modules/people/people.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { lessonPageView } from '#app/utils/page-cache.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { sessionCookieFor } from '#tests/utils/requests.ts'

setupTestDatabase()

let catalog: Catalog
let code: string
beforeEach(async () => {
	catalog = await loadTestCatalog(await copyFixtureContent())
	code = catalog.ordered.find((service) => service.active)?.code ?? ''
})

async function clerkWithSession() {
	const site = await makeSite({ kind: 'hall' })
	const user = await makeUser({ siteId: site.id })
	const cookie = await sessionCookieFor(user.id)
	return { user, cookie, sessionId: cookie.split('=')[1] ?? '' }
}

const view = (cookie: string) => lessonPageView('GET', `/services/${code}`, cookie)

function setExpiry(sessionId: string, expiresAt: Date) {
	return getDb().update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId))
}

const sessionRows = (sessionId: string) =>
	getDb().select().from(sessions).where(eq(sessions.id, sessionId))

async function deactivate(user: { id: string; siteId: number }) {
	const admin = await makeUser({ role: 'admin', siteId: user.siteId })
	await setUserActive(user.id, false, { ...admin, role: 'admin' })
}

describe('a lesson view knows its reader and their mark', () => {
	test('not studied, studied this revision, studied an older one', async () => {
		const { user, cookie } = await clerkWithSession()
		const first = await view(cookie)
		expect(first?.reader.username).toBe(user.username)
		expect(first?.shell.studied).toBeNull()

		const revision = catalog.services.get(code)?.revision ?? ''
		await markStudied(user.id, code, 'an-older-revision')
		expect((await view(cookie))?.shell.studied).toBe('outdated')
		await new Promise((resolve) => setTimeout(resolve, 5))
		await markStudied(user.id, code, revision)
		expect((await view(cookie))?.shell.studied).toBe('current')
	})

	test.each([
		['a lesson view', (cookie: string) => view(cookie)],
		['any other page', (cookie: string) => validateSessionCookie(cookie)],
	])('%s extends a session in the second half of its life, as Lucia does', async (_, read) => {
		const { cookie, sessionId } = await clerkWithSession()
		const soon = new Date(Date.now() + 60 * 60 * 1000)
		await setExpiry(sessionId, soon)
		expect(await read(cookie)).not.toBeNull()
		const [row] = await sessionRows(sessionId)
		expect(row?.expiresAt.getTime()).toBeGreaterThan(soon.getTime() + 60 * 60 * 1000)
	})

	test('any other page: an expired session is deleted, a deactivated clerk reads nothing', async () => {
		const expired = await clerkWithSession()
		await setExpiry(expired.sessionId, new Date(Date.now() - 1000))
		expect(await validateSessionCookie(expired.cookie)).toBeNull()
		expect(await sessionRows(expired.sessionId)).toHaveLength(0)
		const deactivated = await clerkWithSession()
		expect((await validateSessionCookie(deactivated.cookie))?.user.id).toBe(deactivated.user.id)
		await deactivate(deactivated.user)
		expect(await validateSessionCookie(deactivated.cookie)).toBeNull()
	})

	test('an expired session, a signed-out one and a deactivated clerk read nothing', async () => {
		const expired = await clerkWithSession()
		await setExpiry(expired.sessionId, new Date(Date.now() - 1000))
		expect(await view(expired.cookie)).toBeNull()
		expect(await sessionRows(expired.sessionId)).toHaveLength(0)

		const signedOut = await clerkWithSession()
		await getDb().delete(sessions).where(eq(sessions.id, signedOut.sessionId))
		expect(await view(signedOut.cookie)).toBeNull()

		const deactivated = await clerkWithSession()
		await deactivate(deactivated.user)
		expect(await view(deactivated.cookie)).toBeNull()
		expect(await view('cr_session=no-such-session')).toBeNull()
	})
})
