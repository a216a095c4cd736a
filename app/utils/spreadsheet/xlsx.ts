// Reads the first sheet of an XLSX as text, the way Excel shows it, in one pass over the sheet's
// XML: linear in its size, and stopped at the first row, column or cell past the limits — not
// after reading it all. Shared strings and number formats are read first (random access to the
// ZIP), so no part is ever written to disk or held twice.
import { StringDecoder } from 'node:string_decoder'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { builtinFormat, formatGeneral, formatNumber } from './cell-text.ts'
import { SpreadsheetError, type Table, type TableLimits } from './errors.ts'
import { openZip, type ZipArchive } from './zip.ts'

const smallPartBytes = 4 * 1024 * 1024

/** Feed an entry to a SAX parser chunk by chunk; handlers may throw to stop early. */
async function parseEntry(
	zip: ZipArchive,
	name: string,
	maxBytes: number,
	setUp: (parser: SaxesParser) => void,
): Promise<void> {
	const parser = new SaxesParser()
	setUp(parser)
	let failure: unknown = null
	parser.on('error', (error) => {
		failure ??= error
	})
	const decoder = new StringDecoder('utf8')
	for await (const chunk of zip.stream(name, maxBytes)) {
		parser.write(decoder.write(chunk))
		if (failure) throw new SpreadsheetError('unreadable')
	}
	parser.write(decoder.end())
	parser.close()
	if (failure) throw new SpreadsheetError('unreadable')
}

/** OOXML escapes characters XML cannot carry as _xHHHH_; Excel shows the character. */
function unescapeOoxml(text: string): string {
	return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
		String.fromCharCode(parseInt(hex, 16)),
	)
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
	const value = tag.attributes[name]
	return typeof value === 'string' ? value : undefined
}

function localName(tag: { name: string }): string {
	const colon = tag.name.indexOf(':')
	return colon >= 0 ? tag.name.slice(colon + 1) : tag.name
}

async function firstSheetPath(zip: ZipArchive): Promise<{ path: string; date1904: boolean }> {
	let date1904 = false
	let sheetRelation: string | undefined
	await parseEntry(zip, 'xl/workbook.xml', smallPartBytes, (parser) => {
		parser.on('opentag', (tag) => {
			const name = localName(tag)
			if (name === 'workbookPr') {
				const value = attribute(tag, 'date1904')
				date1904 = value === '1' || value === 'true'
			}
			if (name === 'sheet' && sheetRelation === undefined) {
				const key = Object.keys(tag.attributes).find((k) => k === 'r:id' || k.endsWith(':id'))
				sheetRelation = key ? attribute(tag, key) : undefined
			}
		})
	})
	let target: string | undefined
	await parseEntry(zip, 'xl/_rels/workbook.xml.rels', smallPartBytes, (parser) => {
		parser.on('opentag', (tag) => {
			if (localName(tag) === 'Relationship' && attribute(tag, 'Id') === sheetRelation)
				target = attribute(tag, 'Target')
		})
	})
	if (!target) throw new SpreadsheetError('unreadable')
	const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
	if (!zip.has(path)) throw new SpreadsheetError('unreadable')
	return { path, date1904 }
}

/** The number format of each cell style (the s attribute of a cell indexes cellXfs). */
async function cellFormats(zip: ZipArchive): Promise<Array<string>> {
	if (!zip.has('xl/styles.xml')) return []
	const custom = new Map<number, string>()
	const formats: Array<string> = []
	let inCellXfs = false
	await parseEntry(zip, 'xl/styles.xml', smallPartBytes, (parser) => {
		parser.on('opentag', (tag) => {
			const name = localName(tag)
			if (name === 'numFmt') {
				custom.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? 'General')
			} else if (name === 'cellXfs') inCellXfs = true
			else if (name === 'xf' && inCellXfs) {
				const id = Number(attribute(tag, 'numFmtId') ?? 0)
				formats.push(custom.get(id) ?? builtinFormat(id))
			}
		})
		parser.on('closetag', (tag) => {
			if (localName(tag) === 'cellXfs') inCellXfs = false
		})
	})
	return formats
}

/** Text runs of <si> (shared) or <is> (inline) strings, phonetic guides (<rPh>) left out. */
function stringCollector() {
	let text = ''
	let inText = false
	let inPhonetic = false
	return {
		open(name: string) {
			if (name === 'rPh') inPhonetic = true
			else if (name === 't' && !inPhonetic) inText = true
		},
		close(name: string) {
			if (name === 'rPh') inPhonetic = false
			else if (name === 't') inText = false
		},
		text(value: string) {
			if (inText) text += value
		},
		take(): string {
			const taken = unescapeOoxml(text)
			text = ''
			return taken
		},
	}
}

async function sharedStrings(zip: ZipArchive, limits: TableLimits): Promise<Array<string>> {
	if (!zip.has('xl/sharedStrings.xml')) return []
	const strings: Array<string> = []
	const collector = stringCollector()
	await parseEntry(zip, 'xl/sharedStrings.xml', limits.maxPartBytes, (parser) => {
		parser.on('opentag', (tag) => collector.open(localName(tag)))
		parser.on('text', collector.text)
		parser.on('cdata', collector.text)
		parser.on('closetag', (tag) => {
			const name = localName(tag)
			collector.close(name)
			if (name === 'si') strings.push(collector.take())
		})
	})
	return strings
}

/** "BC12" → 55 (column number, 1-based). */
function columnOf(reference: string | undefined): number | null {
	const letters = reference ? /^([A-Za-z]{1,3})\d*$/.exec(reference)?.[1] : undefined
	if (!letters) return null
	let column = 0
	for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64)
	return column
}

export async function readXlsx(bytes: Buffer, limits: TableLimits): Promise<Table> {
	const zip = openZip(bytes, { maxEntries: 1000 })
	const { path, date1904 } = await firstSheetPath(zip)
	const formats = await cellFormats(zip)
	const shared = await sharedStrings(zip, limits)

	const table: Table = { header: [], rows: [] }
	let headerSeen = false
	let rowNumber = 0
	let cells: Array<string> = []
	let cell: {
		column: number
		type: string
		style: number
		value: string
		hasValue: boolean
	} | null = null
	let inValue = false
	const inline = stringCollector()

	function cellText(): string {
		if (!cell) return ''
		const { type, value, hasValue } = cell
		if (type === 'inlineStr') return inline.take()
		if (!hasValue) return ''
		switch (type) {
			case 's':
				return shared[Number(value)] ?? ''
			case 'str':
				return unescapeOoxml(value)
			case 'b':
				return value.trim() === '1' || value.trim() === 'true' ? 'TRUE' : 'FALSE'
			case 'e':
				return value
			case 'd':
				return value.slice(0, 10)
			default: {
				const number = Number(value)
				if (value.trim() === '' || Number.isNaN(number)) return value
				const format = formats[cell.style]
				return format ? formatNumber(number, format, date1904) : formatGeneral(number)
			}
		}
	}

	await parseEntry(zip, path, limits.maxPartBytes, (parser) => {
		parser.on('opentag', (tag) => {
			const name = localName(tag)
			if (name === 'row') {
				const r = Number(attribute(tag, 'r'))
				rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1
				cells = []
			} else if (name === 'c') {
				const column = columnOf(attribute(tag, 'r')) ?? cells.length + 1
				cell = {
					column,
					type: attribute(tag, 't') ?? 'n',
					style: Number(attribute(tag, 's') ?? 0),
					value: '',
					hasValue: false,
				}
			} else if (cell && name === 'v') {
				inValue = true
				cell.hasValue = true
			} else if (cell) inline.open(name)
		})
		const onText = (text: string) => {
			if (!cell) return
			if (inValue) cell.value += text
			else inline.text(text)
		}
		parser.on('text', onText)
		parser.on('cdata', onText)
		parser.on('closetag', (tag) => {
			const name = localName(tag)
			if (name === 'v') inValue = false
			else if (name === 'c' && cell) {
				const text = cellText()
				if (text !== '') {
					const at = { row: rowNumber, column: cell.column }
					if (cell.column > limits.maxColumns) throw new SpreadsheetError('tooManyColumns', at)
					if (text.length > limits.maxCellChars) throw new SpreadsheetError('cellTooLong', at)
					while (cells.length < cell.column - 1) cells.push('')
					cells[cell.column - 1] = text
				}
				cell = null
			} else if (name === 'row') {
				if (!cells.some((c) => c.trim() !== '')) return
				if (!headerSeen) {
					table.header = cells
					headerSeen = true
				} else {
					if (table.rows.length >= limits.maxRows)
						throw new SpreadsheetError('tooManyRows', { row: rowNumber, column: 1 })
					table.rows.push({ row: rowNumber, cells })
				}
			} else if (cell) inline.close(name)
		})
	})
	return table
}
