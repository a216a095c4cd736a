// The exam room for trainers: exams running at their sites; move one to a new sign-in, add time.
import { data } from '@remix-run/node'
import { z } from 'zod'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import {
	ExamRoomError,
	grantExtraTime,
	listRunningExams,
	moveExamToNewSignIn,
} from '#app/modules/quizzes/exam-room.server.ts'
import { hasControlCharacters } from '#app/utils/schemas.ts'

export async function loadExamRoom(request: Request) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const exams = await listRunningExams(await managedSiteIds(actor))
	return { exams }
}

const attemptId = z.string().regex(/^[0-9a-f-]{36}$/, 'examRoom.error.not-found')

const formSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('move'), attemptId }),
	z.object({
		intent: z.literal('extra-time'),
		attemptId,
		minutes: z.coerce
			.number({ message: 'examRoom.error.minutes' })
			.int('examRoom.error.minutes')
			.min(1, 'examRoom.error.minutes')
			.max(60, 'examRoom.error.minutes'),
		reason: z
			.string()
			.trim()
			.min(2, 'examRoom.error.reason')
			.max(200, 'examRoom.error.reason')
			.refine((value) => !hasControlCharacters(value), 'examRoom.error.reason'),
	}),
])

export type ExamRoomOutcome =
	| { ok: true; intent: 'move' | 'extra-time'; attemptId: string }
	| { ok: false; attemptId: string | null; error: string }

export async function handleExamRoom(request: Request) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const form = Object.fromEntries(await request.formData())
	const parsed = formSchema.safeParse(form)
	const formAttempt = typeof form.attemptId === 'string' ? form.attemptId : null
	if (!parsed.success) {
		const error = parsed.error.issues[0]?.message ?? 'form.invalid'
		return data<ExamRoomOutcome>(
			{
				ok: false,
				attemptId: formAttempt,
				error: error.startsWith('examRoom.') ? error : 'form.invalid',
			},
			{ status: 400 },
		)
	}
	const scope = await managedSiteIds(actor)
	try {
		if (parsed.data.intent === 'move')
			await moveExamToNewSignIn(actor, parsed.data.attemptId, scope)
		else
			await grantExtraTime(
				actor,
				parsed.data.attemptId,
				scope,
				parsed.data.minutes,
				parsed.data.reason,
			)
	} catch (error) {
		if (error instanceof ExamRoomError)
			return data<ExamRoomOutcome>(
				{ ok: false, attemptId: parsed.data.attemptId, error: `examRoom.error.${error.code}` },
				{ status: error.code === 'not-found' ? 404 : 409 },
			)
		throw error
	}
	return data<ExamRoomOutcome>({
		ok: true,
		intent: parsed.data.intent,
		attemptId: parsed.data.attemptId,
	})
}
