// A streaming ZIP writer for the XLSX exports: each entry is deflated as it is produced (zlib runs
// on libuv's thread pool, beside the thread that writes the XML) and its CRC and sizes follow it
// in a data descriptor, so an entry of any length never sits in memory. No ZIP64: an entry or the
// archive past 4 GiB fails loudly instead of writing a file that opens corrupt.
import { Readable, pipeline } from 'node:stream'
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

export type ZipEntry = {
	name: string
	/** A small part given whole, or a large one given piece by piece. */
	data: string | AsyncIterable<string | Uint8Array>
}

const maxZipBytes = 0xffffffff
const utf8Names = 0x0800
const sizesFollow = 0x0008

/** The MS-DOS time and date of a ZIP header (local time, two-second resolution). */
function dosDateTime(date: Date): { time: number; date: number } {
	return {
		time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
		date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
	}
}

type Written = {
	name: Buffer
	flags: number
	crc: number
	compressed: number
	size: number
	offset: number
}

function checkSize(bytes: number, what: string) {
	if (bytes > maxZipBytes) throw new Error(`${what} is larger than 4 GiB (ZIP64 is not written)`)
}

/**
 * The archive's bytes, entry after entry, as the reader asks for them: a large entry's next piece
 * is produced only when the deflated bytes before it have been taken.
 */
export async function* zipStream(
	entries: Iterable<ZipEntry>,
	options: { level: number; modified?: Date },
): AsyncGenerator<Uint8Array> {
	const stamp = dosDateTime(options.modified ?? new Date())
	const written: Array<Written> = []
	let offset = 0
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8')
		const whole = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : null
		const flags = utf8Names | (whole ? 0 : sizesFollow)
		const record: Written = { name, flags, crc: 0, compressed: 0, size: 0, offset }
		let body: Buffer | null = null
		if (whole) {
			body = deflateRawSync(whole, { level: options.level })
			record.crc = crc32(whole)
			record.compressed = body.length
			record.size = whole.length
		}
		const local = Buffer.alloc(30)
		local.writeUInt32LE(0x04034b50, 0)
		local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
		local.writeUInt16LE(flags, 6)
		local.writeUInt16LE(8, 8) // deflate
		local.writeUInt16LE(stamp.time, 10)
		local.writeUInt16LE(stamp.date, 12)
		local.writeUInt32LE(record.crc, 14)
		local.writeUInt32LE(record.compressed, 18)
		local.writeUInt32LE(record.size, 22)
		local.writeUInt16LE(name.length, 26)
		yield local
		yield name
		offset += local.length + name.length
		if (body) {
			yield body
		} else if (typeof entry.data !== 'string') {
			const source = entry.data
			// CRC and size of what goes in, counted on the way to the deflater.
			async function* counted() {
				for await (const piece of source) {
					const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece
					record.crc = crc32(bytes, record.crc)
					record.size += bytes.length
					yield bytes
				}
			}
			// pipeline: when the reader stops early, the deflater and the source are closed too.
			const deflated = pipeline(
				// One piece waits at a time (object mode would queue 16).
				Readable.from(counted(), { highWaterMark: 1 }),
				createDeflateRaw({ level: options.level }),
				() => {},
			)
			for await (const chunk of deflated as AsyncIterable<Buffer>) {
				record.compressed += chunk.length
				yield chunk
			}
			checkSize(record.size, entry.name)
			const descriptor = Buffer.alloc(16)
			descriptor.writeUInt32LE(0x08074b50, 0)
			descriptor.writeUInt32LE(record.crc, 4)
			descriptor.writeUInt32LE(record.compressed, 8)
			descriptor.writeUInt32LE(record.size, 12)
			yield descriptor
			offset += descriptor.length
		}
		offset += record.compressed
		checkSize(offset, 'the archive')
		written.push(record)
	}
	const directory: Array<Buffer> = []
	for (const record of written) {
		const central = Buffer.alloc(46)
		central.writeUInt32LE(0x02014b50, 0)
		central.writeUInt16LE(20, 4) // made by: 2.0, MS-DOS attributes
		central.writeUInt16LE(20, 6)
		central.writeUInt16LE(record.flags, 8)
		central.writeUInt16LE(8, 10)
		central.writeUInt16LE(stamp.time, 12)
		central.writeUInt16LE(stamp.date, 14)
		central.writeUInt32LE(record.crc, 16)
		central.writeUInt32LE(record.compressed, 20)
		central.writeUInt32LE(record.size, 24)
		central.writeUInt16LE(record.name.length, 28)
		central.writeUInt32LE(record.offset, 42)
		directory.push(central, record.name)
	}
	const directoryBytes = Buffer.concat(directory)
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(written.length, 8)
	end.writeUInt16LE(written.length, 10)
	end.writeUInt32LE(directoryBytes.length, 12)
	end.writeUInt32LE(offset, 16)
	yield directoryBytes
	yield end
}
