// A CSV or XLSX upload as a table of text, within limits checked while reading (ADR 009).
import { readCsv } from './csv.ts'
import { SpreadsheetError, type Table, type TableLimits } from './errors.ts'
import { readXlsx } from './xlsx.ts'

export type TableKind = 'csv' | 'xlsx'

export function tableKindOf(fileName: string): TableKind | null {
	if (/\.xlsx$/i.test(fileName)) return 'xlsx'
	if (/\.csv$/i.test(fileName)) return 'csv'
	return null
}

export async function readTable(
	kind: TableKind,
	bytes: Uint8Array,
	limits: TableLimits,
): Promise<Table> {
	if (bytes.length > limits.maxBytes) throw new SpreadsheetError('tooLarge')
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	return kind === 'xlsx' ? readXlsx(buffer, limits) : readCsv(buffer, limits)
}
