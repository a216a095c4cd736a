// The comprehensive exam on the board: 有效, 未参加 (never sat it), 未通过 (the last attempt
// failed) or 已过期 (passed once, the certification has lapsed). Pure: shared by the board row and
// the person page.
export const examOutcomes = ['valid', 'absent', 'failed', 'expired'] as const
export type ExamOutcome = (typeof examOutcomes)[number]

export function examOutcome(input: {
	/** Holds an unexpired exam certification. */
	valid: boolean
	/** Whether the latest submitted exam attempt passed; null when none was ever submitted. */
	lastPassed: boolean | null
}): ExamOutcome {
	if (input.valid) return 'valid'
	if (input.lastPassed === null) return 'absent'
	return input.lastPassed ? 'expired' : 'failed'
}
