// A cell's value as Excel shows it: numbers in their number format (15 significant digits for
// General, as the formula bar shows them), dates as dates, booleans as TRUE/FALSE. Pure
// functions, used by the XLSX reader.

const builtinFormats: Record<number, string> = {
	0: 'General',
	1: '0',
	2: '0.00',
	3: '#,##0',
	4: '#,##0.00',
	9: '0%',
	10: '0.00%',
	11: '0.00E+00',
	12: '# ?/?',
	13: '# ??/??',
	14: 'yyyy-mm-dd',
	15: 'd-mmm-yy',
	16: 'd-mmm',
	17: 'mmm-yy',
	18: 'h:mm AM/PM',
	19: 'h:mm:ss AM/PM',
	20: 'h:mm',
	21: 'h:mm:ss',
	22: 'yyyy-mm-dd h:mm',
	37: '#,##0 ;(#,##0)',
	38: '#,##0 ;[Red](#,##0)',
	39: '#,##0.00;(#,##0.00)',
	40: '#,##0.00;[Red](#,##0.00)',
	45: 'mm:ss',
	46: '[h]:mm:ss',
	47: 'mmss.0',
	48: '##0.0E+0',
	49: '@',
	// Chinese-locale built-ins: 27–36 and 50–58 are dates (年/月/日).
	...Object.fromEntries(
		[27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, 'yyyy-mm-dd']),
	),
	32: 'h:mm',
	33: 'h:mm:ss',
	55: 'h:mm',
	56: 'h:mm:ss',
}

export function builtinFormat(id: number): string {
	return builtinFormats[id] ?? 'General'
}

/** The format with quoted literals, escapes and [colour]/[$-locale] blocks taken out. */
function formatSkeleton(format: string): string {
	return format
		.replace(/"[^"]*"/g, '')
		.replace(/\\./g, '')
		.replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '')
}

export function isDateFormat(format: string): boolean {
	const skeleton = formatSkeleton(format.split(';')[0] ?? '')
	return !/general/i.test(skeleton) && /[ymdhs]/i.test(skeleton) && !skeleton.includes('@')
}

/** "2026-01-02", with the time when the format shows one and the value has one. */
export function formatExcelDate(serial: number, format: string, date1904 = false): string {
	// Excel's day 60 is the 29 February 1900 that never was; serials after it are one day ahead.
	const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial
	const ms = Math.round((days - 25_569) * 86_400_000)
	const date = new Date(ms)
	if (Number.isNaN(date.getTime())) return String(serial)
	const iso = date.toISOString()
	const skeleton = formatSkeleton(format)
	const hasDate = /[yd]/i.test(skeleton) || (/m/i.test(skeleton) && !/[hs]/i.test(skeleton))
	const hasTime = /[hs]/i.test(skeleton)
	const time = /s/i.test(skeleton) ? iso.slice(11, 19) : iso.slice(11, 16)
	if (hasDate && hasTime) return `${iso.slice(0, 10)} ${time}`
	if (hasTime) return time
	return iso.slice(0, 10)
}

/** Up to 15 significant digits, no float noise (0.1 + 0.2 shows 0.3), no exponent for ids. */
export function formatGeneral(value: number): string {
	if (!Number.isFinite(value)) return String(value)
	if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
	return String(Number(value.toPrecision(15)))
}

/** Literal text around the digits: "岁", "元", ¥ … as the format writes it. */
function literalsAround(format: string): { prefix: string; suffix: string } {
	const section = format.replace(/E[+-][0#]+/gi, '')
	const firstDigit = section.search(/[0#?](?=[^"]*(?:"[^"]*"[^"]*)*$)/)
	let prefix = ''
	let suffix = ''
	for (const match of section.matchAll(/"([^"]*)"|\\(.)|([$¥￥€£+\-()\s:/年月日元个岁人])/g)) {
		const text = match[1] ?? match[2] ?? match[3] ?? ''
		if (firstDigit >= 0 && (match.index ?? 0) < firstDigit) prefix += text
		else suffix += text
	}
	return { prefix, suffix }
}

export function formatNumber(value: number, format: string, date1904 = false): string {
	if (isDateFormat(format)) return formatExcelDate(value, format, date1904)
	const sections = format.split(';')
	const negativeSection = value < 0 ? sections[1] : undefined
	const section = negativeSection ?? sections[0] ?? ''
	const sign = value < 0 && negativeSection === undefined ? '-' : ''
	const skeleton = formatSkeleton(section)
	const shown = Math.abs(value)
	if (/^general$/i.test(skeleton.trim()) || skeleton.includes('@')) return formatGeneral(value)
	const { prefix, suffix } = literalsAround(section)
	const exponent = /\.?(0*)E[+-]/i.exec(skeleton)
	if (exponent) {
		const [mantissa = '', power = '0'] = shown.toExponential(exponent[1]?.length ?? 0).split('e')
		const magnitude = String(Math.abs(Number(power))).padStart(2, '0')
		return `${sign}${prefix}${mantissa}E${Number(power) < 0 ? '-' : '+'}${magnitude}${suffix}`
	}
	const digits = skeleton.replace(/[^0#?,.%]/g, '')
	const percent = digits.includes('%')
	const [whole = '', fraction = ''] = digits.replace(/%/g, '').split('.')
	if (!/[0#?]/.test(whole + fraction)) return formatGeneral(value)
	const decimals = (fraction.match(/[0#?]/g) ?? []).length
	const [intPart = '', fracPart] = (percent ? shown * 100 : shown).toFixed(decimals).split('.')
	let int = intPart.padStart((whole.match(/0/g) ?? []).length, '0')
	if (whole.includes(',')) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
	const number = fracPart !== undefined ? `${int}.${fracPart}` : int
	return `${sign}${prefix}${number}${percent ? '%' : ''}${suffix}`
}
