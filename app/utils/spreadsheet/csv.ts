// Reads a CSV upload as a table: UTF-8 (with or without BOM), or GB18030, which is what Excel
// on a Chinese Windows writes when it saves "CSV (逗号分隔)".
import { parse } from 'csv-parse/sync'
import { SpreadsheetError, type Table, type TableLimits } from './errors.ts'

/** The text, or null when the bytes are neither (a binary file renamed .csv, say). */
export function decodeText(bytes: Uint8Array): string | null {
	for (const encoding of ['utf-8', 'gb18030']) {
		try {
			return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
		} catch {
			// Not this encoding: try the next.
		}
	}
	return null
}

export function readCsv(bytes: Uint8Array, limits: TableLimits): Table {
	const text = decodeText(bytes)
	if (text === null) throw new SpreadsheetError('unreadable')
	let records: Array<Array<string>>
	try {
		records = parse(text, {
			relax_column_count: true,
			skip_empty_lines: false,
			max_record_size: limits.maxCellChars * limits.maxColumns,
		})
	} catch {
		throw new SpreadsheetError('unreadable')
	}
	const table: Table = { header: [], rows: [] }
	let headerSeen = false
	for (const [index, record] of records.entries()) {
		const row = index + 1
		const last = record.findLastIndex((cell) => cell.trim() !== '')
		if (last < 0) continue
		if (last + 1 > limits.maxColumns)
			throw new SpreadsheetError('tooManyColumns', { row, column: last + 1 })
		const long = record.findIndex((cell) => cell.length > limits.maxCellChars)
		if (long >= 0) throw new SpreadsheetError('cellTooLong', { row, column: long + 1 })
		const cells = record.slice(0, last + 1)
		if (!headerSeen) {
			table.header = cells
			headerSeen = true
			continue
		}
		if (table.rows.length >= limits.maxRows)
			throw new SpreadsheetError('tooManyRows', { row, column: 1 })
		table.rows.push({ row, cells })
	}
	return table
}
