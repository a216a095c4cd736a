// Text that XML cannot carry as is comes back from the written XLSX as it went in: read by the
// app's own reader (which decodes OOXML's _xHHHH_ as Excel does) and by exceljs.
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { readTable } from './table.ts'
import { columnLetters, inlineString, xlsxWorkbook } from './xlsx-writer.server.ts'

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
	const parts: Array<Uint8Array> = []
	for await (const chunk of chunks) parts.push(chunk)
	return Buffer.concat(parts)
}

const awkward = [
	'<b>粗体</b> & "引号" \'单引号\'',
	'  前后空格  ',
	'制表\t与换行\n第二行',
	'控制\u0001字符\u001f',
	'字面的 _x0041_ 不是 A',
	'=1+1',
]

test('awkward text survives the sheet XML', async () => {
	async function* rows() {
		let xml = ''
		awkward.forEach((text, i) => {
			xml += `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr">${inlineString(text)}</c><c r="B${i + 2}"><v>${i}</v></c></row>`
		})
		yield xml
	}
	const bytes = await bytesOf(
		xlsxWorkbook({
			sheetName: '表<1>',
			columns: [
				{ header: '文本', width: 30 },
				{ header: '序号', width: 8 },
			],
			rows: rows(),
			level: 1,
		}),
	)
	const table = await readTable('xlsx', bytes, {
		maxBytes: 1024 * 1024,
		maxRows: 100,
		maxColumns: 10,
		maxCellChars: 200,
		maxPartBytes: 1024 * 1024,
	})
	expect(table.header).toEqual(['文本', '序号'])
	expect(table.rows.map((r) => r.cells)).toEqual(awkward.map((text, i) => [text, String(i)]))

	const book = new ExcelJS.Workbook()
	await book.xlsx.load(bytes as unknown as ArrayBuffer)
	const sheet = book.worksheets[0]
	expect(sheet?.name).toBe('表<1>')
	// exceljs keeps _xHHHH_ as written; every other text comes back as it went in.
	const readBack = awkward.map((_, i) => sheet?.getRow(i + 2).getCell(1).value)
	expect(readBack).toEqual(
		awkward.map((text) =>
			text
				.replace('\u0001', '_x0001_')
				.replace('\u001f', '_x001F_')
				.replace('_x0041_', '_x005F_x0041_'),
		),
	)
	expect(sheet?.getRow(3).getCell(2).value).toBe(1)
})

test('column letters run A…Z, AA…', () => {
	expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual([
		'A',
		'Z',
		'AA',
		'AZ',
		'BA',
		'ZZ',
		'AAA',
	])
})
