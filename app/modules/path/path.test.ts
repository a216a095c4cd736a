import { describe, expect, test } from 'vitest'
import { clerkPath, daysUntil, type PathService } from './path.ts'

const now = new Date('2026-10-01T02:00:00Z') // 10:00 in the hall
const day = 86_400_000

function service(
	code: string,
	category: string,
	status: PathService['status'],
	expiresInDays?: number,
) {
	return {
		code,
		name: `事项${code}`,
		category,
		status,
		expiresAt: expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * day),
	}
}

describe('a clerk’s path', () => {
	const services = [
		service('A-1', '就业创业', 'none'),
		service('A-2', '就业创业', 'valid', 200),
		service('B-1', '社会保险', 'none'),
		service('B-2', '社会保险', 'expiring', 6),
		service('B-3', '社会保险', 'valid', 25),
		service('C-1', '劳动关系', 'expired'),
	]

	test('core services come first, most frequent first, then the rest in catalogue order', () => {
		const path = clerkPath({
			services,
			coreOrder: ['C-1', 'B-1', 'X-9'],
			categories: ['就业创业', '社会保险', '劳动关系'],
			goal: null,
			now,
		})
		expect(path.next.map((s) => s.code)).toEqual(['C-1', 'B-1', 'A-1'])
		expect(path.next[0]?.core).toBe(true)
		expect(path.next[2]?.core).toBe(false)
		expect(path.core).toEqual({ total: 2, certified: 0 })
		expect(path.all).toEqual({ total: 6, certified: 3 })
		expect(path.byCategory).toEqual([
			{ name: '就业创业', total: 2, certified: 1 },
			{ name: '社会保险', total: 3, certified: 2 },
			{ name: '劳动关系', total: 1, certified: 0 },
		])
	})

	test('reminders 30 days before a lapse, urgent at 7, soonest first', () => {
		const path = clerkPath({ services, coreOrder: [], categories: [], goal: null, now })
		expect(path.reminders.map((r) => [r.code, r.days, r.urgent])).toEqual([
			['B-2', 6, true],
			['B-3', 25, false],
		])
	})

	test('a cohort goal says what is left and how many days remain', () => {
		const path = clerkPath({
			services,
			coreOrder: ['B-2', 'B-1'],
			categories: [],
			goal: { name: '2026年第3期', coreBy: '2026-10-31', allBy: '2026-12-31' },
			now,
		})
		expect(path.goal).toMatchObject({ coreLeft: 1, allLeft: 3, coreDays: 30, allDays: 91 })
	})

	test('days are counted in the hall’s calendar', () => {
		// 23:30 UTC is already the next morning in Shanghai.
		expect(daysUntil('2026-10-03', new Date('2026-10-01T23:30:00Z'))).toBe(1)
		expect(daysUntil('2026-09-30', now)).toBe(-1)
	})
})
