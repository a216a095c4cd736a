// Answering quiz items in tests: a fully wrong answer of the right shape, the form fields a
// browser sends for an answer, and certifying someone by passing a service quiz.
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	loadOwnAttempt,
	saveAnswer,
	startServiceAttempt,
	submitAttempt,
} from '#app/modules/quizzes/attempts.server.ts'
import { disguiseItem, reviewKey } from '#app/modules/quizzes/disguise.server.ts'
import {
	correctAnswer,
	scenarioPath,
	type Answer,
	type QuizItem,
} from '#app/modules/quizzes/items.ts'
import { reviewItem } from '#app/modules/review/review.server.ts'

/** Wrong in every part: another choice, the other choices, the reverse order, wrong decisions. */
export function wrongAnswer(item: QuizItem): Answer {
	switch (item.kind) {
		case 'single':
			return {
				kind: 'single',
				choice: item.options.find((o) => !item.answer.includes(o.id))?.id ?? '',
			}
		case 'multiple':
			return {
				kind: 'multiple',
				choices: item.options.filter((o) => !item.answer.includes(o.id)).map((o) => o.id),
			}
		case 'truefalse':
			return { kind: 'truefalse', value: !item.answer }
		case 'order':
			return { kind: 'order', sequence: [...item.answer].reverse() }
		case 'scenario': {
			// Along the path the wrong choices lead to, a wrong choice at every decision.
			const decisions: Record<string, string> = {}
			for (;;) {
				const path = scenarioPath(item, decisions)
				const open = path.steps.find((step) => step.option === null)
				const wrong = open?.decision.options.find((o) => !o.correct)
				if (path.ended || !open || !wrong) break
				decisions[open.decision.id] = wrong.id
			}
			return { kind: 'scenario', decisions }
		}
	}
}

/** The daily review item as the page shows it: opaque ids, keyed for this person and review. */
export async function reviewShown(userId: string, code: string, reps: number, catalog: Catalog) {
	const item = reviewItem(userId, code, reps, catalog)
	return item ? disguiseItem(item, await reviewKey(userId, code, reps)) : null
}

/** The form fields a browser sends for an answer (as the item's inputs name them). */
export function answerFields(answer: Answer): Record<string, string | Array<string>> {
	switch (answer.kind) {
		case 'single':
			return { choice: answer.choice }
		case 'multiple':
			return { choices: answer.choices }
		case 'truefalse':
			return { value: String(answer.value) }
		case 'order':
			return { sequence: answer.sequence }
		case 'scenario':
			return Object.fromEntries(
				Object.entries(answer.decisions).map(([d, o]) => [`decision.${d}`, o]),
			)
	}
}

/** Pass a service quiz with every answer right: a certification on the current revision. */
export async function certify(user: SessionUser, code: string, catalog: Catalog) {
	const attempt = await startServiceAttempt(user, code, catalog)
	const { items } = await loadOwnAttempt(attempt.id, user, 's')
	for (const item of items)
		await saveAnswer({
			attemptId: attempt.id,
			user,
			sessionId: 's',
			itemId: item.id,
			answer: correctAnswer(item),
		})
	return submitAttempt(attempt.id, user, 's')
}
