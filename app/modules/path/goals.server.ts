// Cohort goals: set by a trainer, read by the cohort's clerks on their home page.
import { eq, sql } from 'drizzle-orm'
import { cohortGoals, cohorts } from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { type CohortGoal } from './path.ts'

export async function goalOfCohort(cohortId: number | null): Promise<CohortGoal | null> {
	if (cohortId === null) return null
	const [goal] = await getDb()
		.select({ name: cohortGoals.name, coreBy: cohortGoals.coreBy, allBy: cohortGoals.allBy })
		.from(cohortGoals)
		.where(eq(cohortGoals.cohortId, cohortId))
	return goal ?? null
}

/** Active cohorts with their goal, if any. */
export async function listCohortGoals() {
	return getDb()
		.select({
			id: cohorts.id,
			cohort: cohorts.name,
			name: cohortGoals.name,
			coreBy: cohortGoals.coreBy,
			allBy: cohortGoals.allBy,
		})
		.from(cohorts)
		.leftJoin(cohortGoals, eq(cohortGoals.cohortId, cohorts.id))
		.where(eq(cohorts.active, true))
		.orderBy(cohorts.name)
}

/** Set (or replace) a cohort's goal. False when the cohort does not exist or is inactive. */
export async function setCohortGoal(
	actor: SessionUser,
	cohortId: number,
	goal: CohortGoal,
): Promise<boolean> {
	const [cohort] = await getDb()
		.select({ id: cohorts.id })
		.from(cohorts)
		.where(eq(cohorts.id, cohortId))
	if (!cohort) return false
	await getDb()
		.insert(cohortGoals)
		.values({ cohortId, ...goal, setBy: actor.id })
		.onConflictDoUpdate({
			target: cohortGoals.cohortId,
			set: { ...goal, setBy: actor.id, updatedAt: sql`now()` },
		})
	return true
}
