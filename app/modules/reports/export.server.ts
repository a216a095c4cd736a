// Exports as streams: CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and XLSX (exceljs's
// streaming writer). Rows arrive in batches, so 700,000 rows never sit in memory at once.
import { PassThrough } from 'node:stream'
import { sql } from 'drizzle-orm'
import type ExcelJS from 'exceljs'
import { recordStatus, type CertificationStatus } from '#app/modules/certification/status.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { siteScopeSql } from '#app/modules/people/people.server.ts'
import { cursorRows, queryRows } from '#app/utils/db.server.ts'

export type Cell = string | number | Date | null
export type Column<T> = { header: string; value: (row: T) => Cell; width?: number }

function contentDisposition(fileName: string) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_')
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

const formulaStart = /^[=+\-@\t\r]/
const needsQuotes = /[",\n\r]/

function csvCell(value: Cell): string {
	if (value === null) return ''
	if (typeof value === 'number') return String(value)
	if (value instanceof Date) return formatShanghai(value)
	// Quote when needed; neutralise spreadsheet formulas in text cells (CSV injection).
	const safe = formulaStart.test(value) ? `'${value}` : value
	return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

// Asia/Shanghai has had no daylight saving since 1991: a fixed +08:00 offset, formatted by hand
// ("2026-03-01 08:05", as sv-SE's Intl format gives). Intl.DateTimeFormat#format per cell was the
// largest single cost of a 700,000-row export.
const shanghaiOffsetMs = 8 * 3_600_000
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

export function formatShanghai(date: Date): string {
	const local = new Date(date.getTime() + shanghaiOffsetMs)
	return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())} ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`
}

/** A web stream over text or bytes produced lazily: the next chunk is made when the client reads. */
function webStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder()
	const iterator = chunks[Symbol.asyncIterator]()
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { value, done } = await iterator.next()
			if (done) controller.close()
			else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
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
		yield `\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n`
		const values = columns.map((c) => c.value)
		const last = values.length - 1
		for await (const batch of batches) {
			let chunk = ''
			for (const row of batch) {
				for (let i = 0; i < last; i++) chunk += `${csvCell(values[i]!(row))},`
				chunk += `${csvCell(values[last]!(row))}\r\n`
			}
			yield chunk
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

export function xlsxResponse<T>(
	fileName: string,
	sheetName: string,
	columns: Array<Column<T>>,
	batches: AsyncIterable<Array<T>>,
): Response {
	const stream = new PassThrough()
	void (async () => {
		try {
			// Loaded with the first export, not at every start (half a second; docs/decisions/019).
			const { default: Excel } = await import('exceljs')
			const workbook = new Excel.stream.xlsx.WorkbookWriter({
				stream,
				// Styles stay on: a date cell without its number format would open as a bare number.
				useStyles: true,
				useSharedStrings: false,
			})
			const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
			sheet.columns = columns.map((c, i) => ({
				header: c.header,
				key: String(i),
				width: c.width ?? 16,
			}))
			sheet.getRow(1).font = { bold: true }
			const rowStyle: Partial<ExcelJS.Style> = {}
			const cellStyles: Record<number, Partial<ExcelJS.Style>> = {}
			for await (const batch of batches) {
				for (const row of batch) {
					const added = sheet.addRow(columns.map((c) => c.value(row)))
					// exceljs caches a style's id by the style object: give every cell of a type the same
					// (empty) object instead of a fresh one, so its style is looked up once, not per cell.
					;(added as unknown as { style: Partial<ExcelJS.Style> }).style = rowStyle
					added.eachCell((cell) => {
						cell.style = cellStyles[cell.type] ?? (cellStyles[cell.type] = {})
					})
					added.commit()
				}
			}
			sheet.commit()
			await workbook.commit()
		} catch (error) {
			stream.destroy(error instanceof Error ? error : new Error(String(error)))
		}
	})()
	return new Response(webStream(stream), {
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
	let next = iterator.next()
	try {
		for (;;) {
			const result = await next
			if (result.done) return
			next = iterator.next()
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

export type CertificationRecord = {
	id: number
	username: string
	displayName: string
	siteName: string
	cohortName: string | null
	kind: string
	serviceCode: string | null
	revision: string
	currentRevision: string | null
	attemptId: string
	earnedAt: Date
	expiresAt: Date
}

type CertificationRow = {
	id: number | string
	username: string
	display_name: string
	site_name: string
	cohort_name: string | null
	kind: string
	service_code: string | null
	revision: string
	current_revision: string | null
	attempt_id: string
	earned_at: Date | string
	expires_at: Date | string
}

function certificationQuery(
	scope: Array<number> | null,
	page: { after: number; size: number } | null,
) {
	return sql`
		select c.id, u.username, u.display_name, s.name as site_name, co.name as cohort_name, c.kind, c.service_code, c.revision,
			sv.current_revision, c.attempt_id, c.earned_at, c.expires_at
		from certifications c
		join users u on u.id = c.user_id
		join sites s on s.id = u.site_id
		left join cohorts co on co.id = u.cohort_id
		left join services sv on sv.code = c.service_code
		where ${siteScopeSql(scope)}${page ? sql` and c.id > ${page.after}` : sql``}
		order by c.id${page ? sql` limit ${page.size}` : sql``}`
}

function toRecord(r: CertificationRow): CertificationRecord {
	return {
		id: Number(r.id),
		username: r.username,
		displayName: r.display_name,
		siteName: r.site_name,
		cohortName: r.cohort_name,
		kind: r.kind,
		serviceCode: r.service_code,
		revision: r.revision,
		currentRevision: r.current_revision,
		attemptId: r.attempt_id,
		earnedAt: new Date(r.earned_at),
		expiresAt: new Date(r.expires_at),
	}
}

/**
 * On PostgreSQL one statement read through a server-side cursor; on PGlite (no cursors) keyset
 * pages. Either way `batchSize` rows at a time, fetched only when the previous batch is written.
 */
export async function* certificationRecords(
	scope: Array<number> | null,
	batchSize = 10_000,
): AsyncIterable<Array<CertificationRecord>> {
	const cursor = cursorRows<CertificationRow>(certificationQuery(scope, null), batchSize)
	if (cursor) {
		for await (const rows of readAhead(cursor)) yield rows.map(toRecord)
		return
	}
	let after = 0
	for (;;) {
		const rows = await queryRows<CertificationRow>(
			certificationQuery(scope, { after, size: batchSize }),
		)
		if (rows.length === 0) return
		after = Number(rows[rows.length - 1]?.id ?? after)
		yield rows.map(toRecord)
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

export function certificationColumns(): Array<Column<CertificationRecord>> {
	const catalog = getCatalog()
	const now = new Date()
	return [
		{ header: '工号', value: (r) => r.username, width: 12 },
		{ header: '姓名', value: (r) => r.displayName, width: 10 },
		{ header: '站点', value: (r) => r.siteName, width: 16 },
		{ header: '班级', value: (r) => r.cohortName, width: 20 },
		{
			header: '类型',
			value: (r) => (r.kind === 'exam' ? '综合窗口上岗考试' : '事项认证'),
			width: 14,
		},
		{ header: '事项编码', value: (r) => r.serviceCode, width: 12 },
		{
			header: '事项名称',
			value: (r) =>
				r.serviceCode ? (catalog.services.get(r.serviceCode)?.frontmatter.name ?? '') : '',
			width: 30,
		},
		{ header: '认证版本', value: (r) => r.revision, width: 14 },
		{
			header: '状态',
			value: (r) =>
				recordStatusLabel[recordStatus(r, r.currentRevision, now, catalog.rules.expiringSoonDays)],
			width: 10,
		},
		{ header: '测验记录编号', value: (r) => r.attemptId, width: 38 },
		{ header: '取得时间', value: (r) => r.earnedAt, width: 18 },
		{ header: '有效期至', value: (r) => r.expiresAt, width: 18 },
	]
}
