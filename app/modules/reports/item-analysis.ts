// Classical item analysis: difficulty (share answering right) and discrimination (point-biserial
// correlation between getting the item right and the rest of the attempt's score), plus the
// wrong option chosen most. Pure: the numbers are checked against a hand-computed example.

export type Response = {
	attemptId: string
	itemId: string
	correct: boolean
	score: number
	/** Option ids (or "decision:option" for scenarios) the learner chose. */
	chosen: Array<string> | null
}

export type ItemStatistics = {
	itemId: string
	responses: number
	/** Difficulty index p: share of responses that were right (higher is easier). */
	difficulty: number
	/** Point-biserial of item correctness against the rest score; null when undefined. */
	discrimination: number | null
	/** The wrong choice made most often, with how many made it. */
	topWrongChoice: { choice: string; count: number } | null
	/** Bottom band: too hard (p < 0.3) or not telling strong and weak learners apart (r < 0.2). */
	flagged: boolean
}

export const flagThresholds = { difficulty: 0.3, discrimination: 0.2, minResponses: 5 } as const

export function pointBiserial(pairs: Array<{ correct: boolean; rest: number }>): number | null {
	const n = pairs.length
	if (n < 2) return null
	const right = pairs.filter((p) => p.correct)
	const wrong = pairs.filter((p) => !p.correct)
	if (right.length === 0 || wrong.length === 0) return null
	const mean = pairs.reduce((s, p) => s + p.rest, 0) / n
	const sd = Math.sqrt(pairs.reduce((s, p) => s + (p.rest - mean) ** 2, 0) / n)
	if (sd === 0) return null
	const m1 = right.reduce((s, p) => s + p.rest, 0) / right.length
	const m0 = wrong.reduce((s, p) => s + p.rest, 0) / wrong.length
	const p = right.length / n
	return ((m1 - m0) / sd) * Math.sqrt(p * (1 - p))
}

export function itemStatistics(
	responses: Array<Response>,
	rightChoices: (itemId: string) => Set<string>,
): Array<ItemStatistics> {
	const attemptTotals = new Map<string, number>()
	for (const r of responses)
		attemptTotals.set(r.attemptId, (attemptTotals.get(r.attemptId) ?? 0) + r.score)
	const byItem = new Map<string, Array<Response>>()
	for (const r of responses) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r])
	return [...byItem.entries()].map(([itemId, rows]) => {
		const difficulty = rows.filter((r) => r.correct).length / rows.length
		const discrimination = pointBiserial(
			rows.map((r) => ({
				correct: r.correct,
				rest: (attemptTotals.get(r.attemptId) ?? 0) - r.score,
			})),
		)
		const right = rightChoices(itemId)
		const wrongCounts = new Map<string, number>()
		for (const r of rows) {
			if (r.correct) continue
			for (const choice of r.chosen ?? [])
				if (!right.has(choice)) wrongCounts.set(choice, (wrongCounts.get(choice) ?? 0) + 1)
		}
		const [top] = [...wrongCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		const enough = rows.length >= flagThresholds.minResponses
		return {
			itemId,
			responses: rows.length,
			difficulty,
			discrimination,
			topWrongChoice: top ? { choice: top[0], count: top[1] } : null,
			flagged:
				enough &&
				(difficulty < flagThresholds.difficulty ||
					(discrimination !== null && discrimination < flagThresholds.discrimination)),
		}
	})
}
