// Exports as streams: CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and XLSX (exceljs's
// streaming writer). Rows arrive in batches, so 700,000 rows never sit in memory at once.
import { PassThrough } from 'node:stream'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { recordStatus, type CertificationStatus } from '#app/modules/certification/status.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { siteScopeSql } from '#app/modules/people/people.server.ts'
import { queryRows } from '#app/utils/db.server.ts'

export type Cell = string | number | Date | null
export type Column<T> = { header: string; value: (row: T) => Cell; width?: number }

function contentDisposition(fileName: string) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_')
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

function csvCell(value: Cell): string {
	if (value === null) return ''
	const text = value instanceof Date ? formatShanghai(value) : String(value)
	// Quote when needed; neutralise spreadsheet formulas in text cells (CSV injection).
	const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

// One formatter for the whole export: making an Intl.DateTimeFormat per cell cost most of the
// time of a 700,000-row export.
const shanghaiFormat = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
})

export function formatShanghai(date: Date): string {
	return shanghaiFormat.format(date)
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
		for await (const batch of batches) {
			yield batch
				.map((row) => `${columns.map((c) => csvCell(c.value(row))).join(',')}\r\n`)
				.join('')
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
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream,
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
	void (async () => {
		try {
			for await (const batch of batches) {
				for (const row of batch) {
					sheet.addRow(columns.map((c) => c.value(row))).commit()
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

export async function* certificationRecords(
	scope: Array<number> | null,
	batchSize = 5000,
): AsyncIterable<Array<CertificationRecord>> {
	const scoped = siteScopeSql(scope)
	let after = 0
	for (;;) {
		const rows = await queryRows<{
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
		}>(sql`
			select c.id, u.username, u.display_name, s.name as site_name, co.name as cohort_name, c.kind, c.service_code, c.revision,
				sv.current_revision, c.attempt_id, c.earned_at, c.expires_at
			from certifications c
			join users u on u.id = c.user_id
			join sites s on s.id = u.site_id
			left join cohorts co on co.id = u.cohort_id
			left join services sv on sv.code = c.service_code
			where c.id > ${after} and ${scoped}
			order by c.id
			limit ${batchSize}`)
		if (rows.length === 0) return
		after = Number(rows[rows.length - 1]?.id ?? after)
		yield rows.map((r) => ({
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
		}))
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
