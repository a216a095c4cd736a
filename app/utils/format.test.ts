import { describe, expect, test } from 'vitest'
import { formatDate, formatDateTime } from './format.ts'

describe('dates a reader sees', () => {
	const day = new Date('2026-12-04T02:30:00Z') // 10:30 in the hall

	test('English spells the month, so 4 December is never read as 12 April', () => {
		expect(formatDate(day, 'en')).toBe('4 Dec 2026')
		expect(formatDateTime(day, 'en')).toBe('4 Dec 2026, 10:30')
	})

	test('Chinese keeps year/month/day in the hall’s time zone', () => {
		expect(formatDate(day, 'zh')).toBe('2026/12/04')
		expect(formatDate(new Date('2026-12-04T17:00:00Z'), 'zh')).toBe('2026/12/05')
	})
})
