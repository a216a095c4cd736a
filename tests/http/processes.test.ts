// Several app server processes on PostgreSQL (docs/decisions/013): what one process does, every
// other honours from the next request — a sign-out, the sign-in throttle's count. On the embedded
// database the server stays one process whatever WEB_CONCURRENCY says.
import http from 'node:http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { frontmatterToForm } from '#app/modules/content/editor-form.ts'
import { loadContent } from '#app/modules/content/load.server.ts'
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

const onPostgres = Boolean(process.env.DATABASE_URL)
let database: ServerDatabase
let server: TestServer
let contentDir: string
let clerkCookie: string
let editorCookie: string
let readerCookie: string

beforeAll(async () => {
	database = await serverDatabase()
	await database.connect()
	const site = await makeSite({ name: '大厅', code: 'hall' })
	const clerk = await makeUser({ username: 'c1', siteId: site.id, password: 'right-password-1' })
	clerkCookie = await sessionCookieFor(clerk.id)
	const editor = await makeUser({ username: 'editor-1', role: 'admin', siteId: site.id })
	const reader = await makeUser({ username: 'reader-1', siteId: site.id })
	editorCookie = await sessionCookieFor(editor.id)
	readerCookie = await sessionCookieFor(reader.id)
	// The embedded database is the server's alone once it runs: everything is written before.
	await database.disconnect()
	contentDir = await copyFixtureContent()
	server = await startServer({
		database,
		contentDir,
		env: { WEB_CONCURRENCY: '2', E2E_TEST_HOOKS: '1' },
	})
})

afterAll(async () => {
	await server?.stop()
	await database?.dispose()
	await removeDir(contentDir)
})

type Answer = { status: number; location: string; worker: string }

/** One request on a connection of its own, so the cluster may hand it to any process. */
function request(
	method: 'GET' | 'POST',
	path: string,
	options: { cookie?: string; form?: Record<string, string> } = {},
): Promise<Answer> {
	const body = options.form ? new URLSearchParams(options.form).toString() : undefined
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${server.origin}${path}`,
			{
				method,
				agent: false,
				headers: {
					Connection: 'close',
					...(options.cookie ? { Cookie: options.cookie } : {}),
					...(body !== undefined
						? {
								Origin: server.origin,
								'Content-Type': 'application/x-www-form-urlencoded',
								'Content-Length': Buffer.byteLength(body),
							}
						: {}),
				},
			},
			(res) => {
				res.resume()
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: String(res.headers.location ?? ''),
						worker: String(res.headers['x-worker'] ?? 'single'),
					}),
				)
			},
		)
		req.on('error', reject)
		req.end(body)
	})
}

/** Requests until every process has answered at least twice (or, on one process, a few). */
async function fromEveryProcess(send: () => Promise<Answer>): Promise<Array<Answer>> {
	const answers: Array<Answer> = []
	const expected = onPostgres ? 2 : 1
	while (answers.length < 40) {
		answers.push(await send())
		const counts = new Map<string, number>()
		for (const a of answers) counts.set(a.worker, (counts.get(a.worker) ?? 0) + 1)
		if (counts.size >= expected && [...counts.values()].every((n) => n >= 2)) break
	}
	return answers
}

test('the server runs WEB_CONCURRENCY processes on PostgreSQL and one on the embedded database', async () => {
	const answers = await fromEveryProcess(() => request('GET', '/login'))
	const workers = new Set(answers.map((a) => a.worker))
	expect(answers.every((a) => a.status === 200)).toBe(true)
	expect(workers.size).toBe(onPostgres ? 2 : 1)
	if (!onPostgres) expect([...workers]).toEqual(['single'])
})

test('a sign-out on one process is honoured by every other from the next request', async () => {
	const before = await fromEveryProcess(() => request('GET', '/services', { cookie: clerkCookie }))
	expect(before.map((a) => a.status)).toEqual(before.map(() => 200))
	const signedOut = await request('POST', '/logout', { cookie: clerkCookie, form: {} })
	expect(signedOut.location).toBe('/login')
	const after = await fromEveryProcess(() => request('GET', '/services', { cookie: clerkCookie }))
	expect(new Set(after.map((a) => a.worker)).size).toBe(onPostgres ? 2 : 1)
	for (const answer of after) {
		expect(answer.status).toBe(302)
		expect(answer.location).toMatch(/^\/login/)
	}
})

test('the sign-in throttle counts tries on every process together', async () => {
	// Five wrong passwords for one account from one address, whichever process takes each…
	const tries: Array<Answer> = []
	for (let i = 0; i < 5; i++)
		tries.push(
			await request('POST', '/login', { form: { username: 'c1', password: `wrong-${i}` } }),
		)
	expect(tries.map((t) => t.status)).toEqual([400, 400, 400, 400, 400])
	if (onPostgres) expect(new Set(tries.map((t) => t.worker)).size).toBe(2)
	// …and the right password is refused on every process: the count is the database's.
	const blocked = await fromEveryProcess(() =>
		request('POST', '/login', { form: { username: 'c1', password: 'right-password-1' } }),
	)
	for (const answer of blocked) expect(answer.status).toBe(429)
})

/** A lesson page as one process answers it, on a connection of its own. */
function lessonFrom(path: string, cookie: string): Promise<{ worker: string; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.get(
			`${server.origin}${path}`,
			{ agent: false, headers: { Connection: 'close', Cookie: cookie } },
			(res) => {
				let body = ''
				res.setEncoding('utf8')
				res.on('data', (chunk: string) => (body += chunk))
				res.on('end', () => resolve({ worker: String(res.headers['x-worker'] ?? 'single'), body }))
			},
		)
		req.on('error', reject)
	})
}

test('a revision published through one process is served by every process, without a restart', async () => {
	const code = 'XY-SY-001'
	const marker = '本段由浏览器发布，每个服务进程都应读到。'
	const source = (await loadContent(contentDir)).services.find((s) => s.code === code)
	if (!source) throw new Error(`${code} is not in the fixture content`)
	// The editor's publish, as the browser's form sends it, taken by whichever process.
	const fields = frontmatterToForm(source.frontmatter, `${source.body.trimEnd()}\n\n${marker}\n`)
	const published = await request('POST', `/editor/${code}`, {
		cookie: editorCookie,
		form: {
			...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
			reason: '测试：每个进程都读到发布',
			baseId: '0',
			intent: 'publish',
		},
	})
	expect(published.location).toBe(`/editor/${code}?published=1`)
	// Every process picks the revision up by itself (polling the manual's version): read the
	// lesson until each process has shown the new paragraph.
	const seen = new Set<string>()
	const workers = new Set<string>()
	for (let i = 0; i < 600 && seen.size < (onPostgres ? 2 : 1); i++) {
		const page = await lessonFrom(`/services/${code}`, readerCookie)
		workers.add(page.worker)
		if (page.body.includes(marker)) seen.add(page.worker)
		else await new Promise((resolve) => setTimeout(resolve, 100))
	}
	expect([...seen].sort()).toEqual([...workers].sort())
	expect(seen.size).toBe(onPostgres ? 2 : 1)
})
