// The attempt engine: start (items drawn with a recorded seed), save answers as the learner goes,
// submit once (graded on the server, certification in the same transaction). Deadlines use the
// database clock, so every app server agrees and the browser's clock never counts.
import { randomBytes, randomUUID } from 'node:crypto'
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm'
import { attemptAnswers, attemptResults, attempts } from '#drizzle/schema/index.ts'
import { grantCertification } from '#app/modules/certification/grant.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { carryForward } from '#app/modules/certification/carry-forward.server.ts'
import { siteServiceSet } from '#app/modules/certification/site-scope.server.ts'
import { getDb, queryRows, type Transaction } from '#app/utils/db.server.ts'
import { attemptKey, disguiseItem } from './disguise.server.ts'
import { drawExam, drawServiceQuiz } from './draw.ts'
import {
	answerFits,
	answerSchema,
	gradeAttempt,
	storedItemsSchema,
	type Answer,
	type QuizItem,
} from './items.ts'

export type AttemptRow = typeof attempts.$inferSelect

export type AttemptErrorCode =
	| 'not-found'
	| 'other-session'
	| 'cooldown'
	| 'bad-item'
	| 'bad-answer'
	| 'submitted'
	| 'expired'
	| 'empty-pool'
	| 'decided'

export class AttemptError extends Error {
	constructor(
		readonly code: AttemptErrorCode,
		readonly status: number,
		readonly retryAt: Date | null = null,
	) {
		super(code)
	}
}

// Items of an attempt never change once drawn: keep parsed copies (and the page's disguised
// copies) for the pages and answer saves of the attempt.
type CachedItems = {
	userId: string
	items: Array<QuizItem>
	seed: string
	disguised?: Array<QuizItem>
}
const itemsCache = new Map<string, CachedItems>()
const { items: _items, ...columnsButItems } = getTableColumns(attempts)
function rememberItems(
	attemptId: string,
	userId: string,
	items: Array<QuizItem>,
	seed: string,
): CachedItems {
	if (itemsCache.size > 5000) itemsCache.delete(itemsCache.keys().next().value ?? '')
	const entry = { userId, items, seed }
	itemsCache.set(attemptId, entry)
	return entry
}

export function parseItems(value: unknown): Array<QuizItem> {
	return storedItemsSchema.parse(value)
}

function isUniqueViolation(error: unknown): boolean {
	const seen = new Set<unknown>()
	for (
		let e: unknown = error;
		e && typeof e === 'object' && !seen.has(e);
		e = 'cause' in e ? e.cause : null
	) {
		seen.add(e)
		if ('code' in e && e.code === '23505') return true
	}
	return false
}

async function activeAttempt(userId: string, kind: 'service' | 'exam', serviceCode: string | null) {
	const [row] = await getDb()
		.select()
		.from(attempts)
		.where(
			and(
				eq(attempts.userId, userId),
				eq(attempts.kind, kind),
				serviceCode ? eq(attempts.serviceCode, serviceCode) : sql`${attempts.serviceCode} is null`,
				eq(attempts.status, 'active'),
			),
		)
	return row ?? null
}

/** When a failed attempt's wait ends, or null when the learner may start now. */
export async function retryAt(
	userId: string,
	kind: 'service' | 'exam',
	serviceCode: string | null,
	waitMinutes: number,
): Promise<Date | null> {
	const [last] = await queryRows<{
		passed: boolean | null
		retry_at: Date | string
		waiting: boolean
	}>(sql`
		select passed,
			submitted_at + make_interval(mins => ${waitMinutes}::int) as retry_at,
			submitted_at + make_interval(mins => ${waitMinutes}::int) > now() as waiting
		from attempts
		where user_id = ${userId} and kind = ${kind} and status = 'submitted'
			and ${serviceCode ? sql`service_code = ${serviceCode}` : sql`service_code is null`}
		order by submitted_at desc limit 1`)
	if (!last || last.passed || !last.waiting) return null
	return new Date(last.retry_at)
}

/**
 * The items of the learner's last few submitted attempts of this quiz (1 = the latest), so a
 * retake asks other things than the attempt it follows.
 */
async function recentlySeenItems(
	userId: string,
	kind: 'service' | 'exam',
	serviceCode: string | null,
	lookBack = 3,
): Promise<Map<string, number>> {
	const rows = await getDb()
		.select({ items: attempts.items })
		.from(attempts)
		.where(
			and(
				eq(attempts.userId, userId),
				eq(attempts.kind, kind),
				serviceCode ? eq(attempts.serviceCode, serviceCode) : sql`${attempts.serviceCode} is null`,
				eq(attempts.status, 'submitted'),
			),
		)
		.orderBy(desc(attempts.submittedAt))
		.limit(lookBack)
	const seen = new Map<string, number>()
	rows.forEach((row, index) => {
		for (const item of parseItems(row.items)) if (!seen.has(item.id)) seen.set(item.id, index + 1)
	})
	return seen
}

async function insertAttempt(
	values: typeof attempts.$inferInsert,
	deadlineMinutes: number | null,
	reuse: () => Promise<AttemptRow | null>,
) {
	try {
		const [row] = await getDb()
			.insert(attempts)
			.values({
				...values,
				deadlineAt:
					deadlineMinutes === null
						? null
						: sql`now() + make_interval(mins => ${deadlineMinutes}::int)`,
			})
			.returning()
		if (!row) throw new Error('attempt not created')
		return row
	} catch (error) {
		// Two tabs starting at once: the unique index lets one in; the other resumes it.
		if (isUniqueViolation(error)) {
			const existing = await reuse()
			if (existing) return existing
		}
		throw error
	}
}

export async function startServiceAttempt(
	user: SessionUser,
	code: string,
	catalog: Catalog = getCatalog(),
	options: {
		/** Browser tests only (the E2E test hook): an item of this kind comes first. */
		leadingKind?: QuizItem['kind']
		/** 变更重新认证: these items (the changed fields) carry the certification of `carriesFrom`. */
		recertification?: { items: Array<QuizItem>; carriesFrom: string; seed: string }
	} = {},
): Promise<AttemptRow> {
	const service = catalog.services.get(code)
	if (!service || !service.active) throw new AttemptError('not-found', 404)
	const existing = await activeAttempt(user.id, 'service', code)
	if (existing) return existing
	const wait = await retryAt(user.id, 'service', code, catalog.rules.service.retryWaitMinutes)
	if (wait) throw new AttemptError('cooldown', 429, wait)
	const pool = (catalog.bank.byService.get(code) ?? []).flatMap((id) => {
		const item = catalog.bank.items.get(id)
		return item ? [item] : []
	})
	if (pool.length === 0) throw new AttemptError('empty-pool', 409)
	const seed = options.recertification?.seed ?? randomBytes(8).toString('hex')
	const items =
		options.recertification?.items ??
		drawServiceQuiz(pool, {
			size: catalog.rules.service.quizSize,
			maxScenarios: catalog.rules.service.maxScenarios,
			seed,
			seen: await recentlySeenItems(user.id, 'service', code),
		})
	if (options.leadingKind) {
		const lead = pool.find((item) => item.kind === options.leadingKind)
		if (lead && !items.some((item) => item.id === lead.id)) items.splice(items.length - 1, 1)
		if (lead) items.splice(0, items.length, lead, ...items.filter((item) => item.id !== lead.id))
	}
	const row = await insertAttempt(
		{
			id: randomUUID(),
			userId: user.id,
			kind: 'service',
			serviceCode: code,
			revision: service.revision,
			seed,
			items,
			carriesFrom: options.recertification?.carriesFrom ?? null,
		},
		null,
		() => activeAttempt(user.id, 'service', code),
	)
	rememberItems(row.id, row.userId, parseItems(row.items), row.seed)
	return row
}

export async function startExamAttempt(
	user: SessionUser,
	sessionId: string,
	catalog: Catalog = getCatalog(),
): Promise<AttemptRow> {
	const existing = await activeAttempt(user.id, 'exam', null)
	if (existing) {
		if (existing.sessionId !== sessionId) throw new AttemptError('other-session', 409)
		const settled = await settleIfExpired(existing)
		if (settled.status === 'active') return settled
	}
	const wait = await retryAt(user.id, 'exam', null, catalog.rules.exam.retryWaitMinutes)
	if (wait) throw new AttemptError('cooldown', 429, wait)
	const offered = await siteServiceSet(user.siteId, catalog)
	const poolByService = new Map<string, Array<QuizItem>>()
	const categoryOf = new Map<string, string>()
	for (const service of catalog.ordered) {
		if (!offered.has(service.code)) continue
		categoryOf.set(service.code, service.frontmatter.category)
		poolByService.set(
			service.code,
			(catalog.bank.byService.get(service.code) ?? []).flatMap((id) => {
				const item = catalog.bank.items.get(id)
				// A scenario joins the pool of its first service only, so it cannot be drawn twice.
				return item && (item.kind !== 'scenario' || item.services[0] === service.code) ? [item] : []
			}),
		)
	}
	const seed = randomBytes(8).toString('hex')
	const items = drawExam(poolByService, categoryOf, {
		size: catalog.rules.exam.items,
		maxScenarios: catalog.rules.exam.maxScenarios,
		seed,
		seen: await recentlySeenItems(user.id, 'exam', null),
	})
	if (items.length === 0) throw new AttemptError('empty-pool', 409)
	const row = await insertAttempt(
		{
			id: randomUUID(),
			userId: user.id,
			kind: 'exam',
			serviceCode: null,
			revision: catalog.fingerprint,
			seed,
			items,
			sessionId,
		},
		catalog.rules.exam.durationMinutes,
		() => activeAttempt(user.id, 'exam', null),
	)
	if (row.sessionId !== sessionId) throw new AttemptError('other-session', 409)
	rememberItems(row.id, row.userId, parseItems(row.items), row.seed)
	return row
}

export type LoadedAttempt = {
	row: AttemptRow
	items: Array<QuizItem>
	answers: Map<string, Answer>
}

async function answersOf(attemptId: string): Promise<Map<string, Answer>> {
	return answerMap(
		await getDb()
			.select({ itemId: attemptAnswers.itemId, answer: attemptAnswers.answer })
			.from(attemptAnswers)
			.where(eq(attemptAnswers.attemptId, attemptId)),
	)
}

function answerMap(rows: Array<{ itemId: string; answer: unknown }>): Map<string, Answer> {
	const answers = new Map<string, Answer>()
	for (const row of rows) {
		const parsed = answerSchema.safeParse(row.answer)
		if (parsed.success) answers.set(row.itemId, parsed.data)
	}
	return answers
}

/** An exam whose time is up is submitted with the answers saved so far. */
async function settleIfExpired(row: AttemptRow): Promise<AttemptRow> {
	if (row.status !== 'active' || !row.deadlineAt) return row
	const [expired] = await queryRows<{ expired: boolean }>(
		sql`select deadline_at <= now() as expired from attempts where id = ${row.id}`,
	)
	if (!expired?.expired) return row
	return submitAttemptRow(row.id, row.userId)
}

// Whether the deadline has passed, on the database's clock (the one every server shares).
const expiredColumn = sql<boolean>`coalesce(${attempts.deadlineAt} <= now(), false)`
// The attempt's answers, read in the same query as the attempt (the exam page reads both on
// every item: one round trip instead of two).
const answersColumn = sql<Array<{ itemId: string; answer: unknown }>>`coalesce((
	select json_agg(json_build_object('itemId', x.item_id, 'answer', x.answer))
	from ${attemptAnswers} x where x.attempt_id = ${attempts.id}), '[]'::json)`

/**
 * The learner's own attempt row, whether its deadline has passed and, when asked, its answers:
 * one query. Someone else's attempt id is "not found", never "forbidden"; a running exam
 * answers only the sign-in that opened it.
 */
async function readOwnAttempt(
	attemptId: string,
	user: Pick<SessionUser, 'id'>,
	sessionId: string,
	withAnswers: boolean,
): Promise<{ row: AttemptRow; expired: boolean; answers: Map<string, Answer> | null }> {
	if (!/^[0-9a-f-]{36}$/.test(attemptId)) throw new AttemptError('not-found', 404)
	// The items (50 of them on an exam, keys included) are read only when not already parsed here.
	const cached = itemsCache.get(attemptId)
	const [found] = await getDb()
		.select({
			...(cached ? columnsButItems : getTableColumns(attempts)),
			expired: expiredColumn,
			...(withAnswers ? { answers: answersColumn } : {}),
		})
		.from(attempts)
		.where(eq(attempts.id, attemptId))
	if (!found || found.userId !== user.id) throw new AttemptError('not-found', 404)
	const { expired, answers, ...columns } = found as typeof found & {
		answers?: Array<{ itemId: string; answer: unknown }>
	}
	const row: AttemptRow = { items: null, ...columns }
	if (row.kind === 'exam' && row.status === 'active' && row.sessionId !== sessionId)
		throw new AttemptError('other-session', 409)
	if (!cached && row.items) rememberItems(row.id, row.userId, parseItems(row.items), row.seed)
	return { row, expired, answers: answers ? answerMap(answers) : null }
}

async function ownAttemptRow(
	attemptId: string,
	user: Pick<SessionUser, 'id'>,
	sessionId: string,
): Promise<AttemptRow> {
	return (await readOwnAttempt(attemptId, user, sessionId, false)).row
}

/**
 * The learner's own attempt with its answers. An exam whose time is up is submitted first, with
 * the answers saved so far.
 */
export async function loadOwnAttempt(
	attemptId: string,
	user: Pick<SessionUser, 'id'>,
	sessionId: string,
): Promise<LoadedAttempt> {
	const read = await readOwnAttempt(attemptId, user, sessionId, true)
	const settled = read.row.status === 'active' && read.expired
	const row = settled ? await submitAttemptRow(read.row.id, read.row.userId) : read.row
	const { items } = await cachedItems(row.id, row.userId)
	const answers = !settled && read.answers ? read.answers : await answersOf(row.id)
	return { row, items, answers }
}

/** Any attempt by id, for trainers (the caller checks their site scope). */
export async function loadAttemptForReview(attemptId: string): Promise<LoadedAttempt | null> {
	if (!/^[0-9a-f-]{36}$/.test(attemptId)) return null
	const [row] = await getDb().select().from(attempts).where(eq(attempts.id, attemptId))
	if (!row) return null
	return { row, items: parseItems(row.items), answers: await answersOf(row.id) }
}

async function cachedItems(attemptId: string, userId: string): Promise<CachedItems> {
	const cached = itemsCache.get(attemptId)
	if (cached) {
		if (cached.userId !== userId) throw new AttemptError('not-found', 404)
		return cached
	}
	const [row] = await getDb()
		.select({ items: attempts.items, userId: attempts.userId, seed: attempts.seed })
		.from(attempts)
		.where(eq(attempts.id, attemptId))
	if (!row || row.userId !== userId) throw new AttemptError('not-found', 404)
	return rememberItems(attemptId, userId, parseItems(row.items), row.seed)
}

/** The items of the learner's own attempt (cached: they never change). */
export async function attemptItems(attemptId: string, userId: string): Promise<Array<QuizItem>> {
	return (await cachedItems(attemptId, userId)).items
}

/**
 * The learner's own attempt as the page sees it: each item disguised with the attempt's key, so
 * the ids in the page are opaque and differ from any colleague's.
 */
export async function attemptPageItems(
	attemptId: string,
	userId: string,
): Promise<{ items: Array<QuizItem>; disguised: Array<QuizItem> }> {
	if (!/^[0-9a-f-]{36}$/.test(attemptId)) throw new AttemptError('not-found', 404)
	const cached = await cachedItems(attemptId, userId)
	cached.disguised ??= cached.items.map((item) => disguiseItem(item, attemptKey(cached.seed)))
	return { items: cached.items, disguised: cached.disguised }
}

/**
 * A scenario decision added to those already made. A decision is final once the next one is
 * shown (it may reveal what the choice led to), so changing one is refused.
 */
async function withEarlierDecisions(
	tx: Transaction,
	attemptId: string,
	item: QuizItem,
	answer: Answer,
): Promise<Answer> {
	if (answer.kind !== 'scenario') throw new AttemptError('bad-answer', 400)
	const [row] = await tx
		.select({ answer: attemptAnswers.answer })
		.from(attemptAnswers)
		.where(and(eq(attemptAnswers.attemptId, attemptId), eq(attemptAnswers.itemId, item.id)))
	const earlier = answerSchema.safeParse(row?.answer)
	const made = earlier.success && earlier.data.kind === 'scenario' ? earlier.data.decisions : {}
	for (const [decision, option] of Object.entries(answer.decisions))
		if (decision in made && made[decision] !== option) throw new AttemptError('decided', 409)
	const merged: Answer = { kind: 'scenario', decisions: { ...made, ...answer.decisions } }
	if (!answerFits(item, merged)) throw new AttemptError('bad-answer', 400)
	return merged
}

/**
 * Save one answer. Validated against the attempt's own items first: an item not in the attempt,
 * or an option not in the item, is refused and changes nothing.
 */
export async function saveAnswer(input: {
	attemptId: string
	user: Pick<SessionUser, 'id'>
	sessionId: string
	itemId: string
	answer: Answer
	position?: number
}): Promise<{ savedAt: Date }> {
	if (!/^[0-9a-f-]{36}$/.test(input.attemptId)) throw new AttemptError('not-found', 404)
	const items = await attemptItems(input.attemptId, input.user.id)
	const index = items.findIndex((item) => item.id === input.itemId)
	const item = items[index]
	if (!item) throw new AttemptError('bad-item', 400)
	// A scenario's decisions arrive one at a time and add to those made: checked once merged.
	if (item.kind !== 'scenario' && !answerFits(item, input.answer))
		throw new AttemptError('bad-answer', 400)
	const position = Math.min(Math.max(0, input.position ?? index), items.length)
	const outcome =
		item.kind === 'scenario'
			? await saveScenarioDecisions(input, item, position)
			: await saveInOneStatement(input, position)
	if (outcome) return outcome
	// Not saved: say why.
	const [row] = await getDb().select().from(attempts).where(eq(attempts.id, input.attemptId))
	if (!row || row.userId !== input.user.id) throw new AttemptError('not-found', 404)
	if (row.status === 'submitted') throw new AttemptError('submitted', 409)
	if (row.kind === 'exam' && row.sessionId !== input.sessionId)
		throw new AttemptError('other-session', 409)
	await settleIfExpired(row)
	throw new AttemptError('expired', 409)
}

type SaveInput = Parameters<typeof saveAnswer>[0]

/**
 * An answer (not a scenario decision) in one statement, one round trip, no transaction: the
 * attempt row is updated only while it is open (its owner, not submitted, before the deadline,
 * an exam from the sign-in that started it), and the answer is written only if that update
 * found the row. The update takes the row lock a submit holds, so a save racing a submit either
 * lands before the grading reads the answers or finds the attempt closed.
 */
async function saveInOneStatement(
	input: SaveInput,
	position: number,
): Promise<{ savedAt: Date } | null> {
	const [saved] = await queryRows<{ saved_at: Date | string }>(sql`
		with open as (
			update attempts set position = ${position}
			where id = ${input.attemptId} and user_id = ${input.user.id} and status = 'active'
				and (deadline_at is null or deadline_at > now())
				and (kind <> 'exam' or session_id = ${input.sessionId})
			returning id
		)
		insert into attempt_answers (attempt_id, item_id, answer)
		select id, ${input.itemId}, ${JSON.stringify(input.answer)}::jsonb from open
		on conflict (attempt_id, item_id) do update set answer = excluded.answer, saved_at = now()
		returning saved_at`)
	return saved ? { savedAt: new Date(saved.saved_at) } : null
}

/** A scenario's decisions merge with those made before: read and written in one transaction. */
async function saveScenarioDecisions(
	input: SaveInput,
	item: QuizItem,
	position: number,
): Promise<{ savedAt: Date } | null> {
	return getDb().transaction(async (tx) => {
		const [open] = await tx
			.update(attempts)
			.set({ position })
			.where(
				and(
					eq(attempts.id, input.attemptId),
					eq(attempts.userId, input.user.id),
					eq(attempts.status, 'active'),
					sql`(${attempts.deadlineAt} is null or ${attempts.deadlineAt} > now())`,
					sql`(${attempts.kind} <> 'exam' or ${attempts.sessionId} = ${input.sessionId})`,
				),
			)
			.returning({ id: attempts.id })
		if (!open) return null
		const answer = await withEarlierDecisions(tx, input.attemptId, item, input.answer)
		const [saved] = await tx
			.insert(attemptAnswers)
			.values({ attemptId: input.attemptId, itemId: input.itemId, answer })
			.onConflictDoUpdate({
				target: [attemptAnswers.attemptId, attemptAnswers.itemId],
				set: { answer, savedAt: sql`now()` },
			})
			.returning({ savedAt: attemptAnswers.savedAt })
		return saved ?? null
	})
}

/** Flag or unflag an item of the learner's running attempt (to come back to before submitting). */
export async function setItemFlag(input: {
	attemptId: string
	user: Pick<SessionUser, 'id'>
	sessionId: string
	itemId: string
	flagged: boolean
}): Promise<Array<string>> {
	const row = await ownAttemptRow(input.attemptId, input.user, input.sessionId)
	if (row.status !== 'active') throw new AttemptError('submitted', 409)
	const items = await attemptItems(input.attemptId, input.user.id)
	if (!items.some((item) => item.id === input.itemId)) throw new AttemptError('bad-item', 400)
	const flagged = sql`coalesce(${attempts.flagged}, '[]'::jsonb)`
	const [updated] = await getDb()
		.update(attempts)
		.set({
			flagged: input.flagged
				? sql`case when ${flagged} ? ${input.itemId} then ${flagged} else ${flagged} || jsonb_build_array(${input.itemId}::text) end`
				: sql`${flagged} - ${input.itemId}::text`,
		})
		.where(
			and(
				eq(attempts.id, input.attemptId),
				eq(attempts.status, 'active'),
				sql`(${attempts.deadlineAt} is null or ${attempts.deadlineAt} > now())`,
				sql`(${attempts.kind} <> 'exam' or ${attempts.sessionId} = ${input.sessionId})`,
			),
		)
		.returning({ flagged: attempts.flagged })
	if (!updated) throw new AttemptError('expired', 409)
	return flaggedIds(updated.flagged)
}

export function flaggedIds(value: unknown): Array<string> {
	return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
}

export async function recordFocusLoss(
	attemptId: string,
	user: Pick<SessionUser, 'id'>,
	sessionId: string,
): Promise<number | null> {
	if (!/^[0-9a-f-]{36}$/.test(attemptId)) return null
	const [row] = await getDb()
		.update(attempts)
		.set({ focusLosses: sql`${attempts.focusLosses} + 1` })
		.where(
			and(
				eq(attempts.id, attemptId),
				eq(attempts.userId, user.id),
				eq(attempts.kind, 'exam'),
				eq(attempts.status, 'active'),
				eq(attempts.sessionId, sessionId),
			),
		)
		.returning({ focusLosses: attempts.focusLosses })
	return row?.focusLosses ?? null
}

/** The option ids an answer chose, as item analysis counts them (scenarios: "decision:option"). */
export function chosenOptions(answer: Answer | undefined): Array<string> | null {
	if (!answer) return null
	switch (answer.kind) {
		case 'single':
			return [answer.choice]
		case 'multiple':
			return answer.choices
		case 'truefalse':
			return [String(answer.value)]
		case 'order':
			return answer.sequence
		case 'scenario':
			return Object.entries(answer.decisions).map(([decision, option]) => `${decision}:${option}`)
	}
}

async function gradeAndClose(
	tx: Transaction,
	row: AttemptRow,
	catalog: Catalog,
): Promise<AttemptRow> {
	const items = parseItems(row.items)
	const answerRows = await tx
		.select()
		.from(attemptAnswers)
		.where(eq(attemptAnswers.attemptId, row.id))
	const answers = new Map<string, Answer>()
	for (const answerRow of answerRows) {
		const parsed = answerSchema.safeParse(answerRow.answer)
		if (parsed.success) answers.set(answerRow.itemId, parsed.data)
	}
	const rule =
		row.kind === 'exam'
			? { passPercent: catalog.rules.exam.passPercent, requireCritical: false }
			: {
					passPercent: catalog.rules.service.passPercent,
					requireCritical: catalog.rules.service.requireCritical,
				}
	const grade = gradeAttempt(items, answers, rule)
	if (items.length > 0) {
		await tx.insert(attemptResults).values(
			items.map((item, position) => {
				const g = grade.items[position]
				return {
					attemptId: row.id,
					itemId: item.id,
					position,
					serviceCode: item.services[0] ?? '',
					topic: item.topic,
					kind: item.kind,
					score: g?.score ?? 0,
					correct: g?.correct ?? false,
					answered: g?.answered ?? false,
					chosen: chosenOptions(answers.get(item.id)),
				}
			}),
		)
	}
	const [closed] = await tx
		.update(attempts)
		.set({
			status: 'submitted',
			submittedAt: sql`now()`,
			percent: grade.percent,
			correctCount: grade.correctCount,
			total: grade.total,
			passed: grade.passed,
			criticalMissed: grade.criticalMissed,
			timedOut: sql`(${attempts.deadlineAt} is not null and ${attempts.deadlineAt} <= now())`,
		})
		.where(eq(attempts.id, row.id))
		.returning()
	if (!closed) throw new Error('attempt vanished during submission')
	if (closed.passed && row.kind === 'service' && row.serviceCode && row.carriesFrom) {
		await carryForward(
			tx,
			{
				userId: row.userId,
				serviceCode: row.serviceCode,
				fromRevision: row.carriesFrom,
				toRevision: row.revision,
				attemptId: row.id,
			},
			catalog.rules,
		)
	} else if (closed.passed) {
		await grantCertification(
			tx,
			{
				userId: row.userId,
				serviceCode: row.kind === 'exam' ? null : row.serviceCode,
				revision: row.revision,
				source: row.kind === 'exam' ? 'exam' : 'quiz',
				attemptId: row.id,
			},
			catalog.rules,
		)
		await recordAudit(
			{
				actor: null,
				action: row.kind === 'exam' ? 'certification.exam_passed' : 'certification.earned',
				targetType: 'user',
				targetId: row.userId,
				details: {
					serviceCode: row.serviceCode,
					revision: row.revision,
					attemptId: row.id,
					percent: grade.percent,
				},
			},
			tx,
		)
	}
	return closed
}

async function submitAttemptRow(
	attemptId: string,
	userId: string,
	catalog: Catalog = getCatalog(),
): Promise<AttemptRow> {
	return getDb().transaction(async (tx) => {
		// The row lock makes a second submit (another tab, a double click) wait and then find it done.
		const [row] = await tx.select().from(attempts).where(eq(attempts.id, attemptId)).for('update')
		if (!row || row.userId !== userId) throw new AttemptError('not-found', 404)
		if (row.status === 'submitted') return row
		return gradeAndClose(tx, row, catalog)
	})
}

/** Submit and grade; submitting twice, or from two tabs at once, yields the one result. */
export async function submitAttempt(
	attemptId: string,
	user: Pick<SessionUser, 'id'>,
	sessionId: string,
): Promise<AttemptRow> {
	await ownAttemptRow(attemptId, user, sessionId)
	return submitAttemptRow(attemptId, user.id)
}

/** Forget the in-process copies of attempt items, as a restarted server would have none. */
export function forgetCachedItems(): void {
	itemsCache.clear()
}

/** The learner's attempt in progress, if any (for "continue" links). */
export async function activeAttemptOf(
	userId: string,
	kind: 'service' | 'exam',
	serviceCode: string | null,
) {
	const row = await activeAttempt(userId, kind, serviceCode)
	return row ? { id: row.id, sessionId: row.sessionId, deadlineAt: row.deadlineAt } : null
}

/** The learner's latest submitted attempts of one kind (and service). */
export async function recentAttempts(
	userId: string,
	kind: 'service' | 'exam',
	serviceCode: string | null,
	limit = 5,
) {
	return getDb()
		.select({
			id: attempts.id,
			submittedAt: attempts.submittedAt,
			percent: attempts.percent,
			passed: attempts.passed,
			focusLosses: attempts.focusLosses,
		})
		.from(attempts)
		.where(
			and(
				eq(attempts.userId, userId),
				eq(attempts.kind, kind),
				serviceCode ? eq(attempts.serviceCode, serviceCode) : sql`${attempts.serviceCode} is null`,
				eq(attempts.status, 'submitted'),
			),
		)
		.orderBy(desc(attempts.submittedAt))
		.limit(limit)
}

/**
 * Bring a running exam's deadline to now, as if its time had run out (the bench and the browser
 * tests, through a test hook that exists only with E2E_TEST_HOOKS=1). True when it was running.
 */
export async function endExamTimeNow(attemptId: string, userId: string): Promise<boolean> {
	if (!/^[0-9a-f-]{36}$/.test(attemptId)) return false
	const rows = await getDb()
		.update(attempts)
		.set({ deadlineAt: sql`now()` })
		.where(
			and(
				eq(attempts.id, attemptId),
				eq(attempts.userId, userId),
				eq(attempts.kind, 'exam'),
				eq(attempts.status, 'active'),
			),
		)
		.returning({ id: attempts.id })
	return rows.length > 0
}
