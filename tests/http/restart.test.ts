// A restart of the real server (docs/decisions/019): it reuses the catalog the previous start
// composed only while nothing changed. A lesson file edited between two starts is served by
// every process after the restart, a revision published in the browser is still laid over the
// files, and a damaged snapshot is composed again from the files, never served.
import http from 'node:http'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { frontmatterToForm } from '#app/modules/content/editor-form.ts'
import { loadContent } from '#app/modules/content/load.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { copyFixtureContent, editLesson } from '#tests/utils/content.ts'
import { sessionCookieFor } from '#tests/utils/requests.ts'
import {
	buildApp,
	removeDir,
	serverDatabase,
	startServer,
	type ServerDatabase,
	type TestServer,
} from './server.ts'

const onPostgres = Boolean(process.env.DATABASE_URL)
const processes = onPostgres ? 2 : 1
let database: ServerDatabase
let server: TestServer | null = null
let contentDir: string
let readerCookie: string
let editorCookie: string

beforeAll(async () => {
	database = await serverDatabase()
	await database.connect()
	const site = await makeSite({ name: '大厅', code: 'hall' })
	const reader = await makeUser({ username: 'reader-1', siteId: site.id })
	const editor = await makeUser({ username: 'editor-1', role: 'admin', siteId: site.id })
	readerCookie = await sessionCookieFor(reader.id)
	editorCookie = await sessionCookieFor(editor.id)
	// The embedded database is the server's alone once it runs: everything is written before.
	await database.disconnect()
	contentDir = await copyFixtureContent()
	// Made before the first test: every test here starts the server several times.
	await buildApp()
})

// Three or four starts of the server per test, on a machine that may be busy.
const severalStarts = 180_000

afterAll(async () => {
	await server?.stop()
	await database?.dispose()
	await removeDir(contentDir)
})

/** Stop the running server (if any) and start it again on the same database, content and cache. */
async function restart(): Promise<TestServer> {
	await server?.stop()
	server = await startServer({
		database,
		contentDir,
		env: { WEB_CONCURRENCY: String(processes), E2E_TEST_HOOKS: '1' },
	})
	return server
}

/** One request on a connection of its own, so the cluster may hand it to any process. */
function get(
	origin: string,
	pathname: string,
	options: { cookie?: string; method?: 'GET' | 'POST'; form?: Record<string, string> } = {},
): Promise<{ status: number; worker: string; location: string; body: string }> {
	const body = options.form ? new URLSearchParams(options.form).toString() : undefined
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${origin}${pathname}`,
			{
				method: options.method ?? 'GET',
				agent: false,
				headers: {
					Connection: 'close',
					...(options.cookie ? { Cookie: options.cookie } : {}),
					...(body !== undefined
						? {
								Origin: origin,
								'Content-Type': 'application/x-www-form-urlencoded',
								'Content-Length': Buffer.byteLength(body),
							}
						: {}),
				},
			},
			(res) => {
				let text = ''
				res.setEncoding('utf8')
				res.on('data', (chunk: string) => (text += chunk))
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						worker: String(res.headers['x-worker'] ?? 'single'),
						location: String(res.headers.location ?? ''),
						body: text,
					}),
				)
			},
		)
		req.on('error', reject)
		req.end(body)
	})
}

/** The lesson as every process serves it, right after the start (no refresh in between). */
async function lessonFromEveryProcess(origin: string, code: string): Promise<Array<string>> {
	const bodies = new Map<string, string>()
	for (let i = 0; i < 40 && bodies.size < processes; i++) {
		const page = await get(origin, `/services/${code}`, { cookie: readerCookie })
		expect(page.status).toBe(200)
		bodies.set(page.worker, page.body)
	}
	expect(bodies.size).toBe(processes)
	return [...bodies.values()]
}

const snapshotFile = () => path.join(contentDir, '.cache', 'catalog.snapshot')

test(
	'a lesson file changed between two starts is served after the restart; a restart with nothing changed reuses the catalog',
	async () => {
		const code = 'XY-SBK-004'
		const marker = '重启之后每个进程都应读到这一段。'
		const first = await restart()
		expect(first.log()).toContain('composed (no snapshot of a previous start)')
		for (const body of await lessonFromEveryProcess(first.origin, code))
			expect(body).not.toContain(marker)

		await server?.stop()
		await editLesson(contentDir, code, (lesson) => ({
			...lesson,
			body: `${lesson.body.trimEnd()}\n\n${marker}\n`,
		}))
		const changed = await restart()
		expect(changed.log()).toContain('composed again (the content or the code changed')
		for (const body of await lessonFromEveryProcess(changed.origin, code))
			expect(body).toContain(marker)

		const unchanged = await restart()
		expect(unchanged.log()).toContain('reused from the last start')
		for (const body of await lessonFromEveryProcess(unchanged.origin, code))
			expect(body).toContain(marker)
	},
	severalStarts,
)

test(
	'a damaged snapshot is composed again from the files, not served',
	async () => {
		const code = 'XY-SBK-005'
		await server?.stop()
		const name = (await loadContent(contentDir)).services.find((s) => s.code === code)?.frontmatter
			.name
		if (!name) throw new Error(`${code} is not in the fixture content`)
		// The service's name changed everywhere inside the stored bytes, so they still read as a
		// catalog: served, its pages would show the forged name.
		const altered = Buffer.from(await readFile(snapshotFile()))
		const stored = Buffer.from(name, 'utf16le')
		const forged = '伪'.repeat(name.length)
		let replaced = 0
		for (let at = altered.indexOf(stored); at >= 0; at = altered.indexOf(stored, at + 1)) {
			Buffer.from(forged, 'utf16le').copy(altered, at)
			replaced++
		}
		expect(replaced).toBeGreaterThan(0)
		await writeFile(snapshotFile(), altered)

		const started = await restart()
		expect(started.log()).toContain('composed again (the snapshot of the last start was damaged)')
		for (const body of await lessonFromEveryProcess(started.origin, code)) {
			expect(body).toContain(name)
			expect(body).not.toContain(forged)
		}
	},
	severalStarts,
)

test(
	'a revision published in the browser is still laid over the files after a restart',
	async () => {
		const code = 'XY-SY-001'
		const marker = '本段由浏览器发布，重启后仍应读到。'
		const running = server ?? (await restart())
		const source = (await loadContent(contentDir)).services.find((s) => s.code === code)
		if (!source) throw new Error(`${code} is not in the fixture content`)
		const fields = frontmatterToForm(source.frontmatter, `${source.body.trimEnd()}\n\n${marker}\n`)
		const published = await get(running.origin, `/editor/${code}`, {
			method: 'POST',
			cookie: editorCookie,
			form: {
				...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
				reason: '测试：重启后仍读到发布',
				baseId: '0',
				intent: 'publish',
			},
		})
		expect(published.location).toBe(`/editor/${code}?published=1`)

		// The file on disk still lacks the paragraph: only the database's revision has it.
		expect(
			await readFile(path.join(contentDir, 'services', code, 'lesson.mdx'), 'utf8'),
		).not.toContain(marker)
		for (let i = 0; i < 2; i++) {
			const restarted = await restart()
			for (const body of await lessonFromEveryProcess(restarted.origin, code))
				expect(body).toContain(marker)
		}
	},
	severalStarts,
)
