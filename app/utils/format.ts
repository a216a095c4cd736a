// Dates and numbers as a clerk reads them: zh-CN (or English), in Asia/Shanghai time.
import { type Language } from './i18n/index.ts'

const timeZone = 'Asia/Shanghai'

function locale(language: Language) {
	return language === 'zh' ? 'zh-CN' : 'en-GB'
}

export function formatDate(value: Date | string, language: Language): string {
	return new Intl.DateTimeFormat(locale(language), {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(new Date(value))
}

export function formatDateTime(value: Date | string, language: Language): string {
	return new Intl.DateTimeFormat(locale(language), {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
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
