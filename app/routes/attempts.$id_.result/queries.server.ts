// The result of a submitted attempt: the learner's own, or, for a trainer or admin, one of the
// people they manage. Keys and feedback are shown only here, after submission.
import { redirect } from '@remix-run/node'
import { forbidden, requireUserSession } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { certificationsOf } from '#app/modules/certification/certifications.server.ts'
import { inScope, managedSiteIds, siteOfUser } from '#app/modules/people/people.server.ts'
import {
	AttemptError,
	loadAttemptForReview,
	loadOwnAttempt,
	retryAt,
} from '#app/modules/quizzes/attempts.server.ts'
import { itemReview } from '#app/modules/quizzes/views.server.ts'

function attemptTitle(kind: 'service' | 'exam', serviceCode: string | null) {
	if (kind === 'exam') return '综合窗口上岗考试'
	return getCatalog().services.get(serviceCode ?? '')?.frontmatter.name ?? serviceCode ?? ''
}

export async function loadResult(request: Request, attemptId: string) {
	const { user, session } = await requireUserSession(request)
	let loaded = await loadAttemptForReview(attemptId)
	if (!loaded) throw new Response('Not found', { status: 404 })
	const own = loaded.row.userId === user.id
	if (own) {
		// Settles an exam whose time ran out.
		loaded = await loadOwnAttempt(attemptId, user, session.id).catch((error: unknown) => {
			if (error instanceof AttemptError) throw new Response(error.code, { status: error.status })
			throw error
		})
	} else {
		if (user.role === 'clerk') throw new Response('Not found', { status: 404 })
		const ownerSite = await siteOfUser(loaded.row.userId)
		if (ownerSite === null || !inScope(await managedSiteIds(user), ownerSite)) forbidden()
	}
	const { row, items, answers } = loaded
	if (row.status !== 'submitted') {
		if (own) throw redirect(`/attempts/${row.id}`)
		throw new Response('Attempt in progress', { status: 409 })
	}
	const catalog = getCatalog()
	const certs = row.passed
		? (await certificationsOf(row.userId))[row.kind === 'exam' ? 'exam' : 'service'].find(
				(c) => c.attemptId === row.id,
			)
		: undefined
	const wait =
		own && !row.passed
			? await retryAt(
					row.userId,
					row.kind,
					row.serviceCode,
					row.kind === 'exam'
						? catalog.rules.exam.retryWaitMinutes
						: catalog.rules.service.retryWaitMinutes,
				)
			: null
	return {
		own,
		attempt: {
			id: row.id,
			kind: row.kind,
			title: attemptTitle(row.kind, row.serviceCode),
			serviceCode: row.serviceCode,
			percent: row.percent ?? 0,
			correctCount: row.correctCount ?? 0,
			total: row.total ?? items.length,
			passed: row.passed ?? false,
			timedOut: row.timedOut,
			focusLosses: row.focusLosses,
			startedAt: row.startedAt,
			submittedAt: row.submittedAt,
			criticalMissed: Array.isArray(row.criticalMissed) ? row.criticalMissed.length : 0,
		},
		passPercent:
			row.kind === 'exam' ? catalog.rules.exam.passPercent : catalog.rules.service.passPercent,
		certification: certs ? { expiresAt: certs.expiresAt } : null,
		retryAt: wait,
		items: items.map((item) => itemReview(item, answers.get(item.id))),
	}
}
