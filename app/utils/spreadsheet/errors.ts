// Why a spreadsheet was not read. Importers turn the code into their own message (Chinese in
// the people import page, English in the manual:import CLI).
export type SpreadsheetErrorCode =
	'unreadable' | 'tooLarge' | 'tooManyRows' | 'tooManyColumns' | 'cellTooLong' | 'tooSlow' | 'busy'

export class SpreadsheetError extends Error {
	constructor(
		readonly code: SpreadsheetErrorCode,
		/** Where it was found, as the spreadsheet numbers it (row 1 = the header). */
		readonly at?: { row: number; column: number },
	) {
		super(at ? `${code} at row ${at.row}, column ${at.column}` : code)
		this.name = 'SpreadsheetError'
	}
}

export type TableLimits = {
	/** The file itself. */
	maxBytes: number
	/** Data rows, the header not counted. */
	maxRows: number
	maxColumns: number
	maxCellChars: number
	/** What an XLSX part (shared strings, the sheet) may inflate to: see partBytesFor. */
	maxPartBytes: number
}

/**
 * As much XML as the largest table within the other limits needs (three bytes a Chinese
 * character, ~64 bytes of markup a cell, a megabyte for the rest): no more is ever inflated.
 */
export function partBytesFor(limits: Omit<TableLimits, 'maxPartBytes' | 'maxBytes'>): number {
	return (limits.maxRows + 1) * limits.maxColumns * (limits.maxCellChars * 3 + 64) + 1024 * 1024
}

/** A table as read: the header row and the data rows, numbered as the spreadsheet shows them. */
export type Table = {
	header: Array<string>
	rows: Array<{ row: number; cells: Array<string> }>
}
