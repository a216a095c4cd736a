import { describe, expect, test } from 'vitest'
import { auditBank } from './audit.ts'
import { type QuizItem } from './items.ts'

const base = {
	services: ['XY-SY-001'],
	section: 'intake' as const,
	topic: 'authored' as const,
	feedback: 'f',
	critical: false,
}

/** Single-choice items whose right option is `rightLength` characters long, the others 3, 5, 7. */
function singles(count: number, rightLength: (i: number) => number): Array<QuizItem> {
	return Array.from({ length: count }, (_, i) => ({
		...base,
		id: `s${i}`,
		fact: `s${i}`,
		kind: 'single' as const,
		stem: `问题${i}`,
		options: [
			{ id: 'a', text: '甲'.repeat(rightLength(i)) },
			{ id: 'b', text: '乙'.repeat(3) },
			{ id: 'c', text: '丙'.repeat(5) },
			{ id: 'd', text: '丁'.repeat(7) },
		],
		answer: ['a'],
	}))
}

function audit(items: Array<QuizItem>) {
	return auditBank({
		items,
		pools: new Map([['XY-SY-001', items]]),
		serviceName: () => '失业保险金申领',
		quiz: { size: 8, maxScenarios: 2 },
		minPool: 24,
	})
}

describe('items:audit', () => {
	test('fails a kind whose right option is always the longest', () => {
		const report = audit(singles(40, () => 9))
		expect(report.kinds[0]).toMatchObject({
			kind: 'authored single',
			best: { strategy: 'longest' },
		})
		expect(report.kinds[0]?.best.rate).toBe(1)
		expect(report.failures[0]).toMatch(/authored single: "longest" answers 100\.0%/)
	})

	test('passes a kind where no strategy beats chance by more than 10 points', () => {
		// The right option is longest, shortest or in between in turn: length tells nothing.
		const report = audit(singles(40, (i) => [2, 4, 6, 8][i % 4] ?? 4))
		expect(report.kinds[0]?.gap).toBeLessThanOrEqual(0.1)
		expect(report.failures).toEqual([])
	})

	test('fails a pool smaller than 24, where a retake would repeat the attempt', () => {
		const report = audit(singles(10, (i) => [2, 4, 6, 8][i % 4] ?? 4))
		expect(report.retakes[0]).toMatchObject({ pool: 10 })
		expect(report.failures.join('\n')).toMatch(/fewer than 24 items/)
		expect(report.failures.join('\n')).toMatch(
			/retake right after an attempt can share more than 2/,
		)
	})
})
