// Exports as streams: CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and XLSX (sheet XML
// written by hand into a streaming ZIP, ADR 020). Rows arrive in batches and each batch is
// formatted into one piece of text, so 700,000 rows never sit in memory at once.
import { sql } from 'drizzle-orm'
import { recordStatus, type CertificationStatus } from '#app/modules/certification/status.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { siteScopeSql } from '#app/modules/people/people.server.ts'
import { cursorRows, queryRows } from '#app/utils/db.server.ts'
import {
	columnLetters,
	inlineString,
	shanghaiSerial,
	xlsxStyle,
	xlsxWorkbook,
} from '#app/utils/spreadsheet/xlsx-writer.server.ts'

export type Cell = string | number | Date | null
export type Column<T> = {
	header: string
	value: (row: T) => Cell
	width?: number
	/**
	 * The value is a moment given as epoch milliseconds (a Date always is one): written in
	 * Shanghai time, to the minute in CSV and as a date-time cell in XLSX.
	 */
	moment?: boolean
}

// Text is handed on every few hundred rows: a piece stays under V8's large-object size (128 KiB),
// so it dies young instead of filling the old generation that a full collection must sweep.
const rowsPerPiece = 100

/** zlib level of the XLSX: 1 deflates this repetitive XML almost as small as 6, several times faster. */
const xlsxDeflateLevel = 1

function contentDisposition(fileName: string) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_')
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

// Asia/Shanghai has had no daylight saving since 1991: a fixed +08:00 offset, formatted by hand
// ("2026-03-01 08:05", as sv-SE's Intl format gives). Intl.DateTimeFormat#format per cell was the
// largest single cost of a 700,000-row export; the day's text is kept per day.
const shanghaiOffsetMs = 8 * 3_600_000
const dayMs = 86_400_000
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))
const clockTimes = Array.from(
	{ length: 24 * 60 },
	(_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`,
)
const dayTexts = new Map<number, string>()

export function formatShanghai(moment: Date | number): string {
	const local = (typeof moment === 'number' ? moment : moment.getTime()) + shanghaiOffsetMs
	const day = Math.floor(local / dayMs)
	let dayText = dayTexts.get(day)
	if (dayText === undefined) {
		const date = new Date(day * dayMs)
		dayText = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} `
		if (dayTexts.size > 100_000) dayTexts.clear()
		dayTexts.set(day, dayText)
	}
	return dayText + clockTimes[Math.floor((local - day * dayMs) / 60_000)]
}

const formulaStart = /^[=+\-@\t\r]/
const needsQuotes = /[",\n\r]/

function csvCell(value: Cell, moment: boolean): string {
	if (value === null) return ''
	if (typeof value === 'number') return moment ? formatShanghai(value) : String(value)
	if (value instanceof Date) return formatShanghai(value)
	// Quote when needed; neutralise spreadsheet formulas in text cells (CSV injection).
	const safe = formulaStart.test(value) ? `'${value}` : value
	return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A web stream over text or bytes produced lazily: the next chunk is made when the client reads. */
function webStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
	const iterator = chunks[Symbol.asyncIterator]()
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { value, done } = await iterator.next()
			if (done) controller.close()
			else controller.enqueue(typeof value === 'string' ? Buffer.from(value, 'utf8') : value)
		},
		async cancel() {
			await iterator.return?.()
		},
	})
}

export function csvResponse<T>(
	fileName: string,
	columns: Array<Column<T>>,
	batches: AsyncIterable<Array<T>>,
): Response {
	async function* lines() {
		yield `\uFEFF${columns.map((c) => csvCell(c.header, false)).join(',')}\r\n`
		const values = columns.map((c) => c.value)
		const moments = columns.map((c) => c.moment === true)
		const last = values.length - 1
		for await (const batch of batches) {
			let chunk = ''
			for (let n = 0; n < batch.length; n++) {
				const row = batch[n]!
				for (let i = 0; i < last; i++) chunk += `${csvCell(values[i]!(row), moments[i]!)},`
				chunk += `${csvCell(values[last]!(row), moments[last]!)}\r\n`
				if (n % rowsPerPiece === rowsPerPiece - 1) {
					yield chunk
					chunk = ''
				}
			}
			if (chunk) yield chunk
		}
	}
	return new Response(webStream(lines()), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': contentDisposition(fileName),
			'Cache-Control': 'no-store',
		},
	})
}

/** One cell's XML after `<c r="B7"` (an empty cell is left out). */
function xlsxCell(value: Cell, moment: boolean): string | null {
	if (value === null) return null
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null
		return moment
			? ` s="${xlsxStyle.datetime}"><v>${shanghaiSerial(value)}</v></c>`
			: `><v>${value}</v></c>`
	}
	if (value instanceof Date)
		return ` s="${xlsxStyle.datetime}"><v>${shanghaiSerial(value.getTime())}</v></c>`
	return ` t="inlineStr">${inlineString(value)}</c>`
}

export function xlsxResponse<T>(
	fileName: string,
	sheetName: string,
	columns: Array<Column<T>>,
	batches: AsyncIterable<Array<T>>,
): Response {
	async function* rows() {
		const values = columns.map((c) => c.value)
		const moments = columns.map((c) => c.moment === true)
		const cellStarts = columns.map((_, i) => `<c r="${columnLetters(i)}`)
		let rowNumber = 1
		for await (const batch of batches) {
			let chunk = ''
			for (let n = 0; n < batch.length; n++) {
				const row = batch[n]!
				const r = String(++rowNumber)
				chunk += `<row r="${r}">`
				for (let i = 0; i < values.length; i++) {
					const cell = xlsxCell(values[i]!(row), moments[i]!)
					if (cell !== null) chunk += `${cellStarts[i]}${r}"${cell}`
				}
				chunk += '</row>'
				if (n % rowsPerPiece === rowsPerPiece - 1) {
					yield chunk
					chunk = ''
				}
			}
			if (chunk) yield chunk
		}
	}
	const workbook = xlsxWorkbook({
		sheetName,
		columns: columns.map((c) => ({ header: c.header, width: c.width ?? 16 })),
		rows: rows(),
		level: xlsxDeflateLevel,
	})
	return new Response(webStream(workbook), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': contentDisposition(fileName),
			'Cache-Control': 'no-store',
		},
	})
}

/**
 * The next batch is asked for as soon as one is handed out, so the database reads batch n+1 while
 * batch n is formatted and written (at most one batch waits).
 */
export async function* readAhead<T>(batches: AsyncIterable<T>): AsyncIterable<T> {
	const iterator = batches[Symbol.asyncIterator]()
	// Promise.resolve: postgres.js's cursor answers a finished query with a plain { done: true }.
	let next = Promise.resolve(iterator.next())
	try {
		for (;;) {
			const result = await next
			if (result.done) return
			next = Promise.resolve(iterator.next())
			yield result.value
		}
	} finally {
		// Stopped early (client gone): let the pending read settle, then close the source.
		await next.catch(() => undefined)
		await iterator.return?.()
	}
}

export async function* once<T>(rows: Array<T>): AsyncIterable<Array<T>> {
	yield rows
}

// ---------------------------------------------------------------------------------------------
// Certification records: every certification of the people in scope, read by keyset pages.

/** A certification as read for the export: the person by id, moments as epoch milliseconds. */
export type CertificationRecord = {
	id?: number | string
	user_id: string
	kind: string
	service_code: string | null
	revision: string
	attempt_id: string | null
	earned_ms: number
	expires_ms: number
}

type Person = {
	id: string
	username: string
	display_name: string
	site_name: string
	cohort_name: string | null
}

// Only the certification's own columns per row: who the person is (four texts, the same on
// hundreds of rows) is read once per person, and the moments come as numbers, not as timestamps
// to parse into Dates.
function certificationQuery(
	scope: Array<number> | null,
	page: { after: number; size: number } | null,
) {
	return sql`
		select ${page ? sql`c.id, ` : sql``}c.user_id, c.kind, c.service_code, c.revision, c.attempt_id,
			date_part('epoch', c.earned_at) * 1000 as earned_ms, date_part('epoch', c.expires_at) * 1000 as expires_ms
		from certifications c${scope ? sql` join users u on u.id = c.user_id where ${siteScopeSql(scope)}` : sql` where true`}${page ? sql` and c.id > ${page.after}` : sql``}
		order by c.id${page ? sql` limit ${page.size}` : sql``}`
}

function peopleQuery(scope: Array<number> | null, ids: Array<string> | null) {
	return sql`
		select u.id, u.username, u.display_name, s.name as site_name, co.name as cohort_name
		from users u
		join sites s on s.id = u.site_id
		left join cohorts co on co.id = u.cohort_id
		where ${
			ids
				? sql`u.id in (${sql.join(
						ids.map((id) => sql`${id}`),
						sql`, `,
					)})`
				: siteScopeSql(scope)
		}`
}

async function* certificationBatches(
	scope: Array<number> | null,
	batchSize: number,
): AsyncIterable<Array<CertificationRecord>> {
	const cursor = cursorRows<CertificationRecord>(certificationQuery(scope, null), batchSize)
	if (cursor) {
		yield* readAhead(cursor)
		return
	}
	let after = 0
	for (;;) {
		const rows = await queryRows<CertificationRecord>(
			certificationQuery(scope, { after, size: batchSize }),
		)
		if (rows.length === 0) return
		after = Number(rows[rows.length - 1]?.id ?? after)
		yield rows
		if (rows.length < batchSize) return
	}
}

const recordStatusLabel: Record<CertificationStatus, string> = {
	valid: '有效',
	expiring: '即将到期',
	expired: '已过期',
	outdated: '需重新认证',
	none: '',
}

/**
 * Every certification of the people in scope, with its columns. On PostgreSQL one statement read
 * through a server-side cursor; on PGlite (no cursors) keyset pages. Either way `batchSize` rows
 * at a time, the next read while the last is written. People and current revisions are read
 * before the first batch; a person who appears later is read with the batch that names them.
 */
export function certificationExport(
	scope: Array<number> | null,
	batchSize = 5_000,
): {
	columns: Array<Column<CertificationRecord>>
	batches: AsyncIterable<Array<CertificationRecord>>
} {
	const catalog = getCatalog()
	const now = new Date()
	const people = new Map<string, Person>()
	const currentRevisions = new Map<string, string>()

	async function* batches() {
		for (const person of await queryRows<Person>(peopleQuery(scope, null)))
			people.set(person.id, person)
		const services = await queryRows<{ code: string; current_revision: string }>(
			sql`select code, current_revision from services`,
		)
		for (const service of services) currentRevisions.set(service.code, service.current_revision)
		for await (const rows of certificationBatches(scope, batchSize)) {
			const unknown = [...new Set(rows.map((r) => r.user_id).filter((id) => !people.has(id)))]
			if (unknown.length > 0)
				for (const person of await queryRows<Person>(peopleQuery(null, unknown)))
					people.set(person.id, person)
			yield rows
		}
	}

	// The four person columns of a row look the person up once.
	let lastRow: CertificationRecord | null = null
	let lastPerson: Person | undefined
	const personOf = (r: CertificationRecord) => {
		if (r !== lastRow) {
			lastRow = r
			lastPerson = people.get(r.user_id)
		}
		return lastPerson
	}
	// The shared rule of status, given one reused fact instead of two Dates per row.
	const fact = { serviceCode: null as string | null, revision: '', expiresAt: new Date(0) }
	const status = (r: CertificationRecord) => {
		fact.serviceCode = r.service_code
		fact.revision = r.revision
		fact.expiresAt.setTime(r.expires_ms)
		const current = r.service_code ? (currentRevisions.get(r.service_code) ?? null) : null
		return recordStatusLabel[recordStatus(fact, current, now, catalog.rules.expiringSoonDays)]
	}
	const columns: Array<Column<CertificationRecord>> = [
		{ header: '工号', value: (r) => personOf(r)?.username ?? null, width: 12 },
		{ header: '姓名', value: (r) => personOf(r)?.display_name ?? null, width: 10 },
		{ header: '站点', value: (r) => personOf(r)?.site_name ?? null, width: 16 },
		{ header: '班级', value: (r) => personOf(r)?.cohort_name ?? null, width: 20 },
		{
			header: '类型',
			value: (r) => (r.kind === 'exam' ? '综合窗口上岗考试' : '事项认证'),
			width: 14,
		},
		{ header: '事项编码', value: (r) => r.service_code, width: 12 },
		{
			header: '事项名称',
			value: (r) =>
				r.service_code ? (catalog.services.get(r.service_code)?.frontmatter.name ?? '') : '',
			width: 30,
		},
		{ header: '认证版本', value: (r) => r.revision, width: 14 },
		{ header: '状态', value: status, width: 10 },
		{ header: '测验记录编号', value: (r) => r.attempt_id, width: 38 },
		{ header: '取得时间', value: (r) => r.earned_ms, moment: true, width: 18 },
		{ header: '有效期至', value: (r) => r.expires_ms, moment: true, width: 18 },
	]
	return { columns, batches: batches() }
}
