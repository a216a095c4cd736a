// The attempt page: one item at a time (works without JavaScript), answers saved per item.
import { redirect } from '@remix-run/node'
import { requireUserSession } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/content/catalog.server.ts'
import {
	AttemptError,
	attemptItems,
	loadOwnAttempt,
	saveAnswer,
	submitAttempt,
} from '#app/modules/quizzes/attempts.server.ts'
import { answerFromForm, itemView } from '#app/modules/quizzes/views.server.ts'

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
	const loaded = await loadOwnAttempt(attemptId, user, session.id).catch((error: unknown) =>
		attemptResponse(error, attemptId),
	)
	const { row, items, answers } = loaded
	if (row.status === 'submitted') throw redirect(`/attempts/${row.id}/result`)
	const param = new URL(request.url).searchParams.get('i')
	const review = param === 'review'
	const requested = param && /^\d{1,3}$/.test(param) ? Number(param) - 1 : row.position
	const index = Math.min(Math.max(0, requested), items.length - 1)
	const item = items[index]
	if (!item) throw new Response('Empty attempt', { status: 409 })
	return {
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
		item: review ? null : itemView(item),
		savedAnswer: review ? null : (answers.get(item.id) ?? null),
		answered: items.map((i) => answers.has(i.id)),
	}
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
	if (!['save-next', 'save-prev', 'save-review'].includes(intent))
		throw new Response('Unknown intent', { status: 400 })
	const items = await attemptItems(attemptId, user.id).catch((error: unknown) =>
		attemptResponse(error, attemptId),
	)
	const itemId = String(form.get('itemId') ?? '')
	const index = items.findIndex((item) => item.id === itemId)
	const item = items[index]
	if (!item) throw new Response('Item not in this attempt', { status: 400 })
	const answer = answerFromForm(item, form)
	if (answer === 'invalid') throw new Response('Malformed answer', { status: 400 })
	const next = intent === 'save-next' ? index + 1 : intent === 'save-prev' ? index - 1 : index
	if (answer) {
		await saveAnswer({
			attemptId,
			user,
			sessionId: session.id,
			itemId,
			answer,
			position: Math.max(0, Math.min(next, items.length - 1)),
		}).catch((error: unknown) => attemptResponse(error, attemptId))
	}
	if (intent === 'save-review' || next >= items.length)
		throw redirect(`/attempts/${attemptId}?i=review`)
	throw redirect(`/attempts/${attemptId}?i=${Math.max(1, next + 1)}`)
}
