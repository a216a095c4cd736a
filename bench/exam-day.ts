// Exam day, the real one, over HTTP: clerks sign in through the login form, start the 50-item
// comprehensive exam and answer it as the page does with JavaScript (every counter PC runs
// Chromium): the exam page is loaded once as a document; each answer is autosaved after some
// thought; 下一题 posts the form and the next item comes as route data (Remix single fetch,
// `.data`), not as a new document. The exam is reloaded once midway (a document again), then
// submitted. A tenth submit twice at once (a double click, two tabs); another tenth keep
// answering after their time has run out. Afterwards the database is asked what it kept. Think
// time and the deadline are compressed (see ExamDayOptions), nothing else is.
import { sql } from 'drizzle-orm'
import { decode } from 'turbo-stream'
import { queryRows } from '#app/utils/db.server.ts'

export type ExamDayOptions = {
	base: string
	/** Clerks b00001… (the bench seed's accounts), all with `password`. */
	clerks: number
	password: string
	/** Sign-ins spread evenly over this window. */
	arrivalSeconds: number
	/**
	 * Mean thought before each answer, uniform in [0.5, 1.5] × this. A real exam allows 72 s an
	 * item (60 minutes, 50 items); the bench compresses it so 1,000 clerks finish in minutes.
	 */
	thinkMs: number
}

export type ExamDayClerk = {
	username: string
	attemptId: string
	/** Item refs whose save the server confirmed. */
	acknowledged: Set<string>
	pastDeadline: boolean
	doubleSubmit: boolean
}

export type ExamDayRun = {
	seconds: number
	clerks: Array<ExamDayClerk>
	signInMs: Array<number>
	startMs: Array<number>
	/** Documents: the exam page as first loaded and reloaded midway. */
	pageMs: Array<number>
	/** 下一题: the form post and the next item's route data, as the browser waits for both. */
	nextMs: Array<number>
	saveMs: Array<number>
	/** When each save in saveMs was sent, in ms from the first sign-in (to tell the arrival apart). */
	saveSentAt: Array<number>
	submitMs: Array<number>
	errors: number
	errorKinds: Record<string, number>
	retried: number
	/** Saves after the deadline that the server refused, as it must (409 expired). */
	refusedPastDeadline: number
	/** Saves after the deadline that the server accepted: must be 0. */
	acceptedPastDeadline: number
	doubleSubmits: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

class Failure extends Error {
	constructor(
		readonly kind: string,
		readonly retry: boolean,
	) {
		super(kind)
	}
}

function causeOf(error: unknown): string {
	if (error instanceof Failure) return error.kind
	if (error instanceof Error) {
		const cause = error.cause
		if (cause && typeof cause === 'object' && 'code' in cause) return String(cause.code)
		return error.message
	}
	return String(error)
}

/** The form fields of an answer to the item shown on an attempt page (any valid answer). */
export function answerFromPage(html: string): { itemRef: string; fields: Array<[string, string]> } {
	const form = /<form[^>]*class="attempt-item"[\s\S]*?<\/form>/.exec(html)?.[0] ?? ''
	const itemRef = /name="itemId" value="([^"]+)"/.exec(form)?.[1]
	if (!itemRef) throw new Failure('page without an item', false)
	const single = /name="choice" value="([^"]+)"/.exec(form)
	if (single?.[1]) return { itemRef, fields: [['choice', single[1]]] }
	const multiple = /name="choices" value="([^"]+)"/.exec(form)
	if (multiple?.[1]) return { itemRef, fields: [['choices', multiple[1]]] }
	if (/name="value" value="true"/.test(form)) return { itemRef, fields: [['value', 'true']] }
	const select = /<select[^>]*name="sequence"[^>]*>([\s\S]*?)<\/select>/.exec(form)
	if (select?.[1]) {
		const steps = [...select[1].matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] ?? '')
		return { itemRef, fields: steps.map((s) => ['sequence', s]) }
	}
	const decision = /name="(decision\.[^"]+)" value="([^"]+)"/.exec(form)
	if (decision?.[1] && decision[2]) return { itemRef, fields: [[decision[1], decision[2]]] }
	throw new Failure('item without a recognised answer field', false)
}

type ItemData = {
	id: string
	kind: 'single' | 'multiple' | 'truefalse' | 'order' | 'scenario'
	options?: Array<{ id: string }>
	decisions?: Array<{ id: string; options: Array<{ id: string }>; chosen: string | null }>
}

/** The same answer from the item in the attempt route's data (what the page renders it from). */
export function answerFromItem(item: ItemData): {
	itemRef: string
	fields: Array<[string, string]>
} {
	const first = item.options?.[0]?.id
	switch (item.kind) {
		case 'single':
			if (first) return { itemRef: item.id, fields: [['choice', first]] }
			break
		case 'multiple':
			if (first) return { itemRef: item.id, fields: [['choices', first]] }
			break
		case 'truefalse':
			return { itemRef: item.id, fields: [['value', 'true']] }
		case 'order':
			return {
				itemRef: item.id,
				fields: (item.options ?? []).map((o): [string, string] => ['sequence', o.id]),
			}
		case 'scenario': {
			const open = item.decisions?.find((d) => !d.chosen)
			const option = open?.options[0]?.id
			if (open && option) return { itemRef: item.id, fields: [[`decision.${open.id}`, option]] }
			break
		}
	}
	throw new Failure('item data without a recognised answer', false)
}

/** The attempt route's item from a single-fetch `.data` response body. */
async function itemFromRouteData(response: Response): Promise<ItemData> {
	if (!response.body) throw new Failure('route data without a body', false)
	const decoded = await decode(response.body)
	await decoded.done
	const routes = decoded.value as Record<string, { data?: { item?: ItemData | null } }>
	const item = routes['routes/attempts.$id']?.data?.item
	if (!item) throw new Failure('route data without an item', false)
	return item
}

export async function examDay(options: ExamDayOptions): Promise<ExamDayRun> {
	const { base } = options
	const run: ExamDayRun = {
		seconds: 0,
		clerks: [],
		signInMs: [],
		startMs: [],
		pageMs: [],
		nextMs: [],
		saveMs: [],
		saveSentAt: [],
		submitMs: [],
		errors: 0,
		errorKinds: {},
		retried: 0,
		refusedPastDeadline: 0,
		acceptedPastDeadline: 0,
		doubleSubmits: 0,
	}
	const runStarted = performance.now()
	const fail = (kind: string) => {
		run.errors++
		run.errorKinds[kind] = (run.errorKinds[kind] ?? 0) + 1
	}

	/** As the page does: a network error or a 5xx is tried again with backoff, up to 8 times. */
	async function withRetries<T>(latencies: Array<number> | null, send: () => Promise<T>) {
		const started = performance.now()
		for (let attempt = 0; ; attempt++) {
			try {
				const value = await send()
				latencies?.push(performance.now() - started)
				if (latencies === run.saveMs) run.saveSentAt.push(started - runStarted)
				if (attempt > 0) run.retried++
				return value
			} catch (error) {
				const retry = !(error instanceof Failure) || error.retry
				if (!retry || attempt >= 7) throw error
				await sleep(Math.min(8000, 500 * 2 ** attempt))
			}
		}
	}

	async function clerk(index: number) {
		const username = `b${String(index + 1).padStart(5, '0')}`
		// Each counter PC has its own address behind the load balancer (TRUST_PROXY).
		const address = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`
		const common = { Origin: base, 'X-Forwarded-For': address }
		const post = (path: string, form: Array<[string, string]>, cookie = '') =>
			fetch(`${base}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { ...common, ...(cookie ? { Cookie: cookie } : {}) },
				body: new URLSearchParams(form),
			})
		const get = (path: string, cookie: string) =>
			fetch(`${base}${path}`, { redirect: 'manual', headers: { ...common, Cookie: cookie } })
		const expectStatus = (response: Response, status: number, what: string) => {
			if (response.status !== status)
				throw new Failure(`${what} ${response.status}`, response.status >= 500)
		}

		const cookie = await withRetries(run.signInMs, async () => {
			const response = await post('/login', [
				['username', username],
				['password', options.password],
				['redirectTo', '/exam'],
			])
			await response.arrayBuffer()
			expectStatus(response, 302, 'sign-in')
			const set = response.headers.get('set-cookie') ?? ''
			const session = /cr_session=[^;]+/.exec(set)?.[0]
			if (!session) throw new Failure('sign-in without a session cookie', false)
			return session
		})
		const attemptId = await withRetries(run.startMs, async () => {
			const response = await post('/exam', [], cookie)
			await response.arrayBuffer()
			expectStatus(response, 302, 'start')
			const id = /\/attempts\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1]
			if (!id) throw new Failure('start without an attempt', false)
			return id
		})
		const me: ExamDayClerk = {
			username,
			attemptId,
			acknowledged: new Set(),
			pastDeadline: index % 10 === 3,
			doubleSubmit: index % 10 === 7,
		}
		run.clerks.push(me)
		const page = async (path: string) =>
			withRetries(run.pageMs, async () => {
				const response = await get(path, cookie)
				const html = await response.text()
				expectStatus(response, 200, 'page')
				return html
			})

		// The exam page as a document, once; then item after item as route data.
		let shown = answerFromPage(await page(`/attempts/${attemptId}`))
		for (let n = 1; n <= 50; n++) {
			const { itemRef, fields } = shown
			await sleep(options.thinkMs * (0.5 + Math.random()))
			// Time runs out while this clerk thinks about item 41: the save must be refused.
			if (me.pastDeadline && n === 41) {
				const response = await get(`/test-hooks/deadline?attempt=${attemptId}`, cookie)
				await response.arrayBuffer()
				expectStatus(response, 200, 'deadline hook')
			}
			// The autosave on choosing (what the page shows as 已保存).
			const outcome = await withRetries(
				me.pastDeadline && n >= 41 ? null : run.saveMs,
				async () => {
					const response = await post(
						`/attempts/${attemptId}/answers`,
						[['intent', 'save'], ['itemId', itemRef], ...fields],
						cookie,
					)
					const json: unknown = await response.json().catch(() => null)
					const error =
						typeof json === 'object' && json !== null && 'error' in json ? String(json.error) : ''
					if (response.status === 409 && me.pastDeadline && n >= 41) return 'refused'
					if (!response.ok)
						throw new Failure(`save ${response.status} ${error}`, response.status >= 500)
					return 'saved'
				},
			)
			if (outcome === 'refused') {
				run.refusedPastDeadline++
				break
			}
			if (me.pastDeadline && n >= 41) run.acceptedPastDeadline++
			me.acknowledged.add(itemRef)
			if (n === 50) break
			if (n === 25) {
				// The reload midway: the exam comes back, as a document, with what was saved.
				const html = await page(`/attempts/${attemptId}?i=${n + 1}`)
				if (!html.includes('attempt-item')) throw new Failure('reload lost the exam', false)
				shown = answerFromPage(html)
				continue
			}
			// 下一题: the form posts (saving again, moving on) and the router loads the next item.
			shown = await withRetries(run.nextMs, async () => {
				const moved = await post(
					`/attempts/${attemptId}.data?i=${n}`,
					[['intent', 'save-next'], ['itemId', itemRef], ...fields],
					cookie,
				)
				const redirect = await moved.text()
				if (moved.status !== 202 || !redirect.includes(`/attempts/${attemptId}?i=${n + 1}`))
					throw new Failure(`next ${moved.status}`, moved.status >= 500)
				const response = await get(`/attempts/${attemptId}.data?i=${n + 1}`, cookie)
				if (response.status !== 200) {
					await response.arrayBuffer()
					throw new Failure(`item data ${response.status}`, response.status >= 500)
				}
				return answerFromItem(await itemFromRouteData(response))
			})
		}
		const submitOnce = () =>
			withRetries(run.submitMs, async () => {
				const response = await post(`/attempts/${attemptId}`, [['intent', 'submit']], cookie)
				await response.arrayBuffer()
				expectStatus(response, 302, 'submit')
			})
		if (me.doubleSubmit) {
			await Promise.all([submitOnce(), submitOnce()])
			run.doubleSubmits++
		} else await submitOnce()
	}

	const started = runStarted
	await Promise.all(
		Array.from({ length: options.clerks }, async (_, index) => {
			await sleep((index / options.clerks) * options.arrivalSeconds * 1000)
			try {
				await clerk(index)
			} catch (error) {
				fail(causeOf(error))
			}
		}),
	)
	run.seconds = (performance.now() - started) / 1000
	return run
}

/** What the database kept of the run (connected by the caller, the server stopped). */
export async function examDayStored(run: ExamDayRun) {
	const ids = run.clerks.map((c) => c.attemptId)
	if (ids.length === 0)
		return { answers: 0, lost: 0, submitted: 0, duplicatedResults: 0, afterDeadline: 0 }
	const list = sql.join(
		ids.map((id) => sql`${id}`),
		sql`, `,
	)
	const rows = await queryRows<{
		id: string
		status: string
		items: number
		answers: number
		late_answers: number
		results: number
		certs: number
	}>(sql`
		select a.id, a.status, jsonb_array_length(a.items)::int as items,
			(select count(*)::int from attempt_answers x where x.attempt_id = a.id) as answers,
			(select count(*)::int from attempt_answers x where x.attempt_id = a.id and x.saved_at > a.deadline_at) as late_answers,
			(select count(*)::int from attempt_results r where r.attempt_id = a.id) as results,
			(select count(*)::int from certifications c where c.attempt_id = a.id) as certs
		from attempts a where a.id in (${list})`)
	const byId = new Map(rows.map((r) => [r.id, r]))
	let lost = 0
	let answers = 0
	let submitted = 0
	let duplicatedResults = 0
	let afterDeadline = 0
	for (const clerk of run.clerks) {
		const row = byId.get(clerk.attemptId)
		if (!row) {
			lost += clerk.acknowledged.size
			continue
		}
		answers += row.answers
		lost += Math.max(0, clerk.acknowledged.size - row.answers)
		if (row.status === 'submitted') submitted++
		if (row.results > row.items) duplicatedResults += row.results - row.items
		if (row.certs > 1) duplicatedResults += row.certs - 1
		afterDeadline += row.late_answers
	}
	return { answers, lost, submitted, duplicatedResults, afterDeadline }
}
