// The attempt page: one item at a time (works without JavaScript), answers saved per item.
import { data, redirect } from '@remix-run/node'
import { requireUserSession } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import {
	AttemptError,
	attemptPageItems,
	flaggedIds,
	loadOwnAttempt,
	saveAnswer,
	setItemFlag,
	submitAttempt,
} from '#app/modules/quizzes/attempts.server.ts'
import { bankAnswer, disguisedAnswer } from '#app/modules/quizzes/disguise.server.ts'
import { answerFromForm, itemView, unfinished } from '#app/modules/quizzes/views.server.ts'

export function attemptResponse(error: unknown, attemptId: string): never {
	if (error instanceof AttemptError) {
		if (error.code === 'submitted' || error.code === 'expired')
			throw redirect(`/attempts/${attemptId}/result`)
		throw new Response(error.code, { status: error.status })
	}
	throw error
}

export function attemptTitle(kind: 'service' | 'exam', serviceCode: string | null): string {
	if (kind === 'exam') return '综合窗口上岗考试'
	return getCatalog().services.get(serviceCode ?? '')?.frontmatter.name ?? serviceCode ?? ''
}

export async function loadAttemptPage(request: Request, attemptId: string) {
	const { user, session } = await requireUserSession(request)
	let loaded
	try {
		loaded = await loadOwnAttempt(attemptId, user, session.id)
	} catch (error) {
		// Another sign-in's exam: a page that says what happened and what to do (status 409).
		if (error instanceof AttemptError && error.code === 'other-session')
			return data({ otherSession: true as const, attemptId }, { status: 409 })
		attemptResponse(error, attemptId)
	}
	const { row, items, answers } = loaded
	const flagged = new Set(flaggedIds(row.flagged))
	if (row.status === 'submitted') throw redirect(`/attempts/${row.id}/result`)
	const { disguised } = await attemptPageItems(row.id, user.id)
	const param = new URL(request.url).searchParams.get('i')
	const review = param === 'review'
	const requested = param && /^\d{1,3}$/.test(param) ? Number(param) - 1 : row.position
	const index = Math.min(Math.max(0, requested), items.length - 1)
	const item = items[index]
	const shown = disguised[index]
	if (!item || !shown) throw new Response('Empty attempt', { status: 409 })
	const saved = answers.get(item.id)
	const savedAnswer = saved ? disguisedAnswer(shown, saved) : null
	return {
		otherSession: false as const,
		attempt: {
			id: row.id,
			kind: row.kind,
			title: attemptTitle(row.kind, row.serviceCode),
			serviceCode: row.serviceCode,
			total: items.length,
			deadlineAt: row.deadlineAt,
			serverNow: new Date(),
		},
		review,
		index,
		item: review ? null : itemView(shown, savedAnswer),
		savedAnswer: review ? null : savedAnswer,
		/** The item's answer is started but not finished (an order with gaps, a story mid-way). */
		unfinished: review ? null : unfinished(item, saved ?? null),
		answered: items.map((i) => answers.has(i.id)),
		flagged: items.map((i) => flagged.has(i.id)),
	}
}

/** Why a form could not be taken: the page shows it on the item, in the learner's language. */
export type AttemptFormProblem =
	'repeated-step' | 'order-incomplete' | 'choose-option' | 'decided' | 'malformed'

function problem(code: AttemptFormProblem) {
	return data({ problem: code }, { status: 400 })
}

export async function handleAttemptForm(request: Request, attemptId: string) {
	const { user, session } = await requireUserSession(request)
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')
	if (intent === 'submit') {
		await submitAttempt(attemptId, user, session.id).catch((error: unknown) =>
			attemptResponse(error, attemptId),
		)
		throw redirect(`/attempts/${attemptId}/result`)
	}
	if (!['save-next', 'save-prev', 'save-review', 'decide', 'flag', 'unflag'].includes(intent))
		return problem('malformed')
	const { items, disguised } = await attemptPageItems(attemptId, user.id).catch((error: unknown) =>
		attemptResponse(error, attemptId),
	)
	const itemRef = String(form.get('itemId') ?? '')
	const index = disguised.findIndex((shown) => shown.ref === itemRef)
	const item = items[index]
	const shown = disguised[index]
	// A stale page (another attempt's item) or a tampered form: nothing is saved.
	if (!item || !shown) return problem('malformed')
	const parsed = answerFromForm(shown, form)
	if ('problem' in parsed) return problem(parsed.problem)
	const answer = parsed.answer ? bankAnswer(shown, parsed.answer) : null
	if (parsed.answer && !answer) return problem('malformed')
	if (intent === 'decide' && !answer) return problem('choose-option')
	const next = intent === 'save-next' ? index + 1 : intent === 'save-prev' ? index - 1 : index
	// Flagging a scenario saves nothing: its decisions are saved one by one when confirmed.
	if (answer && !((intent === 'flag' || intent === 'unflag') && item.kind === 'scenario')) {
		try {
			await saveAnswer({
				attemptId,
				user,
				sessionId: session.id,
				itemId: item.id,
				answer,
				position: Math.max(0, Math.min(intent === 'decide' ? index : next, items.length - 1)),
			})
		} catch (error) {
			if (error instanceof AttemptError && error.code === 'decided') return problem('decided')
			if (error instanceof AttemptError && error.code === 'bad-answer') return problem('malformed')
			attemptResponse(error, attemptId)
		}
	}
	if (intent === 'flag' || intent === 'unflag') {
		await setItemFlag({
			attemptId,
			user,
			sessionId: session.id,
			itemId: item.id,
			flagged: intent === 'flag',
		}).catch((error: unknown) => attemptResponse(error, attemptId))
		throw redirect(`/attempts/${attemptId}?i=${index + 1}`)
	}
	// A scenario's decision: back to the same item, which now shows what the choice led to.
	if (intent === 'decide') throw redirect(`/attempts/${attemptId}?i=${index + 1}`)
	// Moving on from an order with gaps: stay, and say what is missing (what was placed is saved).
	if (intent === 'save-next' && answer && unfinished(item, answer) === 'order')
		return problem('order-incomplete')
	if (intent === 'save-review' || next >= items.length)
		throw redirect(`/attempts/${attemptId}?i=review`)
	throw redirect(`/attempts/${attemptId}?i=${Math.max(1, next + 1)}`)
}
