import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { attemptAnswers, attemptResults, attempts, certifications } from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { readinessOf, standingOn } from '#app/modules/certification/certifications.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	AttemptError,
	forgetCachedItems,
	loadOwnAttempt,
	recordFocusLoss,
	saveAnswer,
	startExamAttempt,
	startServiceAttempt,
	submitAttempt,
} from '#app/modules/quizzes/attempts.server.ts'
import { correctAnswer, type Answer, type QuizItem } from '#app/modules/quizzes/items.ts'
import {
	action as attemptAction,
	loader as attemptLoader,
} from '#app/routes/attempts.$id/route.tsx'
import { loader as resultLoader } from '#app/routes/attempts.$id_.result/route.tsx'
import { action as answersAction } from '#app/routes/attempts.$id_.answers/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import {
	copyFixtureContent,
	editLesson,
	editService,
	loadTestCatalog,
} from '#tests/utils/content.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { certify, wrongAnswer } from '#tests/utils/answers.ts'
import { dataOf, loaderArgs, makeRequest, sessionCookieFor } from '#tests/utils/requests.ts'

const database = setupTestDatabase({ persistent: true })

let root: string
let catalog: Catalog
beforeEach(async () => {
	root = await copyFixtureContent()
	catalog = await loadTestCatalog(root)
})

async function clerk(): Promise<SessionUser> {
	const site = await makeSite({ kind: 'hall' })
	const user = await makeUser({ siteId: site.id })
	return { ...user, role: 'clerk' }
}

async function answerAll(
	attemptId: string,
	user: SessionUser,
	sessionId: string,
	choose: (item: QuizItem) => Answer,
) {
	const { items } = await loadOwnAttempt(attemptId, user, sessionId)
	for (const item of items)
		await saveAnswer({ attemptId, user, sessionId, itemId: item.id, answer: choose(item) })
	return items
}

describe('service quiz', () => {
	test('draws the configured number of items with the materials checklist, and passing certifies on the current revision', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, user, 's')
		expect(items).toHaveLength(catalog.rules.service.quizSize)
		expect(items.filter((i) => i.critical).map((i) => i.topic)).toEqual(['materials'])
		expect(items.some((i) => i.kind === 'scenario')).toBe(true)

		await answerAll(attempt.id, user, 's', correctAnswer)
		const result = await submitAttempt(attempt.id, user, 's')
		expect(result.passed).toBe(true)
		expect(result.percent).toBe(100)
		const standing = await standingOn(user.id, 'XY-SY-001', catalog)
		expect(standing?.status).toBe('valid')
		expect(standing?.certification?.revision).toBe(catalog.services.get('XY-SY-001')?.revision)
		expect(standing?.certification?.attemptId).toBe(attempt.id)
	})

	test('every item right except the critical materials checklist does not pass', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-002', catalog)
		await answerAll(attempt.id, user, 's', (item) =>
			item.critical ? wrongAnswer(item) : correctAnswer(item),
		)
		const result = await submitAttempt(attempt.id, user, 's')
		expect(result.percent).toBeGreaterThanOrEqual(80)
		expect(result.passed).toBe(false)
		expect(await getDb().select().from(certifications)).toHaveLength(0)
	})

	test('after a fail the clerk waits before the next attempt', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SBK-004', catalog)
		await answerAll(attempt.id, user, 's', wrongAnswer)
		expect((await submitAttempt(attempt.id, user, 's')).passed).toBe(false)
		const error = await startServiceAttempt(user, 'XY-SBK-004', catalog).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(AttemptError)
		if (!(error instanceof AttemptError)) return
		expect(error.code).toBe('cooldown')
		const minutes = ((error.retryAt?.getTime() ?? 0) - Date.now()) / 60_000
		expect(minutes).toBeGreaterThan(9)
		expect(minutes).toBeLessThanOrEqual(10.1)
	})

	test('starting twice resumes the same attempt', async () => {
		const user = await clerk()
		const [a, b] = await Promise.all([
			startServiceAttempt(user, 'XY-SY-001', catalog),
			startServiceAttempt(user, 'XY-SY-001', catalog),
		])
		expect(a.id).toBe(b.id)
		expect(await getDb().select().from(attempts)).toHaveLength(1)
	})

	test('unanswered and partly answered items score what they earn', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, user, 's')
		const scenario = items.find((i) => i.kind === 'scenario')
		if (scenario?.kind !== 'scenario') throw new Error('fixture quiz has a scenario')
		const [first] = scenario.decisions
		const right = first?.options.find((o) => o.correct)
		if (!first || !right) throw new Error('scenario has decisions')
		await saveAnswer({
			attemptId: attempt.id,
			user,
			sessionId: 's',
			itemId: scenario.id,
			answer: { kind: 'scenario', decisions: { [first.id]: right.id } },
		})
		const result = await submitAttempt(attempt.id, user, 's')
		const rows = await getDb()
			.select()
			.from(attemptResults)
			.where(eq(attemptResults.attemptId, attempt.id))
		expect(rows).toHaveLength(items.length)
		const scenarioRow = rows.find((r) => r.itemId === scenario.id)
		// One right decision of the right path's three (a branch is met only after a wrong choice).
		const rightPath = scenario.decisions.filter((d) => !d.branch).length
		expect(scenarioRow?.score).toBeCloseTo(1 / rightPath, 2)
		expect(scenarioRow?.correct).toBe(false)
		expect(rows.filter((r) => !r.answered)).toHaveLength(items.length - 1)
		expect(result.percent).toBeCloseTo(Math.round((100 / rightPath / items.length) * 10) / 10, 0)
	})
})

describe('tampering and isolation', () => {
	test('an item not in the attempt, an option not in the item, or a wrong kind is refused and saves nothing', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, user, 's')
		// The materials checklist is in every service quiz.
		const checklist = items.find((i) => i.critical)
		if (!checklist) throw new Error('the materials checklist is drawn')
		const cases: Array<[string, Answer, string]> = [
			['XY-ZH-001.routing', { kind: 'single', choice: 'a' }, 'bad-item'],
			[checklist.id, { kind: 'multiple', choices: ['a', 'zz'] }, 'bad-answer'],
			[checklist.id, { kind: 'truefalse', value: true }, 'bad-answer'],
		]
		for (const [itemId, answer, code] of cases) {
			const error = await saveAnswer({
				attemptId: attempt.id,
				user,
				sessionId: 's',
				itemId,
				answer,
			}).catch((e: unknown) => e)
			expect(error).toMatchObject({ code, status: 400 })
		}
		expect(await getDb().select().from(attemptAnswers)).toHaveLength(0)
	})

	test("another clerk's attempt id is not found, and their answers are neither read nor changed", async () => {
		const owner = await clerk()
		const other = await clerk()
		const attempt = await startServiceAttempt(owner, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, owner, 's')
		const item = items[0]
		if (!item) throw new Error('attempt has items')
		await saveAnswer({
			attemptId: attempt.id,
			user: owner,
			sessionId: 's',
			itemId: item.id,
			answer: correctAnswer(item),
		})

		await expect(loadOwnAttempt(attempt.id, other, 's')).rejects.toMatchObject({
			code: 'not-found',
			status: 404,
		})
		await expect(
			saveAnswer({
				attemptId: attempt.id,
				user: other,
				sessionId: 's',
				itemId: item.id,
				answer: wrongAnswer(item),
			}),
		).rejects.toMatchObject({ status: 404 })
		await expect(submitAttempt(attempt.id, other, 's')).rejects.toMatchObject({ status: 404 })

		const cookie = await sessionCookieFor(other.id)
		const form = new FormData()
		form.set('intent', 'save')
		form.set('itemId', item.id)
		const response = await answersAction(
			loaderArgs(makeRequest(`/attempts/${attempt.id}/answers`, { cookie, form }), {
				id: attempt.id,
			}),
		)
		expect(response.status).toBe(404)
		const [saved] = await getDb().select().from(attemptAnswers)
		expect(saved?.answer).toEqual(correctAnswer(item))
		const [row] = await getDb().select().from(attempts)
		expect(row?.status).toBe('active')
	})

	test('before submission no answer key or feedback is in the page data', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, user, 's')
		const cookie = await sessionCookieFor(user.id)
		const secrets = items.flatMap((item) => [
			item.feedback,
			...(item.kind === 'scenario'
				? [item.outcome, ...item.decisions.flatMap((d) => d.options.map((o) => o.feedback))]
				: []),
		])
		for (let i = 1; i <= items.length + 1; i++) {
			const query = i > items.length ? 'review' : String(i)
			const { value } = await dataOf(() =>
				attemptLoader(
					loaderArgs(makeRequest(`/attempts/${attempt.id}?i=${query}`, { cookie }), {
						id: attempt.id,
					}),
				),
			)
			const json = JSON.stringify(value)
			expect(json).not.toMatch(/"(answer|correct|feedback|outcome|action|unit)"\s*:/)
			for (const secret of secrets) expect(json).not.toContain(secret.slice(0, 20))
		}
	})
})

describe('submission', () => {
	test('two submits at once yield one result and one certification', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		await answerAll(attempt.id, user, 's', correctAnswer)
		const [a, b, c] = await Promise.all([
			submitAttempt(attempt.id, user, 's'),
			submitAttempt(attempt.id, user, 's'),
			submitAttempt(attempt.id, user, 's'),
		])
		expect(
			new Set([a.submittedAt?.getTime(), b.submittedAt?.getTime(), c.submittedAt?.getTime()]).size,
		).toBe(1)
		expect(await getDb().select().from(certifications)).toHaveLength(1)
		const results = await getDb().select().from(attemptResults)
		expect(results).toHaveLength(catalog.rules.service.quizSize)
	})

	test('a submitted attempt and its answers can never be edited', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const items = await answerAll(attempt.id, user, 's', correctAnswer)
		await submitAttempt(attempt.id, user, 's')
		const item = items[0]
		if (!item) throw new Error('attempt has items')
		await expect(
			saveAnswer({
				attemptId: attempt.id,
				user,
				sessionId: 's',
				itemId: item.id,
				answer: wrongAnswer(item),
			}),
		).rejects.toMatchObject({ code: 'submitted' })
		await expect(
			getDb().update(attempts).set({ percent: 0 }).where(eq(attempts.id, attempt.id)),
		).rejects.toThrow()
		await expect(
			getDb()
				.update(attemptAnswers)
				.set({ answer: { kind: 'single', choice: 'x' } }),
		).rejects.toThrow()
		await expect(getDb().delete(certifications)).rejects.toThrow()
		const [row] = await getDb().select().from(attempts)
		expect(row?.percent).toBe(100)
	})

	test('a restart mid-attempt loses no saved answer and resumes at the same item', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, user, 's')
		const [first, second] = items
		if (!first || !second) throw new Error('attempt has items')
		await saveAnswer({
			attemptId: attempt.id,
			user,
			sessionId: 's',
			itemId: first.id,
			answer: correctAnswer(first),
			position: 1,
		})
		await saveAnswer({
			attemptId: attempt.id,
			user,
			sessionId: 's',
			itemId: second.id,
			answer: correctAnswer(second),
			position: 2,
		})

		await database.restart()
		forgetCachedItems()
		catalog = await loadTestCatalog(root)

		const resumed = await loadOwnAttempt(attempt.id, user, 's')
		expect(resumed.row.status).toBe('active')
		expect(resumed.row.position).toBe(2)
		expect(resumed.answers.get(first.id)).toEqual(correctAnswer(first))
		expect(resumed.answers.get(second.id)).toEqual(correctAnswer(second))
		expect(resumed.items.map((i) => i.id)).toEqual(items.map((i) => i.id))
	})
})

describe('the comprehensive exam', () => {
	test('one session only: a second sign-in cannot open or answer it', async () => {
		const user = await clerk()
		const exam = await startExamAttempt(user, 'session-a', catalog)
		expect(exam.deadlineAt).not.toBeNull()
		await expect(startExamAttempt(user, 'session-b', catalog)).rejects.toMatchObject({
			code: 'other-session',
		})
		await expect(loadOwnAttempt(exam.id, user, 'session-b')).rejects.toMatchObject({
			code: 'other-session',
		})
		const { items } = await loadOwnAttempt(exam.id, user, 'session-a')
		const item = items[0]
		if (!item) throw new Error('exam has items')
		await expect(
			saveAnswer({
				attemptId: exam.id,
				user,
				sessionId: 'session-b',
				itemId: item.id,
				answer: correctAnswer(item),
			}),
		).rejects.toMatchObject({
			code: 'other-session',
		})
		expect(await recordFocusLoss(exam.id, user, 'session-a')).toBe(1)
		expect(await recordFocusLoss(exam.id, user, 'session-a')).toBe(2)
	})

	test('ends on the server clock: after the deadline answers are refused and saved ones are graded', async () => {
		const user = await clerk()
		const exam = await startExamAttempt(user, 'session-a', catalog)
		const { items } = await loadOwnAttempt(exam.id, user, 'session-a')
		const [first, second] = items
		if (!first || !second) throw new Error('exam has items')
		await saveAnswer({
			attemptId: exam.id,
			user,
			sessionId: 'session-a',
			itemId: first.id,
			answer: correctAnswer(first),
		})
		// The server's clock passes the deadline (the browser is never asked).
		await getDb()
			.update(attempts)
			.set({ deadlineAt: sql`now() - interval '1 second'` })
			.where(eq(attempts.id, exam.id))
		await expect(
			saveAnswer({
				attemptId: exam.id,
				user,
				sessionId: 'session-a',
				itemId: second.id,
				answer: correctAnswer(second),
			}),
		).rejects.toMatchObject({
			code: 'expired',
		})
		const [row] = await getDb().select().from(attempts).where(eq(attempts.id, exam.id))
		expect(row?.status).toBe('submitted')
		expect(row?.timedOut).toBe(true)
		expect(row?.correctCount).toBe(1)
		expect(await getDb().select().from(attemptAnswers)).toHaveLength(1)
	})

	test('items and options are drawn per person', async () => {
		const a = await clerk()
		const b = await clerk()
		const examA = await startExamAttempt(a, 'sa', catalog)
		const examB = await startExamAttempt(b, 'sb', catalog)
		expect(examA.seed).not.toBe(examB.seed)
		const itemsA = (await loadOwnAttempt(examA.id, a, 'sa')).items
		const itemsB = (await loadOwnAttempt(examB.id, b, 'sb')).items
		expect(itemsA.length).toBe(catalog.rules.exam.items)
		const signature = (items: Array<QuizItem>) =>
			items
				.map((i) => `${i.id}:${'options' in i ? i.options.map((o) => o.id).join('') : ''}`)
				.join('|')
		expect(signature(itemsA)).not.toBe(signature(itemsB))
	})
})

describe('readiness', () => {
	test('flips when a service changes materials, shows the change, and reopens after recertifying', async () => {
		const user = await clerk()
		for (const code of catalog.ordered.map((s) => s.code))
			expect((await certify(user, code, catalog)).passed).toBe(true)
		let readiness = await readinessOf(user, catalog)
		expect(readiness.certified).toBe(readiness.total)
		expect(readiness.ready).toBe(false) // the exam is still missing

		const exam = await startExamAttempt(user, 'sx', catalog)
		await answerAll(exam.id, user, 'sx', correctAnswer)
		expect((await submitAttempt(exam.id, user, 'sx')).passed).toBe(true)
		expect((await readinessOf(user, catalog)).ready).toBe(true)

		await editService(root, 'XY-SY-001', (f) => ({
			...f,
			materials: [...f.materials, { name: '失业登记承诺书', form: '表格' }],
		}))
		catalog = await loadTestCatalog(root)
		readiness = await readinessOf(user, catalog)
		expect(readiness.ready).toBe(false)
		expect(readiness.services.find((s) => s.code === 'XY-SY-001')?.status).toBe('outdated')
		const standing = await standingOn(user.id, 'XY-SY-001', catalog)
		expect(standing?.changes).toEqual(['材料新增：失业登记承诺书（表格）'])

		expect((await certify(user, 'XY-SY-001', catalog)).passed).toBe(true)
		expect((await readinessOf(user, catalog)).ready).toBe(true)
	})

	test('a prose-only edit changes no revision and keeps everyone certified', async () => {
		const user = await clerk()
		await certify(user, 'XY-SBK-005', catalog)
		const before = catalog.services.get('XY-SBK-005')?.revision
		await editLesson(root, 'XY-SBK-005', ({ frontmatter, body }) => ({
			frontmatter: { ...frontmatter, confidence: 'low' },
			body: body.replace(
				'测试课程。',
				'测试课程：临时挂失后须在规定天数内到窗口办理正式挂失，否则自动解挂。',
			),
		}))
		catalog = await loadTestCatalog(root)
		expect(catalog.services.get('XY-SBK-005')?.revision).toBe(before)
		expect((await standingOn(user.id, 'XY-SBK-005', catalog))?.status).toBe('valid')
	})
})

describe('only knowledge answers: retakes differ, ids say nothing, decisions are final', () => {
	async function fail(user: SessionUser, code: string) {
		const attempt = await startServiceAttempt(user, code, catalog)
		const items = await answerAll(attempt.id, user, 's', wrongAnswer)
		const result = await submitAttempt(attempt.id, user, 's')
		expect(result.passed).toBe(false)
		return items
	}

	test('a retake right after a failure shares at most 2 items with the failed attempt', async () => {
		catalog.rules.service.retryWaitMinutes = 0
		for (let round = 0; round < 5; round++) {
			const user = await clerk()
			const failed = new Set((await fail(user, 'XY-SY-001')).map((item) => item.id))
			const retake = await startServiceAttempt(user, 'XY-SY-001', catalog)
			const { items } = await loadOwnAttempt(retake.id, user, 's')
			expect(items).toHaveLength(catalog.rules.service.quizSize)
			expect(items.filter((item) => failed.has(item.id)).length).toBeLessThanOrEqual(2)
			// No two items of one attempt test the same fact.
			expect(new Set(items.map((item) => item.fact)).size).toBe(items.length)
		}
	})

	test('the page carries no bank ids, and a colleague’s right answers score nothing in a new attempt', async () => {
		const first = await clerk()
		const attempt = await startServiceAttempt(first, 'XY-SY-001', catalog)
		await answerAll(attempt.id, first, 's', correctAnswer)
		await submitAttempt(attempt.id, first, 's')
		const firstCookie = await sessionCookieFor(first.id)
		const result = await dataOf(() =>
			resultLoader(
				loaderArgs(makeRequest(`/attempts/${attempt.id}/result`, { cookie: firstCookie }), {
					id: attempt.id,
				}),
			),
		)
		expect(result.value.attempt.passed).toBe(true)

		// A colleague reads that result page and posts its right option ids into a new attempt.
		const second = await clerk()
		const cookie = await sessionCookieFor(second.id)
		const copy = await startServiceAttempt(second, 'XY-SY-001', catalog)
		const total = catalog.rules.service.quizSize
		let saved = 0
		for (let i = 1; i <= total; i++) {
			const page = await dataOf(() =>
				attemptLoader(
					loaderArgs(makeRequest(`/attempts/${copy.id}?i=${i}`, { cookie }), { id: copy.id }),
				),
			)
			expect(JSON.stringify(page.value)).not.toMatch(/XY-SY-001\.|"answer"|"correct"/)
			const item = page.value.otherSession ? null : page.value.item
			if (!item) continue
			const known = result.value.items.find((r) => r.stemHtml === item.stemHtml)
			if (!known) continue
			const right = known.options.filter((o) => o.right).map((o) => o.id)
			const form: Record<string, string | Array<string>> = { intent: 'save', itemId: item.id }
			if (item.kind === 'single') form.choice = right[0] ?? ''
			else if (item.kind === 'multiple') form.choices = right
			else continue
			const response = await answersAction(
				loaderArgs(makeRequest(`/attempts/${copy.id}/answers`, { cookie, form }), { id: copy.id }),
			)
			if (response.ok) saved++
		}
		expect(saved).toBe(0)
		const graded = await submitAttempt(copy.id, second, 's')
		expect(graded.percent).toBe(0)
		expect(
			await getDb().select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, copy.id)),
		).toHaveLength(0)
	})

	test('a scenario decision cannot be changed once made; the next one follows from it', async () => {
		const user = await clerk()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, user, 's')
		const scenario = items.find((item) => item.kind === 'scenario')
		if (scenario?.kind !== 'scenario') throw new Error('the scenario is drawn')
		const [first] = scenario.decisions
		const toBranch = first?.options.find((o) => o.next && o.next !== 'end')
		if (!first || !toBranch) throw new Error('the fixture scenario branches at its first decision')
		const save = (decisions: Record<string, string>) =>
			saveAnswer({
				attemptId: attempt.id,
				user,
				sessionId: 's',
				itemId: scenario.id,
				answer: { kind: 'scenario', decisions },
			})
		await save({ [first.id]: toBranch.id })
		const right = first.options.find((o) => o.correct)?.id ?? ''
		await expect(save({ [first.id]: right })).rejects.toMatchObject({ code: 'decided' })
		// A decision off the path this choice led to is refused too.
		const mainLine = scenario.decisions.find((d, i) => i > 0 && !d.branch)
		await expect(
			save({ [mainLine?.id ?? '']: mainLine?.options[0]?.id ?? '' }),
		).rejects.toMatchObject({
			code: 'bad-answer',
		})
		const branch = scenario.decisions.find((d) => d.id === toBranch.next)
		await save({ [branch?.id ?? '']: branch?.options.find((o) => o.correct)?.id ?? '' })
		const [row] = await getDb()
			.select()
			.from(attemptAnswers)
			.where(eq(attemptAnswers.itemId, scenario.id))
		expect(row?.answer).toEqual({
			kind: 'scenario',
			decisions: {
				[first.id]: toBranch.id,
				[branch?.id ?? '']: branch?.options.find((o) => o.correct)?.id,
			},
		})
	})

	test('an order with gaps saves as partial; moving on stays with a message; a repeated step saves nothing', async () => {
		const user = await clerk()
		const cookie = await sessionCookieFor(user.id)
		const attempt = await startServiceAttempt(user, 'XY-SBK-005', catalog)
		let index = 0
		let page = await dataOf(() =>
			attemptLoader(
				loaderArgs(makeRequest(`/attempts/${attempt.id}?i=1`, { cookie }), { id: attempt.id }),
			),
		)
		for (
			let i = 1;
			(page.value.otherSession ? null : page.value.item)?.kind !== 'order' &&
			i <= catalog.rules.service.quizSize;
			i++
		) {
			index = i
			page = await dataOf(() =>
				attemptLoader(
					loaderArgs(makeRequest(`/attempts/${attempt.id}?i=${i + 1}`, { cookie }), {
						id: attempt.id,
					}),
				),
			)
		}
		const item = page.value.otherSession ? null : page.value.item
		if (item?.kind !== 'order') throw new Error('the order item is drawn')
		const [a, b] = item.options.map((o) => o.id)
		const post = (sequence: Array<string>) =>
			dataOf(() =>
				attemptAction(
					loaderArgs(
						makeRequest(`/attempts/${attempt.id}?i=${index + 1}`, {
							cookie,
							form: { intent: 'save-next', itemId: item.id, sequence },
						}),
						{ id: attempt.id },
					),
				),
			)
		const repeated = await post([a ?? '', a ?? '', '', ''])
		expect(repeated).toMatchObject({ status: 400, value: { problem: 'repeated-step' } })
		expect(await getDb().select().from(attemptAnswers)).toHaveLength(0)
		const partial = await post([b ?? '', '', '', ''])
		expect(partial).toMatchObject({ status: 400, value: { problem: 'order-incomplete' } })
		const [row] = await getDb().select().from(attemptAnswers)
		expect(row?.answer).toMatchObject({ kind: 'order', sequence: [expect.any(String), '', '', ''] })
	})
})
