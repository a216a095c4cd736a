// A restart reuses what the previous start composed (docs/decisions/019): the catalog built from
// content/ and the published revisions, serialized with node:v8 in the cache folder under a key
// that hashes every file of content/, the published revisions over it and the code that composes
// them. A snapshot whose key differs, or whose bytes do not match their checksum, is rebuilt:
// it is never served.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import { z } from 'zod'
import { type CertificationRules } from '#app/modules/certification/rules.server.ts'
import { type Manual, type PublishedService } from '#app/modules/content/manual.server.ts'
import { canonicalJson } from '#app/modules/content/revision.ts'
import { type ItemBank } from '#app/modules/quizzes/bank.server.ts'

/** Bumped whenever what is stored changes shape. */
const snapshotFormat = 1

export type SnapshotOptions = {
	/** Where the snapshot lives (the cache folder). */
	dir: string
	/** Identifies the code that composes the catalog (the server build's hash): new code, new key. */
	codeVersion: string
}

/** The catalog as composed from the files and the published revisions, before the other overlays. */
export type ComposedCatalog = {
	manual: Omit<Manual, 'loadedAt'>
	bank: ItemBank
	/** The rules of content/certification.yml. */
	rules: CertificationRules
}

export type SnapshotOutcome = 'reused' | 'missing' | 'stale' | 'corrupt'

const snapshotName = 'catalog.snapshot'

function sha256(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex')
}

/**
 * Every file and folder under the content root, by relative path and content. Dot entries (the
 * import lock and staging folders, a cache kept inside the root) and `exclude` are left out.
 */
export async function contentHash(root: string, exclude: Array<string> = []): Promise<string> {
	const skipped = new Set(exclude.map((dir) => path.resolve(dir)))
	const entries: Array<{ relative: string; full: string; isFile: boolean }> = []
	async function walk(dir: string) {
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name)
			if (entry.name.startsWith('.') || skipped.has(full)) continue
			const relative = path.relative(root, full).split(path.sep).join('/')
			if (entry.isDirectory()) {
				entries.push({ relative: `${relative}/`, full, isFile: false })
				await walk(full)
			} else {
				entries.push({ relative, full, isFile: true })
			}
		}
	}
	await walk(path.resolve(root))
	entries.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
	const contents = await Promise.all(
		entries.map((entry) => (entry.isFile ? readFile(entry.full) : null)),
	)
	const hash = createHash('sha256')
	entries.forEach((entry, i) => {
		const content = contents[i]
		hash.update(`${entry.relative}\0${content ? sha256(content) : 'dir'}\n`)
	})
	return hash.digest('hex')
}

/** The key a snapshot must carry to be reused: what the catalog is composed from, and by what. */
export async function snapshotKey(input: {
	root: string
	cacheDir: string
	codeVersion: string
	published: ReadonlyArray<PublishedService>
}): Promise<string> {
	const files = await contentHash(input.root, [input.cacheDir])
	return sha256(
		[
			`format ${snapshotFormat}`,
			`code ${input.codeVersion}`,
			// node:v8's wire format follows the engine.
			`node ${process.versions.node} v8 ${process.versions.v8}`,
			`files ${files}`,
			`published ${sha256(canonicalJson(input.published))}`,
		].join('\n'),
	)
}

const headerSchema = z.object({
	format: z.literal(snapshotFormat),
	key: z.string(),
	bytes: z.number().int().nonnegative(),
	checksum: z.string(),
})

// The checksum proves the bytes are the ones written; this checks they are the shape expected.
const composedSchema = z.object({
	manual: z.object({
		root: z.string(),
		categories: z.array(z.unknown()),
		units: z.array(z.unknown()),
		services: z.instanceof(Map),
		ordered: z.array(z.object({ code: z.string(), html: z.string() })),
		search: z.object({ documents: z.array(z.unknown()), pairs: z.instanceof(Set) }),
		fingerprint: z.string(),
	}),
	bank: z.object({
		items: z.instanceof(Map),
		byService: z.instanceof(Map),
		scenarioCount: z.number().int(),
		errors: z.array(z.unknown()),
	}),
	rules: z.object({ service: z.object({}).passthrough(), exam: z.object({}).passthrough() }),
})

function snapshotFile(dir: string) {
	return path.join(dir, snapshotName)
}

/** The snapshot written under `key`, or why there is none to reuse. */
export async function readSnapshot(
	dir: string,
	key: string,
): Promise<
	{ outcome: 'reused'; composed: ComposedCatalog } | { outcome: Exclude<SnapshotOutcome, 'reused'> }
> {
	let data: Buffer
	try {
		data = await readFile(snapshotFile(dir))
	} catch {
		return { outcome: 'missing' }
	}
	const newline = data.indexOf(0x0a)
	if (newline < 0) return { outcome: 'corrupt' }
	let header: z.infer<typeof headerSchema>
	try {
		const parsed = headerSchema.safeParse(JSON.parse(data.subarray(0, newline).toString('utf8')))
		if (!parsed.success) return { outcome: 'corrupt' }
		header = parsed.data
	} catch {
		return { outcome: 'corrupt' }
	}
	if (header.key !== key) return { outcome: 'stale' }
	const payload = data.subarray(newline + 1)
	if (payload.length !== header.bytes || sha256(payload) !== header.checksum)
		return { outcome: 'corrupt' }
	try {
		const value: unknown = v8.deserialize(payload)
		if (!composedSchema.safeParse(value).success) return { outcome: 'corrupt' }
		// Shape checked above, bytes proven by the checksum: this is what writeSnapshot stored.
		return { outcome: 'reused', composed: value as ComposedCatalog }
	} catch {
		return { outcome: 'corrupt' }
	}
}

/** Store the composed catalog under `key`: written aside, then renamed, so a reader never sees half. */
export async function writeSnapshot(dir: string, key: string, composed: ComposedCatalog) {
	const payload = v8.serialize(composed)
	const header = JSON.stringify({
		format: snapshotFormat,
		key,
		bytes: payload.length,
		checksum: sha256(payload),
	})
	await mkdir(dir, { recursive: true })
	const file = snapshotFile(dir)
	const tmp = `${file}.${process.pid}.tmp`
	try {
		await writeFile(tmp, Buffer.concat([Buffer.from(`${header}\n`), payload]))
		await rename(tmp, file)
	} catch (error) {
		await unlink(tmp).catch(() => {})
		throw error
	}
}

/** A hash of the files that make up the running code (the server build, the locked packages). */
export async function codeVersionOf(files: Array<string>): Promise<string> {
	const hash = createHash('sha256')
	for (const file of files) {
		const content = await readFile(file).catch(() => null)
		hash.update(`${path.basename(file)}\0${content ? sha256(content) : 'absent'}\n`)
	}
	return hash.digest('hex')
}
