// Autosave and 切屏 counting for the attempt page when JavaScript runs. Answers JSON.
import { requireUserSession } from '#app/modules/auth/require.server.ts'
import {
	AttemptError,
	attemptPageItems,
	recordFocusLoss,
	saveAnswer,
} from '#app/modules/quizzes/attempts.server.ts'
import { bankAnswer } from '#app/modules/quizzes/disguise.server.ts'
import { answerFromForm, unfinished } from '#app/modules/quizzes/views.server.ts'

/** The JSON endpoint the page uses with JavaScript: save on change, count focus losses. */
export async function handleAttemptApi(request: Request, attemptId: string): Promise<Response> {
	const { user, session } = await requireUserSession(request)
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')
	try {
		if (intent === 'focus-loss') {
			const focusLosses = await recordFocusLoss(attemptId, user, session.id)
			return Response.json({ ok: focusLosses !== null, focusLosses })
		}
		if (intent !== 'save') return Response.json({ ok: false, error: 'bad-intent' }, { status: 400 })
		const { items, disguised } = await attemptPageItems(attemptId, user.id)
		const itemRef = String(form.get('itemId') ?? '')
		const index = disguised.findIndex((shown) => shown.ref === itemRef)
		const item = items[index]
		const shown = disguised[index]
		if (!item || !shown) return Response.json({ ok: false, error: 'bad-item' }, { status: 400 })
		const parsed = answerFromForm(shown, form)
		// A repeated step is the learner's slip, not a fault: say so, save nothing.
		if ('problem' in parsed)
			return Response.json({ ok: false, error: parsed.problem }, { status: 422 })
		if (parsed.answer === null) return Response.json({ ok: true, savedAt: null })
		const answer = bankAnswer(shown, parsed.answer)
		if (!answer) return Response.json({ ok: false, error: 'bad-answer' }, { status: 400 })
		const { savedAt } = await saveAnswer({
			attemptId,
			user,
			sessionId: session.id,
			itemId: item.id,
			answer,
			position: index,
		})
		return Response.json({ ok: true, savedAt, partial: unfinished(item, answer) === 'order' })
	} catch (error) {
		if (error instanceof AttemptError)
			return Response.json({ ok: false, error: error.code }, { status: error.status })
		throw error
	}
}
