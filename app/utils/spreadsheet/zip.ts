// Just enough of the ZIP format to read an XLSX without trusting it: the central directory is
// read first (entry count bounded), and each entry is inflated as a stream the caller stops
// whenever it has seen enough, never past a byte limit, so a small "zip bomb" stays small.
import { createInflateRaw } from 'node:zlib'
import { SpreadsheetError } from './errors.ts'

type Entry = { name: string; method: number; compressedSize: number; localHeaderOffset: number }

const endOfCentralDirectory = 0x06054b50
const centralDirectoryHeader = 0x02014b50
const localFileHeader = 0x04034b50

export type ZipArchive = {
	has: (name: string) => boolean
	/** The entry's bytes, decompressed in chunks; throws once more than maxBytes come out. */
	stream: (name: string, maxBytes: number) => AsyncGenerator<Buffer>
	/** The whole entry as text (small entries: workbook, relations, styles). */
	text: (name: string, maxBytes: number) => Promise<string>
}

function unreadable(): never {
	throw new SpreadsheetError('unreadable')
}

export function openZip(bytes: Buffer, limits: { maxEntries: number }): ZipArchive {
	// The end-of-central-directory record sits in the last 22 bytes plus a comment of ≤ 64 KB.
	let end = -1
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
		if (bytes.readUInt32LE(i) === endOfCentralDirectory) {
			end = i
			break
		}
	}
	if (end < 0) unreadable()
	const count = bytes.readUInt16LE(end + 10)
	const directoryOffset = bytes.readUInt32LE(end + 16)
	// 0xFFFF / 0xFFFFFFFF mean ZIP64: no spreadsheet within our byte limit needs it.
	if (count === 0xffff || directoryOffset === 0xffffffff) unreadable()
	if (count > limits.maxEntries) throw new SpreadsheetError('tooLarge')

	const entries = new Map<string, Entry>()
	let at = directoryOffset
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== centralDirectoryHeader) unreadable()
		const nameLength = bytes.readUInt16LE(at + 28)
		const extraLength = bytes.readUInt16LE(at + 30)
		const commentLength = bytes.readUInt16LE(at + 32)
		const name = bytes.toString('utf8', at + 46, at + 46 + nameLength)
		entries.set(name.replace(/^\//, ''), {
			name,
			method: bytes.readUInt16LE(at + 10),
			compressedSize: bytes.readUInt32LE(at + 20),
			localHeaderOffset: bytes.readUInt32LE(at + 42),
		})
		at += 46 + nameLength + extraLength + commentLength
	}

	function dataOf(entry: Entry): Buffer {
		const local = entry.localHeaderOffset
		if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== localFileHeader) unreadable()
		const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
		if (start + entry.compressedSize > bytes.length) unreadable()
		return bytes.subarray(start, start + entry.compressedSize)
	}

	async function* stream(name: string, maxBytes: number): AsyncGenerator<Buffer> {
		const entry = entries.get(name)
		if (!entry) unreadable()
		const data = dataOf(entry)
		if (entry.method === 0) {
			if (data.length > maxBytes) throw new SpreadsheetError('tooLarge')
			yield data
			return
		}
		if (entry.method !== 8) unreadable()
		const inflate = createInflateRaw({ chunkSize: 64 * 1024 })
		inflate.end(data)
		let total = 0
		try {
			for await (const chunk of inflate) {
				const piece: Buffer = chunk
				total += piece.length
				if (total > maxBytes) throw new SpreadsheetError('tooLarge')
				yield piece
			}
		} catch (error) {
			if (error instanceof SpreadsheetError) throw error
			unreadable()
		} finally {
			inflate.destroy()
		}
	}

	async function text(name: string, maxBytes: number): Promise<string> {
		const chunks: Array<Buffer> = []
		for await (const chunk of stream(name, maxBytes)) chunks.push(chunk)
		return Buffer.concat(chunks).toString('utf8')
	}

	return { has: (name) => entries.has(name), stream, text }
}
