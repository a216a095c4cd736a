// Dates and numbers as a clerk reads them: zh-CN (or English), in Asia/Shanghai time.
import { type Language } from './i18n/index.ts'

const timeZone = 'Asia/Shanghai'

function locale(language: Language) {
	return language === 'zh' ? 'zh-CN' : 'en-GB'
}

// English spells the month ("4 Dec 2026"): 04/12/2026 reads as April in one country and December
// in another. Chinese keeps 2026/12/04, which nobody misreads.
function dateParts(language: Language): Intl.DateTimeFormatOptions {
	return language === 'zh'
		? { year: 'numeric', month: '2-digit', day: '2-digit' }
		: { year: 'numeric', month: 'short', day: 'numeric' }
}

export function formatDate(value: Date | string, language: Language): string {
	return new Intl.DateTimeFormat(locale(language), { timeZone, ...dateParts(language) }).format(
		new Date(value),
	)
}

export function formatDateTime(value: Date | string, language: Language): string {
	return new Intl.DateTimeFormat(locale(language), {
		timeZone,
		...dateParts(language),
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
	}).format(new Date(value))
}

export function formatTime(value: Date | string, language: Language): string {
	return new Intl.DateTimeFormat(locale(language), {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
	}).format(new Date(value))
}

export function formatPercent(value: number, language: Language): string {
	return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(value) + '%'
}

/** A calendar day ("2026-12-04", as the hall counts days) as a short axis label: 12月4日, 4 Dec. */
export function formatDay(day: string, language: Language): string {
	const [, month, date] = day.split('-').map(Number)
	if (language === 'zh') return `${month}月${date}日`
	const name = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
		new Date(Date.UTC(2000, (month ?? 1) - 1, 1)),
	)
	return `${date} ${name}`
}
