// The largest people import the limits allow: 2,000 rows of 30 full columns (200 characters a
// cell), just under 2 MB as XLSX. Shared by the upload test and the import-wait benchmark.
import ExcelJS from 'exceljs'
import { peopleImportLimits } from '#app/modules/people/user-import.server.ts'

export async function largestPeopleImport(): Promise<Uint8Array<ArrayBuffer>> {
	const { maxRows, maxColumns, maxCellChars } = peopleImportLimits
	const book = new ExcelJS.Workbook()
	const sheet = book.addWorksheet('人员')
	const header = ['工号', '姓名', '站点', '班级', '角色']
	while (header.length < maxColumns) header.push(`备注${header.length - 4}`)
	sheet.addRow(header)
	const filler = '受理窗口综合业务培训记录'.repeat(Math.ceil(maxCellChars / 12))
	for (let row = 0; row < maxRows; row++) {
		const cells: Array<string> = []
		for (let column = 0; column < maxColumns; column++)
			cells.push(`${row}-${column}-${filler}`.slice(0, maxCellChars))
		sheet.addRow(cells)
	}
	const bytes = new Uint8Array(await book.xlsx.writeBuffer())
	if (bytes.length > peopleImportLimits.maxBytes)
		throw new Error(`the largest import came out at ${bytes.length} bytes, over the limit`)
	return bytes
}
