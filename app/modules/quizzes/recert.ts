// 变更重新认证: after a procedure change, a short quiz on the changed fields alone, or the full
// quiz when the change is large (rules in certification.yml). Pure: tested beside this file.
import { describeChanges, type RevisionChange } from '#app/modules/content/revision.ts'
import { type NormativeKey } from '#app/modules/content/schema.ts'
import { shuffleOptions } from './draw.ts'
import { type QuizItem } from './items.ts'
import { seededRandom, shuffle } from './random.ts'

export type RecertificationRules = {
	maxChanges: number
	fullQuizFields: ReadonlyArray<NormativeKey>
	items: number
}

export type RecertificationPlan = {
	/** How many changes the clerk must learn ("需重新认证（变更 N 项）"). */
	changeCount: number
	fields: Array<NormativeKey>
	/** Why the full quiz is asked, or null when the short quiz will do. */
	full: null | 'many-changes' | 'key-field' | 'few-items' | 'expired'
	/** Items that test the changed fields (only when `full` is null). */
	candidates: Array<QuizItem>
}

export function planRecertification(input: {
	changes: ReadonlyArray<RevisionChange>
	pool: ReadonlyArray<QuizItem>
	rules: RecertificationRules
}): RecertificationPlan {
	const fields = [...new Set(input.changes.map((c) => c.field))]
	const changeCount = describeChanges([...input.changes]).length
	const candidates = input.pool.filter(
		(item) => item.fields !== undefined && item.fields.some((f) => fields.includes(f)),
	)
	const full =
		changeCount > input.rules.maxChanges
			? ('many-changes' as const)
			: fields.some((f) => input.rules.fullQuizFields.includes(f))
				? ('key-field' as const)
				: candidates.length < 3
					? ('few-items' as const)
					: null
	return { changeCount, fields, full, candidates: full ? [] : candidates }
}

/** The short quiz: up to `size` items on the changed fields, in a seeded order. */
export function drawRecertification(
	candidates: ReadonlyArray<QuizItem>,
	size: number,
	seed: string,
): Array<QuizItem> {
	const random = seededRandom(seed)
	return shuffle(candidates, random)
		.slice(0, size)
		.map((item) => shuffleOptions(item, random))
}
