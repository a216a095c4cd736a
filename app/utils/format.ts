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

// Building an Intl formatter costs about 0.1 ms (a board page formats hundreds of dates; the
// alerts page nearly a thousand): one per language and kind, built on first use.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(
	kind: 'date' | 'dateTime' | 'time',
	language: Language,
	options: () => Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
	const key = `${kind}:${language}`
	let made = formatters.get(key)
	if (!made) {
		made = new Intl.DateTimeFormat(locale(language), { timeZone, ...options() })
		formatters.set(key, made)
	}
	return made
}

export function formatDate(value: Date | string, language: Language): string {
	return formatter('date', language, () => dateParts(language)).format(new Date(value))
}

export function formatDateTime(value: Date | string, language: Language): string {
	return formatter('dateTime', language, () => ({
		...dateParts(language),
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
	})).format(new Date(value))
}

export function formatTime(value: Date | string, language: Language): string {
	return formatter('time', language, () => ({
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
	})).format(new Date(value))
}

const percentFormatters = new Map<Language, Intl.NumberFormat>()

export function formatPercent(value: number, language: Language): string {
	let made = percentFormatters.get(language)
	if (!made) {
		made = new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 })
		percentFormatters.set(language, made)
	}
	return made.format(value) + '%'
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
