import { describe, expect, test } from 'vitest'
import { itemStatistics, pointBiserial, type Response } from './item-analysis.ts'

// Six attempts of three items each. Hand computation for item Q1:
//   rest scores (total minus Q1) for attempts 1..6: 2, 2, 1, 1, 0, 1
//   right on Q1: attempts 1, 2, 3, 4 → M1 = (2+2+1+1)/4 = 1.5;  wrong: 5, 6 → M0 = (0+1)/2 = 0.5
//   mean of rest = 7/6; population SD = sqrt(((5/6)²·2 + (1/6)²·3 + (7/6)²) / 6) = sqrt(17/36)/... see below
//   Σ(x−x̄)² = 2·(25/36) + 3·(1/36) + 49/36 = 102/36 → SD = sqrt(102/216) = 0.687184
//   p = 4/6 → r = (1.5 − 0.5) / 0.687184 · sqrt(4/6 · 2/6) = 1.455214 · 0.471405 = 0.685994
const table: Array<[string, [number, number, number]]> = [
	['a1', [1, 1, 1]],
	['a2', [1, 1, 1]],
	['a3', [1, 1, 0]],
	['a4', [1, 0, 1]],
	['a5', [0, 0, 0]],
	['a6', [0, 1, 0]],
]
const responses: Array<Response> = table.flatMap(([attemptId, scores]) =>
	scores.map((score, i) => ({
		attemptId,
		itemId: `Q${i + 1}`,
		correct: score === 1,
		score,
		chosen: score === 1 ? ['b'] : i === 0 && attemptId === 'a5' ? ['c'] : ['a'],
	})),
)

describe('item analysis', () => {
	test('point-biserial against the rest score matches the hand computation', () => {
		const [q1] = itemStatistics(responses, () => new Set(['b']))
		expect(q1?.responses).toBe(6)
		expect(q1?.difficulty).toBeCloseTo(4 / 6, 6)
		expect(q1?.discrimination).toBeCloseTo(0.685994, 5)
	})

	test('the most chosen wrong option is counted among wrong answers only', () => {
		const stats = itemStatistics(responses, () => new Set(['b']))
		expect(stats.find((s) => s.itemId === 'Q1')?.topWrongChoice).toEqual({ choice: 'a', count: 1 })
		expect(stats.find((s) => s.itemId === 'Q3')?.topWrongChoice).toEqual({ choice: 'a', count: 3 })
	})

	test('items too hard or not discriminating are flagged; undefined correlations are null', () => {
		expect(
			pointBiserial([
				{ correct: true, rest: 1 },
				{ correct: true, rest: 2 },
			]),
		).toBeNull()
		const hard: Array<Response> = Array.from({ length: 10 }, (_, i) => ({
			attemptId: `h${i}`,
			itemId: 'H',
			correct: i < 2,
			score: i < 2 ? 1 : 0,
			chosen: ['x'],
		}))
		expect(itemStatistics(hard, () => new Set(['y']))[0]?.flagged).toBe(true)
		const [q1] = itemStatistics(responses, () => new Set(['b']))
		expect(q1?.flagged).toBe(false)
	})
})
