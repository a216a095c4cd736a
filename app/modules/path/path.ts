// A clerk's path through the services: what comes next, progress per category, the cohort's goal
// and the reminders before a certification lapses. Pure: the page's loader gathers the facts.
import { type CertificationStatus } from '#app/modules/certification/status.ts'

export type PathService = {
	code: string
	name: string
	category: string
	status: CertificationStatus
	expiresAt: Date | null
}

export type CohortGoal = { name: string; coreBy: string; allBy: string }

const dayMs = 86_400_000

/** Reminder thresholds: a certification is flagged 30 days before it lapses, urgently at 7. */
export const reminderDays = [30, 7] as const

function isCertified(status: CertificationStatus): boolean {
	return status === 'valid' || status === 'expiring'
}

/** Whole days from today to a YYYY-MM-DD day in the hall's time zone (negative when past). */
export function daysUntil(day: string, now: Date): number {
	const end = new Date(`${day}T00:00:00+08:00`).getTime()
	const today = new Date(
		`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)}T00:00:00+08:00`,
	).getTime()
	return Math.round((end - today) / dayMs)
}

export function clerkPath(input: {
	/** The site's services in catalogue order (category order, then code). */
	services: ReadonlyArray<PathService>
	/** Core service codes, most frequent first. */
	coreOrder: ReadonlyArray<string>
	/** Category names in catalogue order. */
	categories: ReadonlyArray<string>
	goal: CohortGoal | null
	now: Date
	upcoming?: number
}) {
	const coreRank = new Map(input.coreOrder.map((code, i) => [code, i]))
	const core = input.services
		.filter((s) => coreRank.has(s.code))
		.sort((a, b) => (coreRank.get(a.code) ?? 0) - (coreRank.get(b.code) ?? 0))
	const rest = input.services.filter((s) => !coreRank.has(s.code))
	const ordered = [...core, ...rest].map((s) => ({ ...s, core: coreRank.has(s.code) }))
	const todo = ordered.filter((s) => !isCertified(s.status))
	const coreLeft = core.filter((s) => !isCertified(s.status)).length
	const allLeft = todo.length
	const byCategory = input.categories
		.map((name) => {
			const inCategory = input.services.filter((s) => s.category === name)
			return {
				name,
				total: inCategory.length,
				certified: inCategory.filter((s) => isCertified(s.status)).length,
			}
		})
		.filter((c) => c.total > 0)
	const reminders = input.services
		.filter((s) => isCertified(s.status) && s.expiresAt)
		.map((s) => ({
			code: s.code,
			name: s.name,
			expiresAt: s.expiresAt,
			days: Math.ceil(((s.expiresAt?.getTime() ?? 0) - input.now.getTime()) / dayMs),
		}))
		.filter((r) => r.days <= reminderDays[0])
		.map((r) => ({ ...r, urgent: r.days <= reminderDays[1] }))
		.sort((a, b) => a.days - b.days)
	return {
		next: todo.slice(0, input.upcoming ?? 5),
		core: { total: core.length, certified: core.length - coreLeft },
		all: { total: ordered.length, certified: ordered.length - allLeft },
		byCategory,
		goal: input.goal
			? {
					...input.goal,
					coreLeft,
					allLeft,
					coreDays: daysUntil(input.goal.coreBy, input.now),
					allDays: daysUntil(input.goal.allBy, input.now),
				}
			: null,
		reminders,
	}
}
