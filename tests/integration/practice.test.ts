import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { isExamReserved, pageItem, practicePool } from '#app/modules/practice/practice.server.ts'
import { correctAnswer, type QuizItem } from '#app/modules/quizzes/items.ts'
import { action as cohortsAction } from '#app/routes/cohorts/route.tsx'
import { loader as homeLoader } from '#app/routes/_index/route.tsx'
import { action as notebookAction, loader as notebookLoader } from '#app/routes/notebook/route.tsx'
import { action as practiceAction, loader as practiceLoader } from '#app/routes/practice/route.tsx'
import { makeCohort, makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { answerFields, certify, wrongAnswer } from '#tests/utils/answers.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import {
	dataOf,
	loaderArgs,
	makeRequest,
	responseOf,
	sessionCookieFor,
} from '#tests/utils/requests.ts'
import {
	loadOwnAttempt,
	saveAnswer,
	startServiceAttempt,
	submitAttempt,
} from '#app/modules/quizzes/attempts.server.ts'

setupTestDatabase({ persistent: true })

let catalog: Catalog
let root: string
beforeEach(async () => {
	root = await copyFixtureContent()
	// The hall's core list: the second unemployment service first.
	await writeFile(
		path.join(root, 'core-services.yml'),
		'categories: []\nservices:\n  失业保险:\n    - XY-SY-002\n    - XY-SY-001\n',
	)
	catalog = await loadTestCatalog(root)
})

async function person(cohortId: number | null = null) {
	const site = await makeSite({ kind: 'hall', offersAllServices: true })
	const row = await makeUser({ siteId: site.id, cohortId })
	const user: SessionUser = { ...row, role: 'clerk' }
	return { user, cookie: await sessionCookieFor(user.id) }
}

/** The right answer to the item a practice or notebook page shows, as the browser would post it. */
async function rightForm(
	userId: string,
	candidates: ReadonlyArray<QuizItem>,
	shown: { nonce: string; item: { id: string } },
	mode: 'right' | 'wrong' = 'right',
) {
	for (const item of candidates) {
		const disguised = await pageItem(userId, item, shown.nonce)
		if (disguised.ref !== shown.item.id) continue
		const answer = mode === 'right' ? correctAnswer(disguised) : wrongAnswer(disguised)
		return { ...answerFields(answer), nonce: shown.nonce, itemId: shown.item.id }
	}
	throw new Error('the shown item is not among the candidates')
}

describe('practice', () => {
	test('draws from the service’s bank without exam-reserved items or scenarios', () => {
		const all = catalog.bank.byService.get('XY-SY-001') ?? []
		const pool = practicePool({ kind: 'service', code: 'XY-SY-001' }, catalog)
		expect(pool.length).toBeGreaterThan(0)
		expect(pool.length).toBeLessThan(all.length)
		expect(pool.some((item) => isExamReserved(item.id) || item.kind === 'scenario')).toBe(false)
		expect(all.some((id) => isExamReserved(id))).toBe(true)
	})

	test('the page carries no key; the answer gets the rule back, with no score and no wait', async () => {
		const { user, cookie } = await person()
		const url = '/practice?service=XY-SY-001'
		for (let round = 0; round < 3; round++) {
			const page = await dataOf(() => practiceLoader(loaderArgs(makeRequest(url, { cookie }))))
			const shown = page.value.current
			if (!shown) throw new Error('practice shows an item')
			const json = JSON.stringify(page.value)
			expect(json).not.toMatch(/"answer"|"correct"|"feedback"|XY-SY-001\./)
			const pool = practicePool({ kind: 'service', code: 'XY-SY-001' }, catalog)
			const form = await rightForm(user.id, pool, shown, round === 1 ? 'wrong' : 'right')
			const answered = await dataOf(() =>
				practiceAction(loaderArgs(makeRequest(url, { cookie, form }))),
			)
			if (!answered.value.ok) throw new Error('graded')
			expect(answered.value.review.correct).toBe(round !== 1)
			expect(answered.value.review.feedbackHtml.length).toBeGreaterThan(0)
		}
		// A forged item id or nonce is refused with a message, and nothing is graded.
		const forged = await dataOf(() =>
			practiceAction(
				loaderArgs(
					makeRequest(url, {
						cookie,
						form: { nonce: 'x'.repeat(16), itemId: 'kforged', value: 'true' },
					}),
				),
			),
		)
		expect(forged.status).toBe(400)
		expect(forged.value).toMatchObject({ ok: false, error: 'stale' })
	})

	test('a category practises its services; an unknown scope is a 404', async () => {
		const { cookie } = await person()
		const category = catalog.services.get('XY-SY-001')?.frontmatter.category ?? ''
		const page = await dataOf(() =>
			practiceLoader(
				loaderArgs(makeRequest(`/practice?category=${encodeURIComponent(category)}`, { cookie })),
			),
		)
		expect(page.value.current).not.toBeNull()
		for (const query of ['service=XY-NO-999', 'category=nothing', 'service=<x>', ''])
			expect(
				(
					await responseOf(() =>
						practiceLoader(loaderArgs(makeRequest(`/practice?${query}`, { cookie }))),
					)
				).status,
			).toBe(404)
	})
})

describe('错题本', () => {
	test('a wrong quiz answer is kept until answered right in the notebook', async () => {
		const { user, cookie } = await person()
		const attempt = await startServiceAttempt(user, 'XY-SY-001', catalog)
		const { items } = await loadOwnAttempt(attempt.id, user, 'none')
		for (const item of items)
			await saveAnswer({
				attemptId: attempt.id,
				user,
				sessionId: 'none',
				itemId: item.id,
				answer: item.kind === 'scenario' ? correctAnswer(item) : wrongAnswer(item),
			})
		await submitAttempt(attempt.id, user, 'none')
		const wrong = items.filter((item) => item.kind !== 'scenario')

		let page = await dataOf(() => notebookLoader(loaderArgs(makeRequest('/notebook', { cookie }))))
		expect(page.value.entries.length).toBe(new Set(wrong.map((i) => i.id)).size)
		expect(JSON.stringify(page.value)).not.toMatch(/"answer"|"correct"|XY-SY-001\./)
		const shown = page.value.current
		if (!shown) throw new Error('the notebook shows an item')
		const form = await rightForm(user.id, wrong, shown)
		const answered = await dataOf(() =>
			notebookAction(loaderArgs(makeRequest('/notebook', { cookie, form }))),
		)
		expect(answered.value).toMatchObject({ ok: true })
		page = await dataOf(() => notebookLoader(loaderArgs(makeRequest('/notebook', { cookie }))))
		expect(page.value.entries.length).toBe(new Set(wrong.map((i) => i.id)).size - 1)
	})
})

describe('a clerk’s home', () => {
	test('core services first in the listed order, the cohort goal with what is left', async () => {
		const cohort = await makeCohort({ name: '2026年第3期新员工班' })
		const trainerSite = await makeSite()
		const trainer = await makeUser({ siteId: trainerSite.id, role: 'trainer' })
		const trainerCookie = await sessionCookieFor(trainer.id)
		const refused = await dataOf(() =>
			cohortsAction(
				loaderArgs(
					makeRequest('/cohorts', {
						cookie: trainerCookie,
						form: {
							cohortId: String(cohort.id),
							name: '第3期',
							coreBy: '2026-12-31',
							allBy: '2026-02-30',
						},
					}),
				),
			),
		)
		expect(refused.status).toBe(400)
		await dataOf(() =>
			cohortsAction(
				loaderArgs(
					makeRequest('/cohorts', {
						cookie: trainerCookie,
						form: {
							cohortId: String(cohort.id),
							name: '第3期',
							coreBy: '2099-09-30',
							allBy: '2099-12-31',
						},
					}),
				),
			),
		)
		const { user, cookie } = await person(cohort.id)
		let home = await dataOf(() => homeLoader(loaderArgs(makeRequest('/', { cookie }))))
		expect(home.value.next.slice(0, 2).map((s) => s.code)).toEqual(['XY-SY-002', 'XY-SY-001'])
		expect(home.value.goal).toMatchObject({ name: '第3期', coreBy: '2099-09-30', coreLeft: 2 })
		await certify(user, 'XY-SY-002', catalog)
		home = await dataOf(() => homeLoader(loaderArgs(makeRequest('/', { cookie }))))
		expect(home.value.next[0]?.code).toBe('XY-SY-001')
		expect(home.value.goal?.coreLeft).toBe(1)
		expect(home.value.core).toEqual({ total: 2, certified: 1 })
		// A clerk cannot set goals; other roles are sent to their own home.
		const clerkTry = await responseOf(() =>
			cohortsAction(
				loaderArgs(
					makeRequest('/cohorts', {
						cookie,
						form: {
							cohortId: String(cohort.id),
							name: 'x',
							coreBy: '2099-01-01',
							allBy: '2099-01-02',
						},
					}),
				),
			),
		)
		expect(clerkTry.status).toBe(403)
		const trainerHome = await responseOf(() =>
			homeLoader(loaderArgs(makeRequest('/', { cookie: trainerCookie }))),
		)
		expect(trainerHome.headers.get('Location')).toBe('/board')
	})
})
