// 每日复习: a few minutes a day keep 300+ services fresh. One FSRS card (ts-fsrs) per person and
// service they are certified on; each review asks one item from the service's bank, graded on
// the server, and the grade (right → Good, half right → Hard, wrong → Again) schedules the next.
// A certification that lapses (expiry, a new revision) takes its service out of the queue: that
// service needs a new quiz, not a review.
import { and, eq, gte, sql } from 'drizzle-orm'
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs'
import { reviewCards, reviewLogs } from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { readinessOf } from '#app/modules/certification/certifications.server.ts'
import { countsAsCertified } from '#app/modules/certification/status.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { shuffleOptions } from '#app/modules/quizzes/draw.ts'
import {
	answerSchema,
	gradeItem,
	quizItemSchema,
	type Answer,
	type QuizItem,
} from '#app/modules/quizzes/items.ts'
import { seededRandom, shuffle } from '#app/modules/quizzes/random.ts'
import { getDb, type Queryable } from '#app/utils/db.server.ts'

type ReviewUser = Pick<SessionUser, 'id' | 'siteId'>

export class ReviewError extends Error {
	constructor(
		readonly code: 'not-eligible' | 'stale' | 'not-due' | 'daily-limit',
		readonly status: number,
	) {
		super(code)
	}
}

const DAY = 86_400_000
const CHINA_OFFSET = 8 * 3_600_000

/** Midnight in Asia/Shanghai (no daylight saving): the day a clerk's daily limit counts over. */
export function startOfReviewDay(now: Date): Date {
	return new Date(Math.floor((now.getTime() + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET)
}

function scheduler(catalog: Catalog) {
	return fsrs({
		request_retention: catalog.rules.review.retention,
		maximum_interval: catalog.rules.review.maximumIntervalDays,
		// Whole days only: a service comes back on a later day, not ten minutes later.
		enable_short_term: false,
		enable_fuzz: false,
	})
}

type CardRow = typeof reviewCards.$inferSelect

function toFsrsCard(row: Omit<CardRow, 'userId' | 'serviceCode'>): Card {
	return {
		due: row.due,
		stability: row.stability,
		difficulty: row.difficulty,
		elapsed_days: 0,
		scheduled_days: row.scheduledDays,
		learning_steps: row.learningSteps,
		reps: row.reps,
		lapses: row.lapses,
		state: row.state,
		last_review: row.lastReview ?? undefined,
	}
}

function fromFsrsCard(card: Card) {
	return {
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ?? null,
	}
}

/**
 * The item a card asks at a given review: the service's items in a fixed order per person,
 * taken in turn, so reviews walk through the whole bank before any item comes back.
 */
export function reviewItem(
	userId: string,
	serviceCode: string,
	reps: number,
	catalog: Catalog = getCatalog(),
): QuizItem | null {
	const ids = catalog.bank.byService.get(serviceCode) ?? []
	// One question a day per service: a scenario, a story of several decisions, belongs to a quiz.
	const pool = ids
		.map((id) => catalog.bank.items.get(id))
		.filter((item) => item !== undefined && item.kind !== 'scenario')
	if (pool.length === 0) return null
	const ordered = shuffle(pool, seededRandom(`review:${userId}:${serviceCode}`))
	const item = ordered[reps % ordered.length]
	return item ? shuffleOptions(item, seededRandom(`review:${userId}:${serviceCode}:${reps}`)) : null
}

export type ReviewCandidate = { serviceCode: string; reps: number; isNew: boolean }

export type ReviewPlan = {
	/** Services the person is certified on now, with items to ask. */
	eligible: number
	doneToday: number
	correctToday: number
	/** Reviews still to do today (within the daily limit). */
	remainingToday: number
	/** Services that may still enter review for the first time today. */
	newLeftToday: number
	next: ReviewCandidate | null
	/** When nothing is left today: when the next card falls due. */
	nextDueAt: Date | null
}

type Readiness = Awaited<ReturnType<typeof readinessOf>>

async function eligibleServices(user: ReviewUser, catalog: Catalog, now: Date, known?: Readiness) {
	const readiness = known ?? (await readinessOf(user, catalog, now))
	return readiness.services
		.filter(
			(s) => countsAsCertified(s.status) && (catalog.bank.byService.get(s.code)?.length ?? 0) > 0,
		)
		.map((s) => ({ code: s.code, earnedAt: s.certification?.earnedAt ?? now }))
}

async function todayCounts(userId: string, now: Date) {
	const [row] = await getDb()
		.select({
			done: sql<number>`count(*)::int`,
			correct: sql<number>`count(*) filter (where ${reviewLogs.correct})::int`,
			introduced: sql<number>`count(*) filter (where ${reviewLogs.repsBefore} = 0)::int`,
		})
		.from(reviewLogs)
		.where(and(eq(reviewLogs.userId, userId), gte(reviewLogs.reviewedAt, startOfReviewDay(now))))
	return { done: row?.done ?? 0, correct: row?.correct ?? 0, introduced: row?.introduced ?? 0 }
}

export async function reviewPlan(
	user: ReviewUser,
	catalog: Catalog = getCatalog(),
	now = new Date(),
	/** The person's readiness, when the caller has it already. */
	readiness?: Readiness,
): Promise<ReviewPlan> {
	const [eligible, cards, today] = await Promise.all([
		eligibleServices(user, catalog, now, readiness),
		getDb().select().from(reviewCards).where(eq(reviewCards.userId, user.id)),
		todayCounts(user.id, now),
	])
	const { dailyLimit, newPerDay } = catalog.rules.review
	const cardOf = new Map(cards.map((c) => [c.serviceCode, c]))
	const due = eligible
		.map((s) => cardOf.get(s.code))
		.filter((c) => c !== undefined && c.due.getTime() <= now.getTime())
		.sort((a, b) => (a?.due.getTime() ?? 0) - (b?.due.getTime() ?? 0))
	// New cards: the longest-held certifications first (the most likely to be forgotten).
	const fresh = eligible
		.filter((s) => !cardOf.has(s.code))
		.sort((a, b) => a.earnedAt.getTime() - b.earnedAt.getTime())
	const capacity = Math.max(0, dailyLimit - today.done)
	const newAllowed = Math.min(fresh.length, Math.max(0, newPerDay - today.introduced))
	const remainingToday = Math.min(capacity, due.length + newAllowed)
	const firstDue = due[0]
	const firstNew = fresh[0]
	const next: ReviewCandidate | null =
		remainingToday === 0
			? null
			: firstDue
				? { serviceCode: firstDue.serviceCode, reps: firstDue.reps, isNew: false }
				: firstNew
					? { serviceCode: firstNew.code, reps: 0, isNew: true }
					: null
	const eligibleCodes = new Set(eligible.map((s) => s.code))
	const upcoming = cards
		.filter((c) => eligibleCodes.has(c.serviceCode) && c.due.getTime() > now.getTime())
		.map((c) => c.due.getTime())
	return {
		eligible: eligible.length,
		doneToday: today.done,
		correctToday: today.correct,
		remainingToday,
		newLeftToday: Math.min(newAllowed, capacity),
		next,
		nextDueAt: next ? null : upcoming.length > 0 ? new Date(Math.min(...upcoming)) : null,
	}
}

function ratingFor(score: number): Grade {
	if (score === 1) return Rating.Good
	return score >= 0.5 ? Rating.Hard : Rating.Again
}

export type CardFields = ReturnType<typeof fromFsrsCard>

/** Grade an answer and schedule the card (a new card when `card` is null). Pure: no database. */
export function reviewOutcome(
	card: CardFields | null,
	item: QuizItem,
	answer: Answer,
	now: Date,
	catalog: Catalog = getCatalog(),
) {
	const grade = gradeItem(item, answer)
	const rating = ratingFor(grade.score)
	const current = card ? toFsrsCard(card) : createEmptyCard(now)
	const next = fromFsrsCard(scheduler(catalog).next(current, now, rating).card)
	// A miss comes back the next day whatever FSRS would wait after a lapse: a clerk who got a
	// service wrong should see it again while the feedback is fresh. Stability stays FSRS's.
	if (rating === Rating.Again) {
		next.due = new Date(now.getTime() + DAY)
		next.scheduledDays = 1
	}
	return { grade, rating, card: next }
}

/**
 * Grade one review and schedule the card. The form carries the card's reps as shown: a second
 * submit of the same form (double click, another tab) finds the review done and returns it.
 */
export async function answerReview(
	input: { user: ReviewUser; serviceCode: string; reps: number; itemId: string; answer: Answer },
	catalog: Catalog = getCatalog(),
	now = new Date(),
): Promise<number> {
	const { user, serviceCode, reps } = input
	const doneBefore = async (db: Queryable) => {
		const [log] = await db
			.select({ id: reviewLogs.id })
			.from(reviewLogs)
			.where(
				and(
					eq(reviewLogs.userId, user.id),
					eq(reviewLogs.serviceCode, serviceCode),
					eq(reviewLogs.repsBefore, reps),
				),
			)
		return log?.id ?? null
	}
	const already = await doneBefore(getDb())
	if (already !== null) return already

	const service = catalog.services.get(serviceCode)
	const item = reviewItem(user.id, serviceCode, reps, catalog)
	if (!service || !item) throw new ReviewError('not-eligible', 409)
	if (item.id !== input.itemId) throw new ReviewError('stale', 409)
	const readiness = await readinessOf(user, catalog, now)
	const eligible = await eligibleServices(user, catalog, now, readiness)
	if (!eligible.some((s) => s.code === serviceCode)) throw new ReviewError('not-eligible', 409)
	const plan = await reviewPlan(user, catalog, now, readiness)
	if (plan.doneToday >= catalog.rules.review.dailyLimit || (reps === 0 && plan.newLeftToday === 0))
		throw new ReviewError('daily-limit', 409)

	return getDb().transaction(async (tx) => {
		if (reps === 0) {
			await tx
				.insert(reviewCards)
				.values({ userId: user.id, serviceCode, ...fromFsrsCard(createEmptyCard(now)) })
				.onConflictDoNothing()
		}
		// The row lock makes a second submit of the same form wait, then find the review done.
		const [card] = await tx
			.select()
			.from(reviewCards)
			.where(and(eq(reviewCards.userId, user.id), eq(reviewCards.serviceCode, serviceCode)))
			.for('update')
		if (!card) throw new ReviewError('stale', 409)
		if (card.reps !== reps) {
			const id = await doneBefore(tx)
			if (id !== null) return id
			throw new ReviewError('stale', 409)
		}
		if (card.reps > 0 && card.due.getTime() > now.getTime()) throw new ReviewError('not-due', 409)
		const { grade, rating, card: next } = reviewOutcome(card, item, input.answer, now, catalog)
		await tx
			.update(reviewCards)
			.set(next)
			.where(and(eq(reviewCards.userId, user.id), eq(reviewCards.serviceCode, serviceCode)))
		const [log] = await tx
			.insert(reviewLogs)
			.values({
				userId: user.id,
				serviceCode,
				repsBefore: reps,
				revision: service.revision,
				itemId: item.id,
				item,
				answer: input.answer,
				score: grade.score,
				correct: grade.correct,
				rating,
				due: next.due,
				scheduledDays: next.scheduledDays,
				reviewedAt: now,
			})
			.returning({ id: reviewLogs.id })
		if (!log) throw new Error('review log not written')
		return log.id
	})
}

/** One review as done, for its feedback page: only the person's own. */
export async function ownReview(userId: string, logId: number) {
	const [row] = await getDb()
		.select()
		.from(reviewLogs)
		.where(and(eq(reviewLogs.id, logId), eq(reviewLogs.userId, userId)))
	if (!row) return null
	const item = quizItemSchema.safeParse(row.item)
	const answer = answerSchema.safeParse(row.answer)
	if (!item.success || !answer.success) return null
	return { row, item: item.data, answer: answer.data }
}

/** A trainer's view of a person's reviews: how many, how many right, over the last days. */
export async function reviewSummary(userId: string, days = 30, now = new Date()) {
	const [row] = await getDb()
		.select({
			reviews: sql<number>`count(*)::int`,
			correct: sql<number>`count(*) filter (where ${reviewLogs.correct})::int`,
			activeDays: sql<number>`count(distinct date_trunc('day', ${reviewLogs.reviewedAt} at time zone 'Asia/Shanghai'))::int`,
		})
		.from(reviewLogs)
		.where(
			and(
				eq(reviewLogs.userId, userId),
				gte(reviewLogs.reviewedAt, new Date(now.getTime() - days * DAY)),
			),
		)
	return {
		days,
		reviews: row?.reviews ?? 0,
		correct: row?.correct ?? 0,
		activeDays: row?.activeDays ?? 0,
	}
}
