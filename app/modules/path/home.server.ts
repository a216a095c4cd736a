// The facts a clerk's home page needs, gathered once: standing per service (from the
// certification module), the core order, the cohort's goal and a running exam.
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { readinessOf } from '#app/modules/certification/certifications.server.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { activeAttemptOf } from '#app/modules/quizzes/attempts.server.ts'
import { coreServiceOrder } from './core.server.ts'
import { goalOfCohort } from './goals.server.ts'
import { clerkPath } from './path.ts'

export async function clerkHome(
	user: Pick<SessionUser, 'id' | 'siteId' | 'cohortId'>,
	catalog: Catalog = getCatalog(),
	now = new Date(),
) {
	const [readiness, coreOrder, goal, exam] = await Promise.all([
		readinessOf(user, catalog, now),
		coreServiceOrder(catalog),
		goalOfCohort(user.cohortId),
		activeAttemptOf(user.id, 'exam', null),
	])
	const path = clerkPath({
		services: readiness.services.map((s) => {
			const service = catalog.services.get(s.code)
			return {
				code: s.code,
				name: service?.frontmatter.name ?? s.code,
				category: service?.frontmatter.category ?? '',
				status: s.status,
				expiresAt: s.certification?.expiresAt ?? null,
			}
		}),
		coreOrder,
		categories: catalog.categories.map((c) => c.name),
		goal,
		now,
	})
	return {
		...path,
		ready: readiness.ready,
		exam: { status: readiness.exam.status },
		runningExam:
			exam && exam.deadlineAt && exam.deadlineAt > now
				? { id: exam.id, deadlineAt: exam.deadlineAt }
				: null,
	}
}
