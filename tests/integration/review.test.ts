import { eq, sql } from 'drizzle-orm'
import { writeFile, readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { reviewCards, reviewLogs } from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { correctAnswer } from '#app/modules/quizzes/items.ts'
import {
	answerReview,
	reviewItem,
	reviewPlan,
	ReviewError,
} from '#app/modules/review/review.server.ts'
import { loader as personLoader } from '#app/routes/board.people.$id/route.tsx'
import { action as reviewAction, loader as reviewLoader } from '#app/routes/review/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { copyFixtureContent, editService, loadTestCatalog } from '#tests/utils/content.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { answerFields, certify, reviewShown, wrongAnswer } from '#tests/utils/answers.ts'
import {
	dataOf,
	loaderArgs,
	makeRequest,
	responseOf,
	sessionCookieFor,
} from '#tests/utils/requests.ts'

setupTestDatabase()

const DAY = 86_400_000
let root: string
let catalog: Catalog
beforeEach(async () => {
	root = await copyFixtureContent()
	catalog = await loadTestCatalog(root)
})

async function clerk(): Promise<SessionUser & { cookie: string }> {
	const site = await makeSite({ kind: 'hall' })
	const user = await makeUser({ siteId: site.id })
	return { ...user, role: 'clerk', cookie: await sessionCookieFor(user.id) }
}

async function reviewPage(cookie: string, query = '') {
	return (await dataOf(() => reviewLoader(loaderArgs(makeRequest(`/review${query}`, { cookie })))))
		.value
}

async function submitReview(
	user: { cookie: string },
	fields: {
		serviceCode: string
		reps: number
		itemId: string
		[field: string]: string | number | Array<string>
	},
) {
	const { serviceCode, reps, itemId, ...answer } = fields
	return responseOf(() =>
		reviewAction(
			loaderArgs(
				makeRequest('/review', {
					cookie: user.cookie,
					form: { serviceCode, reps: String(reps), itemId, ...answer },
				}),
			),
		),
	)
}

describe('daily review', () => {
	test('a clerk with no certification has nothing to review', async () => {
		const user = await clerk()
		const page = await reviewPage(user.cookie)
		expect(page.plan.eligible).toBe(0)
		expect(page.current).toBeNull()
	})

	test('a certified service comes up without its key; a right answer brings it back days later, a wrong one the next day', async () => {
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		await certify(user, 'XY-SBK-004', catalog)
		const page = await reviewPage(user.cookie)
		expect(page.plan).toMatchObject({ eligible: 2, doneToday: 0, remainingToday: 2 })
		const current = page.current
		if (!current) throw new Error('expected an item to review')
		expect(current.isNew).toBe(true)
		// The shown item carries no key: no answer, no "correct" flags, no feedback.
		const shown = JSON.stringify(current.item)
		expect(shown).not.toMatch(/"answer"|"correct"|"feedback"/)

		const item = await reviewShown(user.id, current.service.code, current.reps, catalog)
		if (!item) throw new Error('no item')
		const right = await submitReview(user, {
			serviceCode: current.service.code,
			reps: current.reps,
			itemId: item.ref ?? '',
			...answerFields(correctAnswer(item)),
		})
		expect(right.status).toBe(302)
		const doneUrl = right.headers.get('Location') ?? ''
		expect(doneUrl).toMatch(/^\/review\?done=\d+$/)
		const feedback = (await reviewPage(user.cookie, doneUrl.slice('/review'.length))).feedback
		expect(feedback?.review.correct).toBe(true)
		expect(feedback?.scheduledDays).toBeGreaterThanOrEqual(2)

		const second = (await reviewPage(user.cookie)).current
		if (!second) throw new Error('expected the second service')
		expect(second.service.code).not.toBe(current.service.code)
		const secondItem = await reviewShown(user.id, second.service.code, second.reps, catalog)
		if (!secondItem) throw new Error('no item')
		const wrong = await submitReview(user, {
			serviceCode: second.service.code,
			reps: 0,
			itemId: secondItem.ref ?? '',
			...answerFields(wrongAnswer(secondItem)),
		})
		const wrongFeedback = (
			await reviewPage(user.cookie, (wrong.headers.get('Location') ?? '').slice('/review'.length))
		).feedback
		expect(wrongFeedback?.review.correct).toBe(false)
		expect(wrongFeedback?.scheduledDays).toBe(1)
		expect(wrongFeedback?.scheduledDays).toBeLessThan(feedback?.scheduledDays ?? 0)

		const after = await reviewPage(user.cookie)
		expect(after.plan).toMatchObject({ doneToday: 2, correctToday: 1, remainingToday: 0 })
		expect(after.current).toBeNull()
		expect(after.plan.nextDueAt).not.toBeNull()
	})

	test('a due card comes back with the next item of its service, and its interval grows when answered right again', async () => {
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		const now = new Date()
		const first = reviewItem(user.id, 'XY-SY-001', 0, catalog)
		if (!first) throw new Error('no item')
		await answerReview(
			{ user, serviceCode: 'XY-SY-001', reps: 0, itemId: first.id, answer: correctAnswer(first) },
			catalog,
			now,
		)
		const [card] = await getDb().select().from(reviewCards).where(eq(reviewCards.userId, user.id))
		if (!card) throw new Error('no card')
		expect(card.reps).toBe(1)

		// Not yet due: nothing to do, and a forged early answer is refused.
		expect((await reviewPlan(user, catalog, now)).next).toBeNull()
		const second = reviewItem(user.id, 'XY-SY-001', 1, catalog)
		if (!second) throw new Error('no item')
		expect(second.id).not.toBe(first.id)
		await expect(
			answerReview(
				{
					user,
					serviceCode: 'XY-SY-001',
					reps: 1,
					itemId: second.id,
					answer: correctAnswer(second),
				},
				catalog,
				now,
			),
		).rejects.toMatchObject({ code: 'not-due' })

		const later = new Date(card.due.getTime() + 60_000)
		expect((await reviewPlan(user, catalog, later)).next).toMatchObject({
			serviceCode: 'XY-SY-001',
			reps: 1,
			isNew: false,
		})
		await answerReview(
			{ user, serviceCode: 'XY-SY-001', reps: 1, itemId: second.id, answer: correctAnswer(second) },
			catalog,
			later,
		)
		const [again] = await getDb().select().from(reviewCards).where(eq(reviewCards.userId, user.id))
		if (!again) throw new Error('no card')
		expect(again.scheduledDays).toBeGreaterThan(card.scheduledDays)

		// A lapse on a well-known service still brings it back the next day.
		const third = reviewItem(user.id, 'XY-SY-001', 2, catalog)
		if (!third) throw new Error('no item')
		const lapseAt = new Date(again.due.getTime() + 60_000)
		await answerReview(
			{ user, serviceCode: 'XY-SY-001', reps: 2, itemId: third.id, answer: wrongAnswer(third) },
			catalog,
			lapseAt,
		)
		const [lapsed] = await getDb().select().from(reviewCards).where(eq(reviewCards.userId, user.id))
		expect(lapsed?.scheduledDays).toBe(1)
		expect(lapsed?.due.getTime()).toBe(lapseAt.getTime() + DAY)
		expect(lapsed?.lapses).toBe(1)
	})

	test('submitting the same review twice (double click, another tab) counts once', async () => {
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		const item = await reviewShown(user.id, 'XY-SY-001', 0, catalog)
		if (!item) throw new Error('no item')
		const form = {
			serviceCode: 'XY-SY-001',
			reps: 0,
			itemId: item.ref ?? '',
			...answerFields(correctAnswer(item)),
		}
		const [a, b] = await Promise.all([submitReview(user, form), submitReview(user, form)])
		expect(a.headers.get('Location')).toBe(b.headers.get('Location'))
		const again = await submitReview(user, form)
		expect(again.headers.get('Location')).toBe(a.headers.get('Location'))
		expect(await getDb().select().from(reviewLogs)).toHaveLength(1)
		expect((await reviewPage(user.cookie)).plan.doneToday).toBe(1)

		// The trainer's view of the person counts it once too.
		const trainer = await makeUser({ role: 'trainer', siteId: user.siteId })
		const asTrainer = await dataOf(async () =>
			personLoader(
				loaderArgs(
					makeRequest(`/board/people/${user.id}`, { cookie: await sessionCookieFor(trainer.id) }),
					{
						id: user.id,
					},
				),
			),
		)
		expect(asTrainer.value.reviews).toMatchObject({ reviews: 1, correct: 1, activeDays: 1 })
	})

	test('another clerk cannot open someone else’s review, and bad forms change nothing', async () => {
		const user = await clerk()
		const other = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		const item = await reviewShown(user.id, 'XY-SY-001', 0, catalog)
		if (!item) throw new Error('no item')
		const done = await submitReview(user, {
			serviceCode: 'XY-SY-001',
			reps: 0,
			itemId: item.ref ?? '',
			...answerFields(correctAnswer(item)),
		})
		const query = (done.headers.get('Location') ?? '').slice('/review'.length)
		const stolen = await responseOf(() =>
			reviewLoader(loaderArgs(makeRequest(`/review${query}`, { cookie: other.cookie }))),
		)
		expect(stolen.status).toBe(404)
		expect(
			(
				await responseOf(() =>
					reviewLoader(loaderArgs(makeRequest('/review?done=abc', { cookie: user.cookie }))),
				)
			).status,
		).toBe(404)

		const malformed = await submitReview(user, { serviceCode: '../etc', reps: 0, itemId: 'x' })
		expect(malformed.status).toBe(400)
		const next = await reviewShown(user.id, 'XY-SY-001', 1, catalog)
		const empty = await dataOf(() =>
			reviewAction(
				loaderArgs(
					makeRequest('/review', {
						cookie: user.cookie,
						form: { serviceCode: 'XY-SY-001', reps: '1', itemId: next?.ref ?? '' },
					}),
				),
			),
		)
		expect(empty.status).toBe(400)
		expect(empty.value).toEqual({ error: 'review.chooseAnswer' })
		// Someone else's service card cannot be answered by a clerk who is not certified on it.
		const otherItem = await reviewShown(other.id, 'XY-SY-001', 0, catalog)
		if (!otherItem) throw new Error('no item')
		const notMine = await submitReview(other, {
			serviceCode: 'XY-SY-001',
			reps: 0,
			itemId: otherItem.ref ?? '',
			...answerFields(correctAnswer(otherItem)),
		})
		expect(notMine.headers.get('Location')).toBe('/review?notice=not-eligible')
		expect(await getDb().select().from(reviewLogs)).toHaveLength(1)
		await expect(getDb().update(reviewLogs).set({ correct: false })).rejects.toThrow()
	})

	test('a service whose procedure changed leaves the queue: it needs its quiz again, not a review', async () => {
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		expect((await reviewPlan(user, catalog)).eligible).toBe(1)
		await editService(root, 'XY-SY-001', (f) => ({ ...f, steps: [...f.steps, '回访确认'] }))
		catalog = await loadTestCatalog(root)
		const plan = await reviewPlan(user, catalog)
		expect(plan).toMatchObject({ eligible: 0, next: null })
		const item = await reviewShown(user.id, 'XY-SY-001', 0, catalog)
		if (!item) throw new Error('no item')
		const refused = await submitReview(user, {
			serviceCode: 'XY-SY-001',
			reps: 0,
			itemId: item.ref ?? '',
			...answerFields(correctAnswer(item)),
		})
		expect(refused.headers.get('Location')).toBe('/review?notice=not-eligible')
		expect(
			await getDb()
				.select({ n: sql<number>`count(*)::int` })
				.from(reviewLogs),
		).toEqual([{ n: 0 }])
	})

	test('new services enter review at most newPerDay a day, as certification.yml says', async () => {
		const file = path.join(root, 'certification.yml')
		await writeFile(
			file,
			`${await readFile(file, 'utf8')}review:\n  dailyLimit: 5\n  newPerDay: 1\n`,
		)
		catalog = await loadTestCatalog(root)
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		await certify(user, 'XY-SBK-004', catalog)
		const now = new Date()
		const plan = await reviewPlan(user, catalog, now)
		expect(plan).toMatchObject({ eligible: 2, remainingToday: 1 })
		const next = plan.next
		if (!next) throw new Error('expected one')
		const item = reviewItem(user.id, next.serviceCode, 0, catalog)
		if (!item) throw new Error('no item')
		await answerReview(
			{
				user,
				serviceCode: next.serviceCode,
				reps: 0,
				itemId: item.id,
				answer: correctAnswer(item),
			},
			catalog,
			now,
		)
		expect(await reviewPlan(user, catalog, now)).toMatchObject({ remainingToday: 0, next: null })
		const other = next.serviceCode === 'XY-SY-001' ? 'XY-SBK-004' : 'XY-SY-001'
		const otherItem = reviewItem(user.id, other, 0, catalog)
		if (!otherItem) throw new Error('no item')
		await expect(
			answerReview(
				{
					user,
					serviceCode: other,
					reps: 0,
					itemId: otherItem.id,
					answer: correctAnswer(otherItem),
				},
				catalog,
				now,
			),
		).rejects.toBeInstanceOf(ReviewError)
		// Tomorrow the other service's turn comes.
		expect((await reviewPlan(user, catalog, new Date(now.getTime() + DAY))).next).toMatchObject({
			serviceCode: other,
			isNew: true,
		})
	})
})
