// npm run bench: the benchmarks, measured against the production build (server.js) with seeded
// data, on the database DATABASE_URL names (PostgreSQL, WEB_CONCURRENCY processes) or, without
// it, on the embedded PGlite (one process). Prints a table and writes the figures, with the
// machine, its load, the database and the process count, to bench/results.json under
// `runs.<database>` (a run on the other database leaves that one's figures as they are).
//
// Parts (BENCH_ONLY=exam-day,lesson runs some; the others keep their last figures):
//   content      full build beside bare mdx-bundler (≤ 1.2×); one-lesson rebuild (≤ 2%)
//   lesson       200 clerks reading distinct lessons (misses) and rereading (hits) beside a
//                static file of the same size on the same server (≥ 0.5×)
//   search       in process, and over HTTP at 32 connections: repeated queries (hits) and
//                distinct ones (misses) beside a static file (≥ 300 req/s)
//   board        first page, alerts and a person's page at 2,000 clerks × 337 services, beside
//                the old compute-on-read aggregate on the same data (bench/board.ts)
//   exports      all ~700,000 certification records, CSV (≥ 20 MB/s) and XLSX (≥ 5 MB/s), RSS
//   exam-day     1,000 clerks, the real 50-item exam over HTTP (exam-day.ts)
//   import-wait  other requests' latency while the largest people import is checked
//   startup      a restart's first response (≤ 5 s)
import { spawn, execSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { loadCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { searchServices } from '#app/modules/content/search.server.ts'
import { distinctSearchPaths, repeatingPaths, repeatingQueries } from './search-queries.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import {
	closeDatabase,
	connectDatabase,
	migrateDatabase,
	type DatabaseTarget,
} from '#app/utils/db.server.ts'
import { benchContentBuild } from './content-build.ts'
import { examDay, examDayStored } from './exam-day.ts'
import { measureImportWait } from './import-wait.ts'
import { load } from './load.ts'
import { benchPassword, seedBench, type BenchPeople } from './seed.ts'
import { boardInProcess, boardOverHttp } from './board.ts'

const allParts = [
	'content',
	'lesson',
	'search',
	'board',
	'exports',
	'exam-day',
	'import-wait',
	'startup',
] as const
type Part = (typeof allParts)[number]
const only = process.env.BENCH_ONLY?.split(',').map((p) => p.trim())
const parts = new Set<string>(only ?? allParts)
const wants = (part: Part) => parts.has(part)

const port = Number(process.env.BENCH_PORT ?? 3290)
const base = `http://localhost:${port}`
const clerkCount = Number(process.env.BENCH_CLERKS ?? 2000)
const examDayClerks = Number(process.env.BENCH_EXAM_DAY ?? 1000)
const examThinkMs = Number(process.env.BENCH_THINK_MS ?? 8000)
const arrivalSeconds = Number(process.env.BENCH_ARRIVAL_S ?? 60)
const readers = 200
const processes = process.env.DATABASE_URL
	? Number(process.env.WEB_CONCURRENCY || os.availableParallelism())
	: 1

export const median = (values: Array<number>) => percentile(values, 0.5)
export function percentile(values: Array<number>, p: number): number {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
}
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<Array<number>> {
	const times: Array<number> = []
	for (let i = 0; i < runs; i++) {
		const started = performance.now()
		await work()
		times.push(performance.now() - started)
	}
	return times
}

function log(line: string) {
	process.stderr.write(`${line}\n`)
}

/** The machine's load average over the last minute, as `uptime` shows it. */
const loadNow = () => round(os.loadavg()[0] ?? 0, 2)

// ---------------------------------------------------------------------------------------------

async function prepareDatabase(): Promise<{
	target: DatabaseTarget
	dispose: () => Promise<void>
}> {
	const url = process.env.DATABASE_URL
	if (url) {
		const name = process.env.BENCH_DB_NAME ?? `cr_bench_${process.pid}`
		const admin = postgres(url, { max: 1, onnotice: () => {} })
		await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
		await admin.unsafe(`CREATE DATABASE ${name}`)
		const benchUrl = new URL(url)
		benchUrl.pathname = `/${name}`
		return {
			target: { kind: 'postgres', url: benchUrl.toString() },
			dispose: async () => {
				await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
				await admin.end()
			},
		}
	}
	const dataDir = path.resolve('bench/.data', `pglite-${Date.now()}`)
	await mkdir(dataDir, { recursive: true })
	return {
		target: { kind: 'pglite', dataDir },
		dispose: () => rm(dataDir, { recursive: true, force: true }),
	}
}

type Server = {
	child: ChildProcess
	output: () => string
	startedAt: number
	firstResponseMs: number
}

/** server.js as `npm run serve` starts it; resolves at its first answered request. */
async function startServer(target: DatabaseTarget): Promise<Server> {
	const started = performance.now()
	let output = ''
	const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
	const { DATA_DIR: _unused, ...inherited } = process.env
	const child = spawn(process.execPath, [...nodeArgs, 'server.js'], {
		env: {
			...inherited,
			PORT: String(port),
			NODE_ENV: 'production',
			DEMO_DATA: 'false',
			APP_ORIGIN: base,
			// Each exam-day clerk comes from its own address, as counter PCs behind a proxy do.
			TRUST_PROXY: 'true',
			// The exam-day deadline hook (test-hooks.deadline) and X-Worker.
			E2E_TEST_HOOKS: '1',
			WEB_CONCURRENCY: String(processes),
			...(target.kind === 'postgres'
				? { DATABASE_URL: target.url }
				: { DATABASE_URL: '', DATA_DIR: target.dataDir ?? '' }),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
	child.stderr?.on('data', (chunk: Buffer) => {
		output += chunk.toString()
		process.stderr.write(chunk)
	})
	const exited = new Promise<never>((_, reject) =>
		child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`))),
	)
	const answered = (async () => {
		for (;;) {
			try {
				const response = await fetch(`${base}/login`)
				await response.arrayBuffer()
				if (response.ok) return
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 50))
		}
	})()
	await Promise.race([answered, exited])
	return {
		child,
		output: () => output,
		startedAt: started,
		firstResponseMs: performance.now() - started,
	}
}

/** Time from spawn until every process has answered GET /login (X-Worker; one on PGlite). */
async function untilEveryProcessAnswers(server: Server): Promise<number> {
	const seen = new Set<string>()
	while (seen.size < processes) {
		const worker = await new Promise<string>((resolve, reject) => {
			const req = http.get(
				`${base}/login`,
				{ agent: false, headers: { Connection: 'close' } },
				(res) => {
					res.resume()
					res.on('end', () => resolve(String(res.headers['x-worker'] ?? 'single')))
				},
			)
			req.on('error', reject)
		})
		seen.add(worker)
	}
	return performance.now() - server.startedAt
}

/** What the server said of its catalog (composed, or reused from the last start). */
function contentLine(output: string): string {
	return /^content: \d+ services.*$/m.exec(output)?.[0] ?? 'not printed'
}

async function stopServer(server: Server) {
	if (server.child.exitCode !== null) return
	const exited = new Promise((resolve) => server.child.on('exit', resolve))
	server.child.kill('SIGTERM')
	await exited
}

// ---------------------------------------------------------------------------------------------
// Parts that talk to the running server.

/**
 * The lesson page, honestly: 200 clerks, each request another (clerk, lesson) pair, so nearly
 * every request misses the per-person page cache; then the same few pairs again and again (hits);
 * then a static file as large as a lesson page, from the same server, with the same load tool.
 */
async function lessonPart(catalog: Catalog, people: BenchPeople) {
	const codes = catalog.ordered.filter((s) => s.active).map((s) => s.code)
	const cookies = people.readerSessions.map((s) => ({ Cookie: `cr_session=${s}` }))
	const pair = (i: number) => ({
		path: `/services/${codes[i % codes.length]}`,
		// Another clerk every request and, with 337 lessons and 200 clerks, another pair for
		// 67,400 requests: the cache is cold for every one of them.
		headers: cookies[Math.floor(i / codes.length + i) % cookies.length] ?? {},
	})
	const seconds = 10
	// Cold: the first view of each lesson in a process renders its shell (once per lesson
	// revision, language, role and studied state). Every process sees each lesson a few times.
	const cold = await load({
		base,
		connections: 32,
		seconds,
		next: (i) => pair(i),
		countHeader: 'X-Page-Cache',
	})
	// Then distinct readers of distinct lessons: each request another (clerk, lesson) pair, a
	// reader's first view of that lesson, filled from the lesson's shell.
	const misses = await load({
		base,
		connections: 32,
		seconds,
		next: (i) => pair(i + 7919),
		countHeader: 'X-Page-Cache',
	})
	const hits = await load({
		base,
		connections: 32,
		seconds,
		next: (i) => pair(i % 32),
		countHeader: 'X-Page-Cache',
	})
	const sample = await (await fetch(`${base}${pair(0).path}`, { headers: pair(0).headers })).text()
	const staticFile = await staticBaseline(sample, seconds)
	return {
		how: `autocannon, 32 connections, ${seconds} s each, same server, no compression. cold: request i is lesson i mod ${codes.length} for clerk (i/${codes.length} + i) mod ${readers}, from a fresh server (X-Page-Cache miss = a shell rendered); misses: the same sequence from i + 7919, each a (clerk, lesson) pair not asked before, filled from the lesson's shell (hit); hits: the first 32 pairs over and over; static: a file of the same size (${sample.length} characters) from public/`,
		cold,
		misses,
		hits,
		staticFile,
		coldRatio: round(cold.requestsPerSecond / (staticFile.requestsPerSecond || 1), 2),
		missRatio: round(misses.requestsPerSecond / (staticFile.requestsPerSecond || 1), 2),
		hitRatio: round(hits.requestsPerSecond / (staticFile.requestsPerSecond || 1), 2),
	}
}

/** The baseline a page is measured against: a file of the same body from public/, same server. */
async function staticBaseline(body: string, seconds: number) {
	await writeFile('public/__bench-static.html', body)
	try {
		return await load({
			base,
			connections: 32,
			seconds,
			next: () => ({ path: '/__bench-static.html' }),
		})
	} finally {
		await rm('public/__bench-static.html', { force: true })
	}
}

function searchInProcess(catalog: Catalog) {
	for (const q of repeatingQueries) searchServices(catalog.search, q)
	const times: Array<number> = []
	for (let r = 0; r < 20; r++) {
		for (const q of repeatingQueries) {
			const t = performance.now()
			searchServices(catalog.search, q)
			times.push(performance.now() - t)
		}
	}
	return { medianMs: round(median(times), 2), p95Ms: round(percentile(times, 0.95), 2) }
}

/**
 * The search page at 32 connections: the hall's 10 repeated questions (after the first asking,
 * each a page shell filled in for its reader: hits), then ~1,800 distinct queries from the
 * manual's names (each rendered: misses), then a static file of the page's size.
 */
async function searchPart(people: BenchPeople) {
	const cookies = people.readerSessions.map((s) => ({ Cookie: `cr_session=${s}` }))
	const repeated = (i: number) => ({
		path: repeatingPaths[i % repeatingPaths.length] ?? '/search',
		headers: cookies[i % cookies.length] ?? {},
	})
	const oneByOne = await timeRuns(30, async () => {
		const { path: p, headers } = repeated(Math.floor(Math.random() * 1000))
		await (await fetch(`${base}${p}`, { headers })).text()
	})
	const seconds = 8
	const hits = await load({
		base,
		connections: 32,
		seconds,
		next: repeated,
		countHeader: 'X-Page-Cache',
	})
	const distinct = await distinctSearchPaths()
	const misses = await load({
		base,
		connections: 32,
		seconds,
		next: (i) => ({
			path: distinct[i % distinct.length] ?? '/search',
			headers: cookies[i % cookies.length] ?? {},
		}),
		countHeader: 'X-Page-Cache',
	})
	const staticFile = await staticBaseline('x'.repeat(hits.meanBytes || 20_000), seconds)
	return {
		how: `GET /search as ${readers} clerks, autocannon at 32 connections for ${seconds} s each, no compression. One at a time, then hits: ${repeatingPaths.length} queries (Chinese, pinyin, initials) over and over (X-Page-Cache hit = a page shell filled in); misses: ${distinct.length} distinct addresses (service names' first 2-4 characters and their pinyin initials, pages 1 and 2), each rendered; static: a file of the hit page's size from public/`,
		unloadedMedianMs: round(median(oneByOne)),
		...hits,
		misses,
		staticFile,
		hitRatio: round(hits.requestsPerSecond / (staticFile.requestsPerSecond || 1), 2),
		missRatio: round(misses.requestsPerSecond / (staticFile.requestsPerSecond || 1), 2),
	}
}

/** RSS of the server's processes (kB → MB), from /proc. */
async function serverRssMb(server: Server): Promise<number> {
	const pids = [server.child.pid ?? 0]
	try {
		const children = await readFile(
			`/proc/${server.child.pid}/task/${server.child.pid}/children`,
			'utf8',
		)
		pids.push(...children.trim().split(/\s+/).filter(Boolean).map(Number))
	} catch {
		// no children file: one process
	}
	let kb = 0
	for (const pid of pids) {
		try {
			const status = await readFile(`/proc/${pid}/status`, 'utf8')
			kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
		} catch {
			// gone
		}
	}
	return round(kb / 1024)
}

async function exportsPart(server: Server, adminCookie: Record<string, string>) {
	const exportOne = async (format: 'csv' | 'xlsx') => {
		const rssBefore = await serverRssMb(server)
		let rssMax = rssBefore
		const sampler = setInterval(() => {
			void serverRssMb(server).then((mb) => (rssMax = Math.max(rssMax, mb)))
		}, 250)
		const t = performance.now()
		const response = await fetch(`${base}/board/export?what=certifications&format=${format}`, {
			headers: { ...adminCookie, 'Accept-Encoding': 'identity' },
		})
		let bytes = 0
		let rows = 0
		const reader = response.body?.getReader()
		for (;;) {
			const chunk = await reader?.read()
			if (!chunk || chunk.done) break
			bytes += chunk.value.byteLength
			if (format === 'csv') for (const b of chunk.value) if (b === 10) rows++
		}
		clearInterval(sampler)
		const seconds = (performance.now() - t) / 1000
		return {
			status: response.status,
			seconds: round(seconds, 2),
			megabytes: round(bytes / 2 ** 20),
			megabytesPerSecond: round(bytes / 2 ** 20 / seconds, 2),
			...(format === 'csv' ? { rows: Math.max(0, rows - 1) } : {}),
			serverRssBeforeMb: rssBefore,
			serverRssMaxMb: rssMax,
		}
	}
	return {
		how: 'GET /board/export?what=certifications as the admin (all sites), read to the end without compression; RSS of every server process sampled every 250 ms',
		csv: await exportOne('csv'),
		xlsx: await exportOne('xlsx'),
	}
}

// ---------------------------------------------------------------------------------------------

async function examDayPart(target: DatabaseTarget) {
	const loadBefore = loadNow()
	const run = await examDay({
		base,
		clerks: examDayClerks,
		password: benchPassword,
		arrivalSeconds,
		thinkMs: examThinkMs,
	})
	return { run, loadBefore, loadAfter: loadNow(), target }
}

async function summariseExamDay(exam: Awaited<ReturnType<typeof examDayPart>>) {
	const { run } = exam
	const stored = await examDayStored(run)
	return {
		how: `${examDayClerks} clerks sign in through the form within ${arrivalSeconds} s (each from its own address behind TRUST_PROXY) and start the 50-item comprehensive exam, then answer as the page does with JavaScript: the exam page loads once as a document; for each item, think ${examThinkMs / 2}–${(examThinkMs * 3) / 2} ms (a real exam allows 72 s an item), autosave the answer (POST /attempts/:id/answers, the save latency), then 下一题 posts the form (save-next, single fetch) and loads the next item's route data (GET .data; the two together are the next-item latency); after item 25 the exam is reloaded as a document; then submit. Every 10th clerk (i mod 10 = 7) submits twice at once; every 10th (i mod 10 = 3) has its deadline moved to now (test hook) while thinking on item 41 and keeps answering. Network errors and 5xx are retried as the page does (8 tries, backoff); an error is a request that never got through or got an unexpected answer`,
		thinkMs: examThinkMs,
		arrivalSeconds,
		clerks: examDayClerks,
		started: run.clerks.length,
		seconds: round(run.seconds),
		loadAverageBefore: exam.loadBefore,
		loadAverageAfter: exam.loadAfter,
		errors: run.errors,
		errorKinds: run.errorKinds,
		retried: run.retried,
		savesAcknowledged: run.clerks.reduce((n, c) => n + c.acknowledged.size, 0),
		answersStored: stored.answers,
		lostAnswers: stored.lost,
		answersStoredAfterDeadline: stored.afterDeadline,
		refusedPastDeadline: run.refusedPastDeadline,
		acceptedPastDeadline: run.acceptedPastDeadline,
		submitted: stored.submitted,
		doubleSubmits: run.doubleSubmits,
		duplicatedResults: stored.duplicatedResults,
		saveMs: latencySummary(run.saveMs),
		// The same saves apart: those sent while clerks were still signing in (argon2id, a
		// memory-hard hash per sign-in, shares the cores) and those sent after.
		saveMsDuringArrival: latencySummary(
			run.saveMs.filter((_, i) => (run.saveSentAt[i] ?? 0) < arrivalSeconds * 1000),
		),
		saveMsAfterArrival: latencySummary(
			run.saveMs.filter((_, i) => (run.saveSentAt[i] ?? 0) >= arrivalSeconds * 1000),
		),
		nextMs: latencySummary(run.nextMs),
		pageMs: latencySummary(run.pageMs),
		signInMs: latencySummary(run.signInMs),
		startMs: latencySummary(run.startMs),
		submitMs: latencySummary(run.submitMs),
	}
}

function latencySummary(values: Array<number>) {
	return {
		count: values.length,
		p50: round(percentile(values, 0.5)),
		p95: round(percentile(values, 0.95)),
		p99: round(percentile(values, 0.99)),
		max: round(Math.max(0, ...values)),
	}
}

// ---------------------------------------------------------------------------------------------

type Results = { runs?: Record<string, Record<string, unknown>> } & Record<string, unknown>

async function readResults(): Promise<Results> {
	if (!existsSync('bench/results.json')) return {}
	try {
		const parsed: unknown = JSON.parse(await readFile('bench/results.json', 'utf8'))
		return typeof parsed === 'object' && parsed !== null && 'runs' in parsed
			? (parsed as Results)
			: {}
	} catch {
		return {}
	}
}

async function main() {
	const machine = {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memoryGiB: round(os.totalmem() / 2 ** 30),
		node: process.version,
		platform: `${os.type()} ${os.release()}`,
	}
	const figures: Record<string, unknown> = {}
	const loadAtStart = loadNow()
	log(`parts: ${[...parts].join(', ')}; load average ${loadAtStart}`)
	log('building the production server (remix build)…')
	execSync('npx remix build', { stdio: 'ignore' })

	if (wants('content')) {
		log('content build…')
		const content = await benchContentBuild(path.resolve('content'))
		figures.content = {
			how: 'in process: all lessons compiled and rendered cold, beside bare mdx-bundler on the same files; then one lesson changed and rebuilt',
			lessons: content.lessons,
			fullBuildSeconds: round(content.fullBuildMs / 1000, 2),
			bareMdxBundlerSeconds: round(content.bareMdxBundlerMs / 1000, 2),
			fullVsBare: round(content.fullVsBare, 2),
			oneLessonRebuildMs: round(content.oneLessonRebuildMs),
			oneLessonShareOfFullPercent: round(content.oneLessonShareOfFull * 100, 2),
		}
	}

	const { target, dispose } = await prepareDatabase()
	const needCertifications = wants('board') || wants('exports')
	log(
		`seeding ${clerkCount} clerks on ${target.kind}${needCertifications ? ' with ~700,000 certifications' : ''}…`,
	)
	await connectDatabase(target)
	await migrateDatabase()
	const catalog = await loadCatalog({
		root: path.resolve('content'),
		cacheDir: path.resolve('.cache'),
	})
	await syncCatalog(catalog)
	const seedStarted = performance.now()
	const people = await seedBench(catalog, {
		clerks: clerkCount,
		certifications: needCertifications,
		readers,
	})
	const seedSeconds = round((performance.now() - seedStarted) / 1000)
	if (wants('board'))
		figures.board = {
			how: 'in process: the stored-standing first page beside the old aggregate over every certification (medians); then GET /board, /board/alerts and a person page as the admin over HTTP (median of 9)',
			clerks: people.clerks,
			services: catalog.ordered.length,
			certificationRows: people.certifications,
			seedSeconds,
			...(await boardInProcess(catalog)),
		}
	if (wants('search')) figures.search = { inProcess: searchInProcess(catalog) }
	await closeDatabase()

	log(`starting the production server (${processes} process${processes > 1 ? 'es' : ''})…`)
	let server = await startServer(target)
	const adminCookie = { Cookie: `cr_session=${people.adminSession}` }
	let exam: Awaited<ReturnType<typeof examDayPart>> | null = null
	try {
		if (wants('startup')) {
			log('restart…')
			await stopServer(server)
			const loadBefore = loadNow()
			server = await startServer(target)
			const everyProcessMs = await untilEveryProcessAnswers(server)
			const firstResponseMs = server.firstResponseMs
			const reused = server.output()
			// A restart after a content change: the lessons still come from their cache by content
			// hash, the catalog is composed again from the files (the snapshot is rewritten).
			log('restart without the catalog snapshot…')
			await stopServer(server)
			await rm(path.resolve('.cache', 'catalog.snapshot'), { force: true })
			const loadBeforeComposed = loadNow()
			server = await startServer(target)
			const composedEveryProcessMs = await untilEveryProcessAnswers(server)
			figures.startup = {
				how: 'server.js stopped and started again on the same database, lesson cache and catalog snapshot; time from spawn to the first 200 of GET /login, and until every process has answered one (X-Worker, a new connection per request); then the same with the catalog snapshot removed, as after a content change',
				restartToFirstResponseSeconds: round(firstResponseMs / 1000, 2),
				restartToEveryProcessSeconds: round(everyProcessMs / 1000, 2),
				catalog: contentLine(reused),
				loadAverage: loadBefore,
				withoutSnapshot: {
					restartToFirstResponseSeconds: round(server.firstResponseMs / 1000, 2),
					restartToEveryProcessSeconds: round(composedEveryProcessMs / 1000, 2),
					catalog: contentLine(server.output()),
					loadAverage: loadBeforeComposed,
				},
			}
		}
		if (wants('lesson')) {
			log('lesson page: misses, hits, static…')
			figures.lessonPage = { loadAverage: loadNow(), ...(await lessonPart(catalog, people)) }
		}
		if (wants('search')) {
			log('search over HTTP…')
			figures.search = {
				...(figures.search as object),
				loadAverage: loadNow(),
				http: await searchPart(people),
			}
		}
		if (wants('board')) {
			log('board over HTTP…')
			const board = figures.board as { personId: string }
			figures.board = {
				...board,
				loadAverage: loadNow(),
				...(await boardOverHttp(base, adminCookie, board.personId)),
			}
		}
		if (wants('exports')) {
			log('exports…')
			figures.exports = { loadAverage: loadNow(), ...(await exportsPart(server, adminCookie)) }
		}
		if (wants('import-wait')) {
			log('import wait…')
			figures.importWait = {
				loadAverage: loadNow(),
				...(await measureImportWait(base, adminCookie.Cookie)),
			}
		}
		if (wants('exam-day')) {
			log(`exam day: ${examDayClerks} clerks, think ${examThinkMs} ms…`)
			exam = await examDayPart(target)
		}
	} finally {
		await stopServer(server)
	}
	if (exam) {
		await connectDatabase(target)
		figures.examDay = await summariseExamDay(exam)
		await closeDatabase()
	}
	await dispose()

	// Each part keeps when, and on how many processes, it was measured: a later run of other
	// parts on the same database leaves it as it is.
	const stampedAt = new Date().toISOString()
	for (const [name, figure] of Object.entries(figures))
		if (typeof figure === 'object' && figure !== null)
			figures[name] = { ...figure, measuredAt: stampedAt, processes }
	const results = await readResults()
	const previous = results.runs?.[target.kind] ?? {}
	const run = {
		...previous,
		...figures,
		measuredAt: new Date().toISOString(),
		machine,
		database: target.kind === 'postgres' ? 'PostgreSQL (server on 127.0.0.1)' : 'PGlite (embedded)',
		processes,
		loadAverageAtStart: loadAtStart,
		partsMeasured: [...parts],
	}
	results.runs = { ...(results.runs ?? {}), [target.kind]: run }
	await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`)
	console.log(
		`Counter Ready bench — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${run.database}, ${processes} process(es), load ${loadAtStart}`,
	)
	console.log(JSON.stringify(figures, null, 2))
	console.log('written: bench/results.json')
}

await main()
