// A one-sheet XLSX written by hand and streamed (ADR 020): the workbook's small parts are fixed
// text, the sheet's rows come from the caller as XML already made with the helpers below, and
// everything goes through zipStream. Strings are inline (no shared-strings table to hold in
// memory), numbers are numbers, moments are date-time cells in Shanghai time.
import { zipStream } from './zip-writer.server.ts'

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const officeRelationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const packageRelationships = 'http://schemas.openxmlformats.org/package/2006/relationships'
const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** Cell style ids of styles.xml below. */
export const xlsxStyle = { header: 1, datetime: 2 } as const

/** A, B, …, Z, AA, …: the letters of the 0-based column `index`. */
export function columnLetters(index: number): string {
	let letters = ''
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
	return letters
}

// What XML text cannot carry as is: markup characters, the control characters XML 1.0 forbids
// (written as OOXML's _xHHHH_, which Excel shows as the character), a literal _xHHHH_ (its
// underscore escaped, so Excel does not decode it), and edge spaces (kept by xml:space).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const needsEscape = /[<>&\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_|^\s|\s$/
// eslint-disable-next-line no-control-regex -- as above
const escapes = /[<>&\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g
const entity: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' }

function escapeOne(character: string): string {
	return (
		entity[character] ?? `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`
	)
}

/** The `<is>` of an inline string cell: `t="inlineStr"` goes on its `<c>`. */
export function inlineString(text: string): string {
	if (!needsEscape.test(text)) return `<is><t>${text}</t></is>`
	const escaped = text.replace(escapes, escapeOne)
	return /^\s|\s$/.test(text)
		? `<is><t xml:space="preserve">${escaped}</t></is>`
		: `<is><t>${escaped}</t></is>`
}

const attributeEntity: Record<string, string> = { ...entity, '"': '&quot;' }
function escapeAttribute(text: string): string {
	return text.replace(/[<>&"]/g, (c) => attributeEntity[c] ?? c)
}

const dayMs = 86_400_000
/** 1970-01-01 as an Excel serial day (the 1900 date system). */
const unixEpochSerial = 25_569
const shanghaiOffsetMs = 8 * 3_600_000

/** Excel's serial number of a moment, on the Shanghai wall clock (what the CSV shows too). */
export function shanghaiSerial(epochMs: number): number {
	return (epochMs + shanghaiOffsetMs) / dayMs + unixEpochSerial
}

function styles(): string {
	return `${xmlDeclaration}<styleSheet xmlns="${main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
}

function sheetHead(columns: Array<{ header: string; width: number }>): string {
	const cols = columns
		.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
		.join('')
	const header = columns
		.map(
			(c, i) =>
				`<c r="${columnLetters(i)}1" s="${xlsxStyle.header}" t="inlineStr">${inlineString(c.header)}</c>`,
		)
		.join('')
	return `${xmlDeclaration}<worksheet xmlns="${main}" xmlns:r="${officeRelationships}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1" s="${xlsxStyle.header}" customFormat="1">${header}</row>`
}

const sheetTail =
	'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'

/**
 * The workbook's bytes. `rows` yields the XML of rows 2, 3, … (`<row r="2">…</row>`); its next
 * piece is asked for only when the previous one has gone into the deflater.
 */
export function xlsxWorkbook(options: {
	sheetName: string
	columns: Array<{ header: string; width: number }>
	rows: AsyncIterable<string>
	level: number
}): AsyncGenerator<Uint8Array> {
	const { sheetName, columns, rows } = options
	async function* sheet() {
		yield sheetHead(columns)
		yield* rows
		yield sheetTail
	}
	return zipStream(
		[
			{
				name: '[Content_Types].xml',
				data: `${xmlDeclaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
			},
			{
				name: '_rels/.rels',
				data: `${xmlDeclaration}<Relationships xmlns="${packageRelationships}"><Relationship Id="rId1" Type="${officeRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
			},
			{
				name: 'xl/workbook.xml',
				data: `${xmlDeclaration}<workbook xmlns="${main}" xmlns:r="${officeRelationships}"><sheets><sheet name="${escapeAttribute(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			},
			{
				name: 'xl/_rels/workbook.xml.rels',
				data: `${xmlDeclaration}<Relationships xmlns="${packageRelationships}"><Relationship Id="rId1" Type="${officeRelationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${officeRelationships}/styles" Target="styles.xml"/></Relationships>`,
			},
			{ name: 'xl/styles.xml', data: styles() },
			{ name: 'xl/worksheets/sheet1.xml', data: sheet() },
		],
		{ level: options.level },
	)
}
