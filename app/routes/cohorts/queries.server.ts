// Cohort goals: a trainer names a goal and two dates per cohort; the cohort's clerks see it.
import { data } from '@remix-run/node'
import { z } from 'zod'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { listCohortGoals, setCohortGoal } from '#app/modules/path/goals.server.ts'
import { databaseId, hasControlCharacters, isoDate } from '#app/utils/schemas.ts'

export async function loadCohortGoals(request: Request) {
	await requireRole(request, ['trainer', 'admin'])
	return { cohorts: await listCohortGoals() }
}

const goalSchema = z
	.object({
		cohortId: databaseId,
		name: z
			.string()
			.trim()
			.min(1, 'goals.error.name')
			.max(60, 'goals.error.name')
			.refine((value) => !hasControlCharacters(value), 'goals.error.name'),
		coreBy: isoDate,
		allBy: isoDate,
	})
	.refine((goal) => goal.coreBy <= goal.allBy, { message: 'goals.error.order', path: ['allBy'] })

export async function saveCohortGoal(request: Request) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const form = Object.fromEntries(await request.formData())
	const parsed = goalSchema.safeParse(form)
	const cohortId = typeof form.cohortId === 'string' ? form.cohortId : ''
	if (!parsed.success) {
		const message = parsed.error.issues[0]?.message ?? 'form.invalid'
		return data(
			{
				ok: false as const,
				cohortId,
				error: message.startsWith('goals.') ? message : 'goals.error.date',
			},
			{ status: 400 },
		)
	}
	const { cohortId: id, ...goal } = parsed.data
	if (!(await setCohortGoal(actor, id, goal))) throw new Response('Not found', { status: 404 })
	return data({ ok: true as const, cohortId, error: null })
}
