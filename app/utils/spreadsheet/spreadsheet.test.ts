import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { xlsxOf, zip } from '#tests/utils/xlsx.ts'
import { formatExcelDate, formatNumber } from './cell-text.ts'
import { readCsv } from './csv.ts'
import { SpreadsheetError, type TableLimits } from './errors.ts'
import { readTable } from './table.ts'
import { readTableInWorker } from './worker.server.ts'

const limits: TableLimits = {
	maxBytes: 2 * 1024 * 1024,
	maxRows: 2000,
	maxColumns: 30,
	maxCellChars: 200,
	maxPartBytes: 32 * 1024 * 1024,
}

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
	const book = new ExcelJS.Workbook()
	fill(book.addWorksheet('表1'))
	return Buffer.from(await book.xlsx.writeBuffer())
}

async function failure(read: Promise<unknown>): Promise<SpreadsheetError> {
	const error = await read.then(
		() => null,
		(e: unknown) => e,
	)
	if (!(error instanceof SpreadsheetError))
		throw new Error(`expected a SpreadsheetError, got ${String(error)}`)
	return error
}

describe('cells as Excel shows them', () => {
	test('rich text, formula results, dates, booleans and number formats from exceljs', async () => {
		const bytes = await workbook((sheet) => {
			sheet.addRow(['工号', '姓名', '入职', '天数', '有效', '编号', '比例'])
			sheet.addRow([
				{ formula: 'LOWER("C1001")', result: 'c1001' },
				{ richText: [{ text: '王' }, { font: { bold: true }, text: '小明' }] },
				new Date(Date.UTC(2026, 0, 2)),
				{ formula: '10+5', result: 15 },
				true,
				42,
				0.256,
			])
			sheet.getCell('C2').numFmt = 'yyyy"年"m"月"d"日"'
			sheet.getCell('F2').numFmt = '00000'
			sheet.getCell('G2').numFmt = '0.0%'
		})
		const table = await readTable('xlsx', bytes, limits)
		expect(table.header).toEqual(['工号', '姓名', '入职', '天数', '有效', '编号', '比例'])
		expect(table.rows).toEqual([
			{ row: 2, cells: ['c1001', '王小明', '2026-01-02', '15', 'TRUE', '00042', '25.6%'] },
		])
	})

	test('inline rich strings, phonetic guides, escapes and cells without references', async () => {
		const bytes = xlsxOf(
			'<row r="1"><c t="inlineStr"><is><t>工号</t></is></c><c t="s"><v>0</v></c></row>' +
				'<row><c t="inlineStr"><is><r><t>c</t></r><r><t>2001</t></r></is></c>' +
				'<c t="s"><v>1</v></c><c s="1"><v>46024.5</v></c><c t="e"><v>#N/A</v></c><c><v>0.30000000000000004</v></c></row>',
			{
				sharedStrings: [
					'<t>姓名</t>',
					'<r><t>李</t></r><r><t>四_x000D_</t></r><rPh sb="0" eb="1"><t>リ</t></rPh>',
				],
				numberFormats: ['yyyy/m/d h:mm'],
			},
		)
		const table = await readTable('xlsx', bytes, limits)
		expect(table.rows).toEqual([
			{ row: 2, cells: ['c2001', '李四\r', '2026-01-02 12:00', '#N/A', '0.3'] },
		])
	})

	test('number formats', () => {
		expect(formatNumber(1001, 'General')).toBe('1001')
		expect(formatNumber(1234.5, '#,##0.00')).toBe('1,234.50')
		expect(formatNumber(-5, '0;(0)')).toBe('(5)')
		expect(formatNumber(15, '0"个工作日"')).toBe('15个工作日')
		expect(formatNumber(12345, '0.00E+00')).toBe('1.23E+04')
		expect(formatNumber(123456789012, 'General')).toBe('123456789012')
		expect(formatExcelDate(46024, 'yyyy-mm-dd')).toBe('2026-01-02')
		expect(formatExcelDate(0.75, 'h:mm')).toBe('18:00')
		expect(formatExcelDate(44927, 'yyyy-mm-dd', true)).toBe('2027-01-02')
	})
})

describe('limits, checked while reading', () => {
	test('12,000 rows stop at the first row past the limit', async () => {
		const bytes = await workbook((sheet) => {
			sheet.addRow(['工号', '姓名'])
			for (let i = 0; i < 12_000; i++) sheet.addRow([`u${i}`, '名字'])
		})
		const error = await failure(readTable('xlsx', bytes, limits))
		expect(error.code).toBe('tooManyRows')
		expect(error.at).toEqual({ row: 2002, column: 1 })
	})

	test('a cell past the last allowed column, and a cell too long', async () => {
		const wide = xlsxOf(
			'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="AE1" t="inlineStr"><is><t>b</t></is></c></row>',
		)
		expect((await failure(readTable('xlsx', wide, limits))).at).toEqual({ row: 1, column: 31 })
		const long = xlsxOf(
			`<row r="1"><c r="B1" t="inlineStr"><is><t>${'长'.repeat(201)}</t></is></c></row>`,
		)
		const error = await failure(readTable('xlsx', long, limits))
		expect([error.code, error.at]).toEqual(['cellTooLong', { row: 1, column: 2 }])
	})

	test('a zip bomb is refused once it inflates past the limit', async () => {
		const padding = ' '.repeat(40 * 1024 * 1024)
		const bomb = xlsxOf(`<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>${padding}`)
		expect(bomb.length).toBeLessThan(limits.maxBytes)
		expect((await failure(readTable('xlsx', bomb, limits))).code).toBe('tooLarge')
	})

	test('files that are not spreadsheets are unreadable, bytes over the limit too large', async () => {
		expect((await failure(readTable('xlsx', Buffer.from('not a zip'), limits))).code).toBe(
			'unreadable',
		)
		const noWorkbook = zip([{ name: 'hello.txt', data: 'hi' }])
		expect((await failure(readTable('xlsx', noWorkbook, limits))).code).toBe('unreadable')
		expect(
			(await failure(readTable('csv', new Uint8Array([0xff, 0xfe, 0, 0xd8]), limits))).code,
		).toBe('unreadable')
		const big = new Uint8Array(limits.maxBytes + 1)
		expect((await failure(readTable('csv', big, limits))).code).toBe('tooLarge')
	})

	test('CSV: UTF-8 with BOM, or GB18030 as Chinese Excel saves it; the same limits', () => {
		const utf8 = new TextEncoder().encode('\uFEFF工号,姓名\nc1,王\n')
		expect(readCsv(utf8, limits).rows).toEqual([{ row: 2, cells: ['c1', '王'] }])
		const gb = new Uint8Array([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0x0a, 0x63, 0x31, 0x2c, 0x0a])
		expect(readCsv(gb, limits).header).toEqual(['工号'])
		const many = `a\n${'x\n'.repeat(2001)}`
		expect(() => readCsv(new TextEncoder().encode(many), limits)).toThrow(SpreadsheetError)
	})
})

describe('in a worker thread', () => {
	test('reads the same table, and reports the same errors', async () => {
		const bytes = await workbook((sheet) => {
			sheet.addRow(['工号', '姓名'])
			sheet.addRow(['c1', { richText: [{ text: '王' }, { text: '五' }] }])
		})
		expect((await readTableInWorker('xlsx', bytes, limits)).rows).toEqual([
			{ row: 2, cells: ['c1', '王五'] },
		])
		const error = await failure(readTableInWorker('xlsx', bytes, { ...limits, maxRows: 0 }))
		expect([error.code, error.at]).toEqual(['tooManyRows', { row: 2, column: 1 }])
	})
})
