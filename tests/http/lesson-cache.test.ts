// Lesson pages come from a shell rendered once per lesson revision, language, role and studied
// state, filled in for each reader (docs/decisions/014): a reader gets exactly the page Remix
// would have rendered for them, their name escaped where it stands, and never someone else's.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'
import { sessionCookieFor } from '#tests/utils/requests.ts'
import {
	removeDir,
	serverDatabase,
	startServer,
	type ServerDatabase,
	type TestServer,
} from './server.ts'

let database: ServerDatabase
let server: TestServer
let contentDir: string
let plainCookie: string
let trickyCookie: string
let trainerCookie: string
const trickyName = `张"三'<i>&amp;</script>\u2028`

beforeAll(async () => {
	database = await serverDatabase()
	await database.connect()
	const site = await makeSite({ name: '大厅', code: 'hall' })
	const plain = await makeUser({ username: 'reader1', displayName: '李四', siteId: site.id })
	const tricky = await makeUser({ username: 'reader2', displayName: trickyName, siteId: site.id })
	const trainer = await makeUser({
		username: 'trainer1',
		displayName: '王培训',
		role: 'trainer',
		siteId: site.id,
		managedSiteIds: [site.id],
	})
	plainCookie = await sessionCookieFor(plain.id)
	trickyCookie = await sessionCookieFor(tricky.id)
	trainerCookie = await sessionCookieFor(trainer.id)
	await database.disconnect()
	contentDir = await copyFixtureContent()
	server = await startServer({ database, contentDir })
})

afterAll(async () => {
	await server?.stop()
	await database?.dispose()
	await removeDir(contentDir)
})

async function page(path: string, cookie: string) {
	const response = await fetch(`${server.origin}${path}`, { headers: { Cookie: cookie } })
	const policy = response.headers.get('Content-Security-Policy') ?? ''
	const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(policy)?.[1] ?? 'none'
	return {
		status: response.status,
		cache: response.headers.get('X-Page-Cache'),
		// The nonce differs on every response, by design: compare the rest.
		// The address appears in the page (the language switch returns to it): without the query.
		// React 18.3 can leave a NUL where a character straddles its 2 KB stream buffer (the
		// shell is kept without it): compare without.
		html: (await response.text())
			.replaceAll(nonce, 'NONCE')
			.replaceAll('?direct=1', '')
			.replaceAll('&amp;direct=1', '')
			.replaceAll('\u0000', ''),
	}
}

test('a reader gets from another reader’s shell exactly the page rendered for them', async () => {
	const first = await page('/services/XY-SBK-004', plainCookie)
	expect(first.cache).toBe('miss')
	expect(first.html).toContain('李四')
	const fromShell = await page('/services/XY-SBK-004', trickyCookie)
	expect(fromShell.cache).toBe('hit')
	// A query string bypasses the cache: Remix renders the page for this reader directly.
	const direct = await page('/services/XY-SBK-004?direct=1', trickyCookie)
	expect(direct.cache).toBeNull()
	expect(fromShell.status).toBe(200)
	expect(fromShell.html).toBe(direct.html)
	expect(fromShell.html).not.toContain('李四')
	expect(fromShell.html).not.toContain('crshell')
	expect(fromShell.html).not.toContain(trickyName)
})

test('a reader whose page was rendered first still gets their own name on a hit', async () => {
	await page('/services/XY-SBK-005', trickyCookie)
	const hit = await page('/services/XY-SBK-005', plainCookie)
	const direct = await page('/services/XY-SBK-005?direct=1', plainCookie)
	expect(hit.cache).toBe('hit')
	expect(hit.html).toBe(direct.html)
})

test('a search results page comes from a shell per query, language and role, filled in for each reader', async () => {
	const query = `/search?q=${encodeURIComponent('社保卡')}&page=1`
	const first = await page(query, plainCookie)
	expect(first.cache).toBe('miss')
	const fromShell = await page(query, trickyCookie)
	const direct = await page(`${query}&direct=1`, trickyCookie)
	expect(fromShell.cache).toBe('hit')
	expect(direct.cache).toBeNull()
	expect(fromShell.html).toBe(direct.html)
	expect(fromShell.html).toContain('/services/XY-SBK-')
	expect(fromShell.html).not.toContain('李四')
	expect(fromShell.html).not.toContain('crshell')
	// Another role sees another header (its own navigation): its own shell.
	const trainer = await page(query, trainerCookie)
	expect(trainer.cache).toBe('miss')
	expect(trainer.html).toContain('王培训')
	expect(trainer.html).not.toBe(fromShell.html)
	// Another language: its own shell, in English.
	const english = await page(query, `${plainCookie}; cr_lang=en`)
	expect(english.cache).toBe('miss')
	expect(english.html).toContain('results for')
	// Without a session: no shell, the sign-in page.
	const anonymous = await fetch(`${server.origin}${query}`, { redirect: 'manual' })
	expect(anonymous.headers.get('X-Page-Cache')).toBeNull()
	expect(anonymous.status).toBe(302)
})
