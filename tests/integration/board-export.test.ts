// The board's CSV read back as Excel would: no cell it would take for a date (8/8, 1/3, 10-10),
// and certified and required as plain numbers in their own columns. The certification records
// read back from CSV and from XLSX (exceljs and the app's own reader), cell by cell.
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { grantCertifications } from '#app/modules/certification/grant.server.ts'
import { certificationExport, xlsxResponse } from '#app/modules/reports/export.server.ts'
import { loader as exportLoader } from '#app/routes/board.export/route.tsx'
import { sql } from 'drizzle-orm'
import { databaseKind, getDb, queryRows } from '#app/utils/db.server.ts'
import { readTable } from '#app/utils/spreadsheet/table.ts'
import { makeCohort, makeSite, makeUser, offerServices } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { loaderArgs, makeRequest, sessionCookieFor } from '#tests/utils/requests.ts'

setupTestDatabase()

/** What Excel turns into a date when it opens a CSV: d/m, m/d/y, y-m-d, d-m, 1-Jan… */
const excelDateLike =
	/^\s*(\d{1,4}\s*[/\-.]\s*\d{1,2}(\s*[/\-.]\s*\d{1,4})?|\d{1,2}\s*[-/ ]\s*[a-z]{3,9}|[a-z]{3,9}\s*[-/ ]\s*\d{1,4})\s*$/i

test('no cell of the board CSV is one Excel would open as a date', async () => {
	const catalog = await loadTestCatalog(await copyFixtureContent())
	const codes = catalog.ordered.map((s) => s.code)
	const hall = await makeSite({ kind: 'hall' })
	const point = await makeSite({ kind: 'point' })
	await offerServices(point.id, codes.slice(0, 3))
	const admin = await makeUser({ role: 'admin', siteId: hall.id })
	const people = [
		await makeUser({ siteId: hall.id }),
		await makeUser({ siteId: point.id }),
		await makeUser({ siteId: point.id }),
	]
	// All, one of three, and none: the cells that used to read 8/8, 1/3 and 0/3.
	await grantCertifications(
		getDb(),
		[
			...codes.map((code) => ({
				userId: people[0]?.id ?? '',
				serviceCode: code,
				revision: catalog.services.get(code)?.revision ?? '',
				source: 'quiz' as const,
			})),
			{
				userId: people[1]?.id ?? '',
				serviceCode: codes[0] ?? '',
				revision: catalog.services.get(codes[0] ?? '')?.revision ?? '',
				source: 'quiz' as const,
			},
		],
		catalog.rules,
	)
	const cookie = await sessionCookieFor(admin.id)
	const response = await exportLoader(
		loaderArgs(makeRequest('/board/export?what=board&format=csv', { cookie })),
	)
	const rows = z
		.array(z.array(z.string()))
		.parse(parse(await response.text(), { bom: true, relax_column_count: false }))
	const [header, ...body] = rows
	expect(body).toHaveLength(3)
	for (const row of rows)
		for (const cell of row) expect(cell, `cell "${cell}"`).not.toMatch(excelDateLike)
	// Per category, certified and required side by side as numbers.
	const category = catalog.categories.find((c) =>
		catalog.ordered.some((s) => s.frontmatter.category === c.name && s.code === codes[0]),
	)?.name
	const certifiedAt = header?.indexOf(`${category} 已认证`) ?? -1
	const requiredAt = header?.indexOf(`${category} 应认证`) ?? -1
	expect(certifiedAt).toBeGreaterThan(0)
	expect(requiredAt).toBe(certifiedAt + 1)
	const pointRow = body.find((r) => r[0] === people[1]?.username)
	expect(pointRow?.[certifiedAt]).toMatch(/^\d+$/)
	expect(Number(pointRow?.[certifiedAt])).toBeLessThanOrEqual(Number(pointRow?.[requiredAt]))
	// The same pattern would have caught the old cells.
	for (const old of ['8/8', '10/10', '1/3']) expect(old).toMatch(excelDateLike)
})

const shanghaiMinute = (date: Date) =>
	new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

test('the certification records as CSV and as XLSX: every row, every column, the types', async () => {
	const catalog = await loadTestCatalog(await copyFixtureContent())
	const [first, second] = catalog.ordered
	if (!first || !second) throw new Error('the fixture manual has two services')
	const hall = await makeSite({ kind: 'hall', name: '市服务大厅 <一楼> & "窗口"' })
	const point = await makeSite({ kind: 'point' })
	const cohort = await makeCohort({ name: '2026年第1期' })
	const admin = await makeUser({ role: 'admin', siteId: hall.id })
	const formulaLike = await makeUser({ siteId: hall.id, cohortId: cohort.id, displayName: '=王五' })
	const spaced = await makeUser({ siteId: point.id, displayName: ' 赵六 ' })
	const minute = Math.floor(Date.now() / 60_000) * 60_000
	const daysAgo = (days: number) => new Date(minute - days * 86_400_000 + 7_000)
	const written = await grantCertifications(
		getDb(),
		[
			{
				userId: formulaLike.id,
				serviceCode: first.code,
				revision: first.revision,
				grantedAt: daysAgo(10),
			},
			{ userId: formulaLike.id, serviceCode: null, revision: 'exam-r1', grantedAt: daysAgo(20) },
			{
				userId: spaced.id,
				serviceCode: second.code,
				revision: 'an-older-revision',
				grantedAt: daysAgo(30),
			},
			{
				userId: spaced.id,
				serviceCode: first.code,
				revision: first.revision,
				grantedAt: daysAgo(1100),
			},
		].map((input) => ({ ...input, source: 'quiz' as const })),
		catalog.rules,
	)
	const [a, b, c, d] = written
	if (!a || !b || !c || !d) throw new Error('four certifications')
	const cookie = await sessionCookieFor(admin.id)
	const exported = (format: 'csv' | 'xlsx') =>
		exportLoader(
			loaderArgs(makeRequest(`/board/export?what=certifications&format=${format}`, { cookie })),
		)

	const header = [
		'工号',
		'姓名',
		'站点',
		'班级',
		'类型',
		'事项编码',
		'事项名称',
		'认证版本',
		'状态',
		'测验记录编号',
		'取得时间',
		'有效期至',
	]
	// What a user reads, as text; null where the cell is empty.
	const expected = [
		[
			formulaLike.username,
			'=王五',
			hall.name,
			cohort.name,
			'事项认证',
			first.code,
			first.frontmatter.name,
			first.revision,
			'有效',
			null,
			a.earnedAt,
			a.expiresAt,
		],
		[
			formulaLike.username,
			'=王五',
			hall.name,
			cohort.name,
			'综合窗口上岗考试',
			null,
			'',
			'exam-r1',
			'有效',
			null,
			b.earnedAt,
			b.expiresAt,
		],
		[
			spaced.username,
			' 赵六 ',
			point.name,
			null,
			'事项认证',
			second.code,
			second.frontmatter.name,
			'an-older-revision',
			'需重新认证',
			null,
			c.earnedAt,
			c.expiresAt,
		],
		[
			spaced.username,
			' 赵六 ',
			point.name,
			null,
			'事项认证',
			first.code,
			first.frontmatter.name,
			first.revision,
			'已过期',
			null,
			d.earnedAt,
			d.expiresAt,
		],
	]

	// CSV: BOM, the header, moments on the Shanghai clock to the minute, formulas neutralised.
	const csvResponse = await exported('csv')
	expect(csvResponse.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
	const csvBytes = new Uint8Array(await csvResponse.arrayBuffer())
	expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
	const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csvBytes)
	const csvRows = z
		.array(z.array(z.string()))
		.parse(parse(csvText, { bom: true, relax_column_count: false }))
	expect(csvRows).toEqual([
		header,
		...expected.map((row) =>
			row.map((cell) =>
				cell instanceof Date ? shanghaiMinute(cell) : cell === '=王五' ? "'=王五" : (cell ?? ''),
			),
		),
	])
	expect(csvRows[1]?.[10]).toBe(shanghaiMinute(daysAgo(10)))

	// XLSX read back by exceljs: the same cells, text as text, moments as date-time cells.
	const xlsxResponse = await exported('xlsx')
	expect(xlsxResponse.headers.get('Content-Disposition')).toMatch(/\.xlsx/)
	const bytes = Buffer.from(await xlsxResponse.arrayBuffer())
	const book = new ExcelJS.Workbook()
	await book.xlsx.load(bytes as unknown as ArrayBuffer)
	const sheet = book.getWorksheet('认证记录')
	if (!sheet) throw new Error('the sheet is named 认证记录')
	expect(sheet.rowCount).toBe(1 + expected.length)
	expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
	expect(sheet.getRow(1).values).toEqual([undefined, ...header])
	expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
	expect(sheet.getColumn(10).width).toBe(38)
	expected.forEach((row, r) => {
		row.forEach((value, i) => {
			const cell = sheet.getRow(r + 2).getCell(i + 1)
			if (value instanceof Date) {
				expect(cell.type).toBe(ExcelJS.ValueType.Date)
				expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm')
				// Excel has no time zones: the cell holds the Shanghai wall clock (read back as UTC).
				const shown = z.date().parse(cell.value).getTime()
				expect(Math.abs(shown - (value.getTime() + 8 * 3_600_000))).toBeLessThan(2)
			} else if (value === null || value === '') {
				expect(cell.value, `row ${r + 2} column ${i + 1}`).toBeNull()
			} else {
				expect(cell.type).toBe(ExcelJS.ValueType.String)
				expect(cell.value, `row ${r + 2} column ${i + 1}`).toBe(value)
			}
		})
	})

	// The app's own reader shows what Excel shows: the CSV's text, the formula cell as typed.
	const table = await readTable('xlsx', bytes, {
		maxBytes: 1024 * 1024,
		maxRows: 100,
		maxColumns: 20,
		maxCellChars: 200,
		maxPartBytes: 8 * 1024 * 1024,
	})
	expect([table.header, ...table.rows.map((r) => r.cells)]).toEqual(
		csvRows.map((row) => row.map((cell) => (cell === "'=王五" ? '=王五' : cell))),
	)
})

test('an export reads rows only as it writes them, and a download stopped part way closes its cursor', async () => {
	const catalog = await loadTestCatalog(await copyFixtureContent())
	const [service] = catalog.ordered
	if (!service) throw new Error('the fixture manual has a service')
	const hall = await makeSite({ kind: 'hall' })
	const clerk = await makeUser({ siteId: hall.id })
	await grantCertifications(
		getDb(),
		Array.from({ length: 5_000 }, () => ({
			userId: clerk.id,
			serviceCode: service.code,
			revision: service.revision,
			source: 'quiz' as const,
		})),
		catalog.rules,
	)
	// Batches of 50, so the export is still reading when the client goes.
	let batchesRead = 0
	const { columns, batches } = certificationExport(null, 50)
	async function* counted() {
		for await (const batch of batches) {
			batchesRead++
			yield batch
		}
	}
	const response = xlsxResponse('x.xlsx', 'x', columns, counted())
	const reader = response.body?.getReader()
	if (!reader) throw new Error('the export has a body')
	// Read until the rows have started coming (the workbook's small parts come first).
	while (batchesRead < 2) expect((await reader.read()).done).toBe(false)
	await reader.cancel()
	const readWhenStopped = batchesRead
	expect(readWhenStopped).toBeLessThan(100)
	// Nothing of the export still runs in the database (on PostgreSQL its cursor is closed; the
	// close follows the cancel, so it is given a moment)…
	const stillRunning = async () => {
		if (databaseKind() !== 'postgres') return 0
		const [row] = await queryRows<{ n: number }>(
			sql`select count(*)::int as n from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database() and state <> 'idle' and query like '%date_part(%'`,
		)
		return row?.n ?? 0
	}
	for (let tries = 0; tries < 40 && (await stillRunning()) > 0; tries++)
		await new Promise((resolve) => setTimeout(resolve, 50))
	expect(await stillRunning()).toBe(0)
	// …and no batch is read after it but the one already asked for.
	expect(batchesRead).toBeLessThanOrEqual(readWhenStopped + 1)
})
