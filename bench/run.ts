// npm run bench: the benchmarks, measured in one run against the production build with seeded
// data. Prints a table and writes bench/results.json.
//   content build  full build beside bare mdx-bundler (≤ 1.2×); one-lesson rebuild (≤ 2%)
//   lesson page    throughput beside a static file of the same size, same server (≥ 0.5×)
//   search         latency (in process and over HTTP)
//   board          loader time at 2,000 clerks × 337 services beside its bare SQL (≤ 2×); page size; export time
//   exam day       1,000 clerks each saving 8 answers and submitting within 60 s, retrying as the
//                  page does: errors (never acknowledged), lost and duplicated answers (all 0),
//                  retries and why, save latency beside a bare INSERT round trip
//   import wait    other requests' latency while the largest allowed people import is checked
//   BENCH_ONLY=exam-day runs the exam day alone (prints it; results.json is left as it is)
//   BENCH_ONLY=board runs the board's first page, alerts and person page alone (bench/board.ts)
//   BENCH_ONLY=import-wait runs the import wait alone on a small database (prints it, likewise)
import { spawn, execSync, type ChildProcess } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { loadCatalog } from '#app/modules/catalog/catalog.server.ts'
import { searchServices } from '#app/modules/content/search.server.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import { parseItems } from '#app/modules/quizzes/attempts.server.ts'
import { correctAnswer, type QuizItem } from '#app/modules/quizzes/items.ts'
import { legacyBoardAggregateSql, loadBoard } from '#app/modules/readiness/board.server.ts'
import {
	closeDatabase,
	connectDatabase,
	getDb,
	migrateDatabase,
	queryRows,
	type DatabaseTarget,
} from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { sessionCookieFor } from '#tests/utils/requests.ts'
import { boardAlone, boardInProcess, boardOverHttp, boardTable } from './board.ts'
import { benchContentBuild } from './content-build.ts'
import { measureImportWait } from './import-wait.ts'
import { seedBench } from './seed.ts'

const port = Number(process.env.BENCH_PORT ?? 3290)
const base = `http://localhost:${port}`
const clerkCount = Number(process.env.BENCH_CLERKS ?? 2000)
const examDayClerks = Number(process.env.BENCH_EXAM_DAY ?? 1000)
/** BENCH_ONLY=exam-day: seed and run the exam day alone (prints, writes no results.json). */
const examDayOnly = process.env.BENCH_ONLY === 'exam-day'
const importWaitOnly = process.env.BENCH_ONLY === 'import-wait'
const boardOnly = process.env.BENCH_ONLY === 'board'

const median = (values: Array<number>) => {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)] ?? 0
}
const percentile = (values: Array<number>, p: number) => {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

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

// ---------------------------------------------------------------------------------------------

async function prepareDatabase(): Promise<{
	target: DatabaseTarget
	dispose: () => Promise<void>
}> {
	const url = process.env.DATABASE_URL
	if (url) {
		const name = `cr_bench_${process.pid}`
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

async function startServer(target: DatabaseTarget): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			NODE_ENV: 'production',
			DEMO_DATA: 'false',
			APP_ORIGIN: base,
			DATABASE_URL: target.kind === 'postgres' ? target.url : '',
			// An empty DATA_DIR is refused by the env schema: leave it out on PostgreSQL.
			...(target.kind === 'pglite' ? { DATA_DIR: target.dataDir ?? '' } : {}),
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	await new Promise<void>((resolve, reject) => {
		server.stdout?.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Counter Ready: http')) resolve()
		})
		server.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
	})
	return server
}

async function stopServer(server: ChildProcess) {
	const exited = new Promise((resolve) => server.on('exit', resolve))
	server.kill('SIGTERM')
	await exited
}

async function cannon(url: string, headers: Record<string, string>, seconds = 8) {
	const result = await autocannon({ url, connections: 32, duration: seconds, headers })
	return {
		requestsPerSecond: result.requests.average,
		latencyP50: result.latency.p50,
		non2xx: result.non2xx,
		errors: result.errors,
	}
}

// ---------------------------------------------------------------------------------------------
// Exam day

function answerFields(item: QuizItem): Array<[string, string]> {
	const answer = correctAnswer(item)
	switch (answer.kind) {
		case 'single':
			return [['choice', answer.choice]]
		case 'multiple':
			return answer.choices.map((c) => ['choices', c])
		case 'truefalse':
			return [['value', String(answer.value)]]
		case 'order':
			return answer.sequence.map((s) => ['sequence', s])
		case 'scenario':
			return Object.entries(answer.decisions).map(([d, o]) => [`decision.${d}`, o])
	}
}

/**
 * Exam day as the attempt page behaves: each answer is saved by the page's autosave, which
 * retries a network error or a 5xx up to 8 times with backoff (0.5, 1, 2, 4, 8, 8, 8 s); a
 * submit that fails is clicked again the same way. `errors` are saves or submits that never got
 * through (the page would show 保存失败); `retried` counts requests that needed more than one
 * try, and `firstTryFailures` says why those tries failed (overload shows up there first).
 */
async function examDay(
	people: Array<{ session: string; attemptId: string; items: Array<QuizItem> }>,
	windowSeconds: number,
) {
	const saveLatencies: Array<number> = []
	const submitLatencies: Array<number> = []
	let errors = 0
	let retried = 0
	let savesAcknowledged = 0
	const firstTryFailures: Record<string, number> = {}
	const causeOf = (error: unknown) =>
		error instanceof Error
			? String((error.cause as { code?: string } | undefined)?.code ?? error.cause ?? error.message)
			: String(error)
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

	/** One request as the page sends it: true when the server confirmed it. */
	async function withRetries(
		what: string,
		send: () => Promise<{ done: boolean; retry: boolean; failure: string }>,
		latencies: Array<number>,
	): Promise<boolean> {
		const t = performance.now()
		for (let attempt = 0; attempt < 8; attempt++) {
			let outcome: { done: boolean; retry: boolean; failure: string }
			try {
				outcome = await send()
			} catch (error) {
				outcome = { done: false, retry: true, failure: `fetch ${causeOf(error)}` }
			}
			if (outcome.done) {
				latencies.push(performance.now() - t)
				if (attempt > 0) retried++
				return true
			}
			if (attempt === 0) {
				const kind = `${what} ${outcome.failure}`
				firstTryFailures[kind] = (firstTryFailures[kind] ?? 0) + 1
			}
			if (!outcome.retry) break
			await sleep(Math.min(8000, 500 * 2 ** attempt))
		}
		errors++
		return false
	}

	const started = performance.now()
	await Promise.all(
		people.map(async (person, index) => {
			// Arrivals spread over the first half of the window; a few seconds of thought per item.
			await sleep((index / people.length) * windowSeconds * 500)
			const headers = { Cookie: `cr_session=${person.session}`, Origin: base }
			for (const item of person.items.slice(0, 8)) {
				await sleep(100 + Math.random() * 400)
				const body = new URLSearchParams([
					['intent', 'save'],
					['itemId', item.id],
					...answerFields(item),
				])
				const saved = await withRetries(
					'save',
					async () => {
						const response = await fetch(`${base}/attempts/${person.attemptId}/answers`, {
							method: 'POST',
							headers,
							body,
						})
						const json: unknown = await response.json().catch(() => null)
						const ok =
							response.ok &&
							typeof json === 'object' &&
							json !== null &&
							'ok' in json &&
							json.ok === true
						const error =
							typeof json === 'object' && json !== null && 'error' in json ? String(json.error) : ''
						return {
							done: ok,
							retry: response.status >= 500,
							failure: `${response.status} ${error}`,
						}
					},
					saveLatencies,
				)
				if (saved) savesAcknowledged++
			}
			await withRetries(
				'submit',
				async () => {
					const response = await fetch(`${base}/attempts/${person.attemptId}`, {
						method: 'POST',
						headers,
						body: new URLSearchParams({ intent: 'submit' }),
						redirect: 'manual',
					})
					const done = response.status === 302 || response.status === 204
					return { done, retry: response.status >= 500, failure: String(response.status) }
				},
				submitLatencies,
			)
		}),
	)
	return {
		seconds: (performance.now() - started) / 1000,
		saveLatencies,
		submitLatencies,
		errors,
		retried,
		firstTryFailures,
		savesAcknowledged,
	}
}

// ---------------------------------------------------------------------------------------------

/** The import wait on its own: a small database with one admin, the real manual. */
async function importWaitAlone() {
	const { target, dispose } = await prepareDatabase()
	await connectDatabase(target)
	await migrateDatabase()
	const site = await makeSite({ name: '大厅', code: 'hall' })
	const admin = await makeUser({ username: 'bench-admin', role: 'admin', siteId: site.id })
	const cookie = await sessionCookieFor(admin.id)
	await closeDatabase()
	const server = await startServer(target)
	try {
		return await measureImportWait(base, cookie)
	} finally {
		await stopServer(server)
		await dispose()
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
	log('building the production server (remix build)…')
	execSync('npx remix build', { stdio: 'ignore' })
	if (importWaitOnly) {
		console.log(JSON.stringify({ machine, importWait: await importWaitAlone() }, null, 2))
		return
	}
	if (boardOnly) {
		const board = await boardAlone({
			prepareDatabase,
			startServer,
			stopServer,
			base,
			clerks: clerkCount,
			log,
		})
		console.log(JSON.stringify({ machine, board }, null, 2))
		return
	}

	log('content build…')
	const content = examDayOnly
		? {
				lessons: 0,
				fullBuildMs: 0,
				bareMdxBundlerMs: 0,
				fullVsBare: 0,
				oneLessonRebuildMs: 0,
				oneLessonShareOfFull: 0,
			}
		: await benchContentBuild(path.resolve('content'))

	const { target, dispose } = await prepareDatabase()
	log(`seeding ${clerkCount} clerks on ${target.kind}…`)
	await connectDatabase(target)
	await migrateDatabase()
	const catalog = await loadCatalog({
		root: path.resolve('content'),
		cacheDir: path.resolve('.cache'),
	})
	await syncCatalog(catalog)
	const seedStarted = performance.now()
	const people = await seedBench(catalog, { clerks: clerkCount, examDayClerks })
	const seedSeconds = (performance.now() - seedStarted) / 1000

	log('board: loader beside bare SQL…')
	const categories = catalog.categories.map((c) => c.name)
	const boardOptions = {
		scope: null,
		filter: { role: 'clerk' as const, sort: 'readiness' as const, page: 1 },
		expiringSoonDays: catalog.rules.expiringSoonDays,
		categories,
	}
	await queryRows(legacyBoardAggregateSql(boardOptions))
	await loadBoard(boardOptions)
	const bare = await timeRuns(examDayOnly ? 1 : 7, () =>
		queryRows(legacyBoardAggregateSql(boardOptions)),
	)
	const loader = await timeRuns(examDayOnly ? 1 : 7, () => loadBoard(boardOptions))

	const boardStored = examDayOnly ? null : await boardInProcess(catalog)

	log('bare INSERT round trips…')
	await getDb().execute(
		sql`create table if not exists bench_roundtrip (id serial primary key, attempt_id text, item_id text, answer jsonb)`,
	)
	const inserts = await timeRuns(300, () =>
		getDb().execute(
			sql`insert into bench_roundtrip (attempt_id, item_id, answer) values (${'a'}, ${'b'}, ${'{"kind":"single","choice":"a"}'}::jsonb)`,
		),
	)

	log('search latency in process…')
	const queries = [
		'失业保险金怎么申领',
		'sybx',
		'工伤认定',
		'gsrd',
		'社会保障卡补领',
		'退休',
		'tx',
		'档案丢失',
		'劳动仲裁',
		'居民身份证',
	]
	for (const q of queries) searchServices(catalog.search, q)
	const searchTimes: Array<number> = []
	for (let round = 0; round < 20; round++) {
		for (const q of queries) {
			const t = performance.now()
			searchServices(catalog.search, q)
			searchTimes.push(performance.now() - t)
		}
	}

	const examPeople = await Promise.all(
		people.examDay.map(async (p) => {
			const [row] = await queryRows<{ items: unknown }>(
				sql`select items from attempts where id = ${p.attemptId}`,
			)
			return { ...p, items: parseItems(row?.items) }
		}),
	)
	await closeDatabase()

	log('starting the production server…')
	const server = await startServer(target)
	const adminCookie = { Cookie: `cr_session=${people.adminSession}` }
	const clerkCookie = { Cookie: `cr_session=${examPeople[0]?.session ?? ''}` }
	let lesson, staticFile, boardHttp, exports, exam, importWait
	let boardStoredHttp: Awaited<ReturnType<typeof boardOverHttp>> | undefined
	let searchHttp: (Awaited<ReturnType<typeof cannon>> & { unloadedMedianMs: number }) | undefined
	try {
		if (!examDayOnly) {
			const lessonPath = '/services/XY-YL-008'
			const lessonHtml = await (
				await fetch(`${base}${lessonPath}`, { headers: clerkCookie })
			).text()
			await writeFile('public/__bench-static.html', lessonHtml)
			log('lesson page throughput…')
			lesson = await cannon(`${base}${lessonPath}`, clerkCookie)
			staticFile = await cannon(`${base}/__bench-static.html`, {})
			log('search over HTTP…')
			const searchUrl = (q: string) => `${base}/search?q=${encodeURIComponent(q)}`
			const oneByOne = await timeRuns(queries.length * 3, async () => {
				const q = queries[Math.floor(Math.random() * queries.length)] ?? '退休'
				await (await fetch(searchUrl(q), { headers: clerkCookie })).text()
			})
			searchHttp = {
				...(await cannon(searchUrl('失业保险金怎么申领'), clerkCookie, 5)),
				unloadedMedianMs: median(oneByOne),
			}
			log('board over HTTP…')
			const boardPage = await fetch(`${base}/board`, { headers: adminCookie })
			const boardBytes = (await boardPage.arrayBuffer()).byteLength
			const boardTimes = await timeRuns(7, async () => {
				await (await fetch(`${base}/board`, { headers: adminCookie })).arrayBuffer()
			})
			boardHttp = { pageBytes: boardBytes, medianMs: median(boardTimes), status: boardPage.status }
			if (boardStored)
				boardStoredHttp = await boardOverHttp(base, adminCookie, boardStored.personId)
			log('exports…')
			const exportOne = async (format: 'csv' | 'xlsx') => {
				const t = performance.now()
				const response = await fetch(`${base}/board/export?what=certifications&format=${format}`, {
					headers: adminCookie,
				})
				const bytes = (await response.arrayBuffer()).byteLength
				return {
					status: response.status,
					seconds: (performance.now() - t) / 1000,
					megabytes: round(bytes / 2 ** 20),
				}
			}
			exports = { csv: await exportOne('csv'), xlsx: await exportOne('xlsx') }
			log('import wait…')
			importWait = await measureImportWait(base, adminCookie.Cookie)
		}
		log(`exam day: ${examPeople.length} clerks…`)
		exam = await examDay(examPeople, 60)
	} finally {
		await rm('public/__bench-static.html', { force: true })
		await stopServer(server)
	}

	// Count what the database kept.
	await connectDatabase(target)
	const ids = examPeople.map((p) => p.attemptId)
	const [stored] = await queryRows<{
		answers: number
		distinct_answers: number
		submitted: number
		results: number
		certs: number
		max_certs: number
	}>(sql`
		select
			(select count(*)::int from attempt_answers where attempt_id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `,
			)})) as answers,
			(select count(distinct (attempt_id, item_id))::int from attempt_answers where attempt_id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `,
			)})) as distinct_answers,
			(select count(*)::int from attempts where status = 'submitted' and id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `,
			)})) as submitted,
			(select count(*)::int from attempt_results where attempt_id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `,
			)})) as results,
			(select count(*)::int from certifications where attempt_id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `,
			)})) as certs,
			(select coalesce(max(n), 0)::int from (select count(*) as n from certifications where attempt_id in (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `,
			)}) group by attempt_id) c) as max_certs`)
	await closeDatabase()
	await dispose()

	const expectedAnswers = examPeople.reduce((n, p) => n + Math.min(8, p.items.length), 0)
	const expectedResults = examPeople.reduce((n, p) => n + p.items.length, 0)
	const results = {
		measuredAt: new Date().toISOString(),
		machine,
		database: target.kind,
		content: {
			lessons: content.lessons,
			fullBuildSeconds: round(content.fullBuildMs / 1000, 2),
			bareMdxBundlerSeconds: round(content.bareMdxBundlerMs / 1000, 2),
			fullVsBare: round(content.fullVsBare, 2),
			oneLessonRebuildMs: round(content.oneLessonRebuildMs),
			oneLessonShareOfFullPercent: round(content.oneLessonShareOfFull * 100, 2),
		},
		lessonPage: {
			requestsPerSecond: round(lesson?.requestsPerSecond ?? 0),
			staticSameSizeRequestsPerSecond: round(staticFile?.requestsPerSecond ?? 0),
			ratio: round((lesson?.requestsPerSecond ?? 0) / (staticFile?.requestsPerSecond || 1), 2),
			non2xx: (lesson?.non2xx ?? 0) + (staticFile?.non2xx ?? 0),
		},
		search: {
			inProcessMedianMs: round(median(searchTimes), 2),
			inProcessP95Ms: round(percentile(searchTimes, 0.95), 2),
			httpUnloadedMedianMs: round(searchHttp?.unloadedMedianMs ?? 0),
			httpRequestsPerSecond: round(searchHttp?.requestsPerSecond ?? 0),
			httpLatencyP50Ms: searchHttp?.latencyP50 ?? 0,
		},
		board: {
			clerks: people.clerks,
			services: catalog.ordered.length,
			certificationRows: people.certifications,
			seedSeconds: round(seedSeconds),
			bareSqlMedianMs: round(median(bare)),
			loaderMedianMs: round(median(loader)),
			ratio: round(median(loader) / median(bare), 2),
			httpMedianMs: round(boardHttp?.medianMs ?? 0),
			pageKilobytes: round((boardHttp?.pageBytes ?? 0) / 1024),
			exportCsv: exports?.csv,
			exportXlsx: exports?.xlsx,
			stored:
				boardStored && boardStoredHttp ? { inProcess: boardStored, http: boardStoredHttp } : null,
		},
		examDay: {
			clerks: examPeople.length,
			seconds: round(exam?.seconds ?? 0),
			errors: exam?.errors ?? -1,
			retried: exam?.retried ?? 0,
			firstTryFailures: exam?.firstTryFailures ?? {},
			lostAnswers: expectedAnswers - (stored?.answers ?? 0),
			duplicatedAnswers: (stored?.answers ?? 0) - (stored?.distinct_answers ?? 0),
			submitted: stored?.submitted ?? 0,
			duplicatedResults:
				Math.max(0, (stored?.results ?? 0) - expectedResults) +
				Math.max(0, (stored?.max_certs ?? 0) - 1),
			saveMedianMs: round(median(exam?.saveLatencies ?? [])),
			saveP95Ms: round(percentile(exam?.saveLatencies ?? [], 0.95)),
			submitMedianMs: round(median(exam?.submitLatencies ?? [])),
			bareInsertMedianMs: round(median(inserts), 2),
		},
		importWait,
	}
	if (examDayOnly) {
		console.log(JSON.stringify(results.examDay, null, 2))
		return
	}
	await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`)
	const table: Array<[string, string, string]> = [
		[
			'content: full build vs bare mdx-bundler',
			`${results.content.fullBuildSeconds} s vs ${results.content.bareMdxBundlerSeconds} s = ${results.content.fullVsBare}×`,
			'≤ 1.2×',
		],
		[
			'content: one-lesson rebuild',
			`${results.content.oneLessonRebuildMs} ms = ${results.content.oneLessonShareOfFullPercent}% of full`,
			'≤ 2%',
		],
		[
			'lesson page vs static file, same size',
			`${results.lessonPage.requestsPerSecond} vs ${results.lessonPage.staticSameSizeRequestsPerSecond} req/s = ${results.lessonPage.ratio}×`,
			'≥ 0.5×',
		],
		[
			'search latency',
			`${results.search.inProcessMedianMs} ms in process (p95 ${results.search.inProcessP95Ms}); page ${results.search.httpUnloadedMedianMs} ms one at a time, ${results.search.httpRequestsPerSecond} req/s at 32 connections`,
			'—',
		],
		[
			`board ${results.board.clerks} × ${results.board.services}, ${results.board.certificationRows} certifications`,
			`every row with its cells (export path) ${results.board.loaderMedianMs} ms vs old aggregate SQL ${results.board.bareSqlMedianMs} ms = ${results.board.ratio}×`,
			'—',
		],
		[
			'board over HTTP',
			`${results.board.httpMedianMs} ms, page ${results.board.pageKilobytes} KB`,
			'—',
		],
		...(results.board.stored
			? boardTable(target.kind, results.board.stored.inProcess, results.board.stored.http)
			: []),
		[
			'export all certification records',
			`CSV ${results.board.exportCsv?.seconds.toFixed(1)} s (${results.board.exportCsv?.megabytes} MB); XLSX ${results.board.exportXlsx?.seconds.toFixed(1)} s (${results.board.exportXlsx?.megabytes} MB)`,
			'—',
		],
		[
			`exam day: ${results.examDay.clerks} clerks × 8 answers + submit`,
			`${results.examDay.seconds} s; errors ${results.examDay.errors}, lost ${results.examDay.lostAnswers}, duplicated ${results.examDay.duplicatedAnswers + results.examDay.duplicatedResults}; ${results.examDay.retried} requests needed the page's retry`,
			'all 0',
		],
		[
			'exam day: save latency vs bare INSERT',
			`p50 ${results.examDay.saveMedianMs} ms (p95 ${results.examDay.saveP95Ms}) vs ${results.examDay.bareInsertMedianMs} ms`,
			'—',
		],
		[
			`page latency while the largest import (${importWait?.fileKilobytes} KB) is checked`,
			`p50 ${importWait?.duringImport.p50Ms} ms, max ${importWait?.duringImport.maxMs} ms (idle p50 ${importWait?.idle.p50Ms} ms); import ${importWait?.importSeconds.join(' / ')} s`,
			'—',
		],
	]
	const width = Math.max(...table.map((r) => r[0].length))
	console.log(
		`Counter Ready bench — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${target.kind}`,
	)
	for (const [what, value, goal] of table)
		console.log(`${what.padEnd(width)}  ${value}  [goal ${goal}]`)
	console.log('written: bench/results.json')
}

await main()
