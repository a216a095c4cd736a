// Before a service quiz: the rules, the learner's standing (with what changed if outdated), the
// wait after a failed attempt, an attempt to resume, and recent results.
import { requireUser } from '#app/modules/auth/require.server.ts'
import { standingOn } from '#app/modules/certification/certifications.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import {
	activeAttemptOf,
	AttemptError,
	recentAttempts,
	retryAt,
	startServiceAttempt,
} from '#app/modules/quizzes/attempts.server.ts'
import { recertificationOf, startRecertification } from '#app/modules/quizzes/recert.server.ts'

function serviceOr404(code: string | undefined) {
	const service = code ? getCatalog().services.get(code) : undefined
	if (!service || !service.active) throw new Response('Not found', { status: 404 })
	return service
}

export async function loadQuizStart(request: Request, code: string | undefined) {
	const user = await requireUser(request)
	const service = serviceOr404(code)
	const catalog = getCatalog()
	const [standing, wait, active, recent, recert] = await Promise.all([
		standingOn(user.id, service.code, catalog),
		retryAt(user.id, 'service', service.code, catalog.rules.service.retryWaitMinutes),
		activeAttemptOf(user.id, 'service', service.code),
		recentAttempts(user.id, 'service', service.code),
		recertificationOf(user.id, service.code, catalog),
	])
	return {
		service: { code: service.code, name: service.frontmatter.name },
		rules: catalog.rules.service,
		standing: {
			status: standing?.status ?? 'none',
			certification: standing?.certification
				? {
						earnedAt: standing.certification.earnedAt,
						expiresAt: standing.certification.expiresAt,
						revision: standing.certification.revision,
					}
				: null,
			changes: standing?.changes ?? null,
		},
		recertification: recert
			? {
					changeCount: recert.changeCount,
					full: recert.full,
					items: Math.min(catalog.rules.recertification.items, recert.candidates.length),
					fromRevision: recert.fromRevision,
				}
			: null,
		retryAt: wait,
		activeAttemptId: active?.id ?? null,
		recent,
	}
}

export async function startQuiz(
	request: Request,
	code: string | undefined,
): Promise<{ ok: true; attemptId: string } | { ok: false; retryAt: Date }> {
	const user = await requireUser(request)
	const service = serviceOr404(code)
	const form = await request.formData()
	try {
		const attempt =
			form.get('intent') === 'recert'
				? await startRecertification(user, service.code)
				: await startServiceAttempt(user, service.code)
		return { ok: true, attemptId: attempt.id }
	} catch (error) {
		if (error instanceof AttemptError && error.code === 'cooldown' && error.retryAt)
			return { ok: false, retryAt: error.retryAt }
		if (error instanceof AttemptError) throw new Response(error.code, { status: error.status })
		throw error
	}
}
