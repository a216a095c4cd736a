// 我的认证: progress towards the general counter, by category, and what to do next.
import { requireUser } from '#app/modules/auth/require.server.ts'
import { changesSince, readinessOf } from '#app/modules/certification/certifications.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { studiedByService } from '#app/modules/content/progress.server.ts'
import { activeAttemptOf } from '#app/modules/quizzes/attempts.server.ts'
import { reviewPlan } from '#app/modules/review/review.server.ts'

export async function loadMyCertifications(request: Request) {
	const user = await requireUser(request)
	const catalog = getCatalog()
	const [readiness, studied, runningExam] = await Promise.all([
		readinessOf(user, catalog),
		studiedByService(user.id),
		activeAttemptOf(user.id, 'exam', null),
	])
	const review = await reviewPlan(user, catalog, new Date(), readiness)
	const entry = (code: string) => {
		const service = catalog.services.get(code)
		return {
			code,
			name: service?.frontmatter.name ?? code,
			category: service?.frontmatter.category ?? '',
		}
	}
	const byCategory = catalog.categories
		.map((c) => {
			const inCategory = readiness.services.filter(
				(s) => catalog.services.get(s.code)?.frontmatter.category === c.name,
			)
			return {
				name: c.name,
				total: inCategory.length,
				certified: inCategory.filter((s) => s.status === 'valid' || s.status === 'expiring').length,
			}
		})
		.filter((c) => c.total > 0)
	const pick = (status: string) => readiness.services.filter((s) => s.status === status)
	const outdated = await Promise.all(
		pick('outdated').map(async (s) => ({
			...entry(s.code),
			changes: s.certification
				? ((await changesSince(s.code, s.certification.revision, catalog)) ?? [])
				: [],
		})),
	)
	return {
		ready: readiness.ready,
		reviewsLeftToday: review.remainingToday,
		certified: readiness.certified,
		total: readiness.total,
		exam: {
			status: readiness.exam.status,
			expiresAt: readiness.exam.certification?.expiresAt ?? null,
		},
		/** The exam in progress, if any (the page links back to it instead of "去考试"). */
		runningExam:
			runningExam && runningExam.deadlineAt && runningExam.deadlineAt > new Date()
				? { id: runningExam.id, deadlineAt: runningExam.deadlineAt }
				: null,
		byCategory,
		expiring: pick('expiring').map((s) => ({
			...entry(s.code),
			expiresAt: s.certification?.expiresAt ?? null,
		})),
		outdated,
		expired: pick('expired').map((s) => ({
			...entry(s.code),
			expiresAt: s.certification?.expiresAt ?? null,
		})),
		missing: pick('none').map((s) => ({ ...entry(s.code), studied: studied.has(s.code) })),
	}
}
