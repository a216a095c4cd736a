// Autosave and 切屏 counting for the attempt page when JavaScript runs. Answers JSON.
import { requireUserSession } from '#app/modules/auth/require.server.ts'
import {
	AttemptError,
	attemptItems,
	recordFocusLoss,
	saveAnswer,
} from '#app/modules/quizzes/attempts.server.ts'
import { answerFromForm } from '#app/modules/quizzes/views.server.ts'

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
		const items = await attemptItems(attemptId, user.id)
		const itemId = String(form.get('itemId') ?? '')
		const index = items.findIndex((i) => i.id === itemId)
		const item = items[index]
		if (!item) return Response.json({ ok: false, error: 'bad-item' }, { status: 400 })
		const answer = answerFromForm(item, form)
		if (answer === 'invalid')
			return Response.json({ ok: false, error: 'bad-answer' }, { status: 400 })
		if (answer === null) return Response.json({ ok: true, savedAt: null })
		const { savedAt } = await saveAnswer({
			attemptId,
			user,
			sessionId: session.id,
			itemId,
			answer,
			position: index,
		})
		return Response.json({ ok: true, savedAt })
	} catch (error) {
		if (error instanceof AttemptError)
			return Response.json({ ok: false, error: error.code }, { status: error.status })
		throw error
	}
}
