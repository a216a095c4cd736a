// Hand-made XLSX files for tests: a minimal ZIP writer and a workbook around a sheet's XML, for
// what exceljs will not write (a zip bomb, inline rich text, cells without references).
import { crc32, deflateRawSync } from 'node:zlib'

export function zip(entries: Array<{ name: string; data: string | Buffer }>): Buffer {
	const locals: Array<Buffer> = []
	const directory: Array<Buffer> = []
	let offset = 0
	for (const entry of entries) {
		const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data
		const compressed = deflateRawSync(raw)
		const name = Buffer.from(entry.name, 'utf8')
		const crc = crc32(raw)
		const local = Buffer.alloc(30)
		local.writeUInt32LE(0x04034b50, 0)
		local.writeUInt16LE(20, 4)
		local.writeUInt16LE(8, 8)
		local.writeUInt32LE(crc, 14)
		local.writeUInt32LE(compressed.length, 18)
		local.writeUInt32LE(raw.length, 22)
		local.writeUInt16LE(name.length, 26)
		locals.push(local, name, compressed)
		const central = Buffer.alloc(46)
		central.writeUInt32LE(0x02014b50, 0)
		central.writeUInt16LE(20, 4)
		central.writeUInt16LE(20, 6)
		central.writeUInt16LE(8, 10)
		central.writeUInt32LE(crc, 16)
		central.writeUInt32LE(compressed.length, 20)
		central.writeUInt32LE(raw.length, 24)
		central.writeUInt16LE(name.length, 28)
		central.writeUInt32LE(offset, 42)
		directory.push(central, name)
		offset += 30 + name.length + compressed.length
	}
	const directoryBytes = Buffer.concat(directory)
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(entries.length, 8)
	end.writeUInt16LE(entries.length, 10)
	end.writeUInt32LE(directoryBytes.length, 12)
	end.writeUInt32LE(offset, 16)
	return Buffer.concat([...locals, directoryBytes, end])
}

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A workbook of one sheet; sheetData is the XML inside <sheetData>. */
export function xlsxOf(
	sheetData: string,
	options: { sharedStrings?: Array<string>; numberFormats?: Array<string> } = {},
): Buffer {
	const formats = options.numberFormats ?? []
	const entries = [
		{
			name: 'xl/workbook.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${relationships}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		},
		{
			name: 'xl/worksheets/sheet1.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData>${sheetData}</sheetData></worksheet>`,
		},
		{
			name: 'xl/styles.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${main}"><numFmts>${formats
				.map(
					(code, i) =>
						`<numFmt numFmtId="${164 + i}" formatCode="${code.replace(/"/g, '&quot;')}"/>`,
				)
				.join('')}</numFmts><cellXfs><xf numFmtId="0"/>${formats
				.map((_, i) => `<xf numFmtId="${164 + i}"/>`)
				.join('')}</cellXfs></styleSheet>`,
		},
	]
	if (options.sharedStrings)
		entries.push({
			name: 'xl/sharedStrings.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}">${options.sharedStrings
				.map((s) => `<si>${s}</si>`)
				.join('')}</sst>`,
		})
	return zip(entries)
}
