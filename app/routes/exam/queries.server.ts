// The comprehensive counter exam: rules, standing, the wait after a fail, and starting it bound
// to this sign-in session (a second sign-in cannot open a running exam).
import { requireUserSession } from '#app/modules/auth/require.server.ts'
import { readinessOf } from '#app/modules/certification/certifications.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import {
	activeAttemptOf,
	AttemptError,
	recentAttempts,
	retryAt,
	startExamAttempt,
} from '#app/modules/quizzes/attempts.server.ts'

export async function loadExamPage(request: Request) {
	const { user, session } = await requireUserSession(request)
	const catalog = getCatalog()
	const [readiness, wait, active, recent] = await Promise.all([
		readinessOf(user, catalog),
		retryAt(user.id, 'exam', null, catalog.rules.exam.retryWaitMinutes),
		activeAttemptOf(user.id, 'exam', null),
		recentAttempts(user.id, 'exam', null),
	])
	const running = active
	return {
		rules: catalog.rules.exam,
		exam: {
			status: readiness.exam.status,
			expiresAt: readiness.exam.certification?.expiresAt ?? null,
		},
		certified: readiness.certified,
		total: readiness.total,
		retryAt: wait,
		running: running
			? { id: running.id, here: running.sessionId === session.id, deadlineAt: running.deadlineAt }
			: null,
		recent,
	}
}

export async function startExam(
	request: Request,
): Promise<
	| { ok: true; attemptId: string }
	| { ok: false; error: 'cooldown' | 'other-session'; retryAt: Date | null }
> {
	const { user, session } = await requireUserSession(request)
	try {
		const attempt = await startExamAttempt(user, session.id)
		return { ok: true, attemptId: attempt.id }
	} catch (error) {
		if (
			error instanceof AttemptError &&
			(error.code === 'cooldown' || error.code === 'other-session')
		) {
			return { ok: false, error: error.code, retryAt: error.retryAt }
		}
		if (error instanceof AttemptError) throw new Response(error.code, { status: error.status })
		throw error
	}
}
