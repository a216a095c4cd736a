// A restart reuses the catalog the previous start composed (docs/decisions/019), but only while
// nothing it was made from changed: a changed file, other published revisions or other code
// compose it again, and a damaged snapshot is never served.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { loadCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { type SnapshotOutcome } from '#app/modules/catalog/snapshot.server.ts'
import { copyFixtureContent, editLesson } from '#tests/utils/content.ts'

async function load(
	root: string,
	options: { codeVersion?: string; published?: Parameters<typeof loadCatalog>[0]['published'] } = {},
): Promise<{ catalog: Catalog; outcome: SnapshotOutcome | null }> {
	let outcome: SnapshotOutcome | null = null
	const cacheDir = path.join(root, '.cache')
	const catalog = await loadCatalog({
		root,
		cacheDir,
		concurrency: 1,
		published: options.published,
		snapshot: {
			dir: cacheDir,
			codeVersion: options.codeVersion ?? 'build-1',
			onOutcome: (found) => (outcome = found),
		},
	})
	return { catalog, outcome }
}

const snapshotFile = (root: string) => path.join(root, '.cache', 'catalog.snapshot')

/** What a reader and a quiz taker meet: every lesson, every item, the search index, the rules. */
function served(catalog: Catalog) {
	return {
		ordered: catalog.ordered.map((s) => [s.code, s.revision, s.html]),
		services: [...catalog.services.values()].map((s) => [s.code, s.frontmatter, s.body]),
		items: [...catalog.bank.items.entries()],
		byService: [...catalog.bank.byService.entries()],
		search: catalog.search.documents,
		fingerprint: catalog.fingerprint,
		rules: catalog.rules,
	}
}

test('a restart with nothing changed reuses the last start’s catalog and serves the same manual', async () => {
	const root = await copyFixtureContent()
	const first = await load(root)
	expect(first.outcome).toBe('missing')
	const again = await load(root)
	expect(again.outcome).toBe('reused')
	expect(served(again.catalog)).toEqual(served(first.catalog))
	expect(again.catalog.root).toBe(root)
	// A new load all the same: page caches keyed on the load start afresh.
	expect(again.catalog.loadedAt).not.toBe(first.catalog.loadedAt)
	// One service object per code, as a load from the files gives.
	expect(again.catalog.ordered[0]).toBe(again.catalog.services.get(again.catalog.ordered[0]!.code))
	await rm(root, { recursive: true, force: true })
})

test('a changed lesson file is served after a restart, and the next restart reuses it', async () => {
	const root = await copyFixtureContent()
	await load(root)
	const marker = '重启后应读到的新段落。'
	await editLesson(root, 'XY-SBK-004', (lesson) => ({
		...lesson,
		body: `${lesson.body.trimEnd()}\n\n${marker}\n`,
	}))
	const changed = await load(root)
	expect(changed.outcome).toBe('stale')
	expect(changed.catalog.services.get('XY-SBK-004')?.html).toContain(marker)
	const reused = await load(root)
	expect(reused.outcome).toBe('reused')
	expect(reused.catalog.services.get('XY-SBK-004')?.html).toContain(marker)
	await rm(root, { recursive: true, force: true })
})

test('any input composes the catalog again: the rules, a new folder, the published revisions, the code', async () => {
	const root = await copyFixtureContent()
	const base = await load(root)
	expect(base.catalog.rules.exam.items).not.toBe(7)

	const rulesFile = path.join(root, 'certification.yml')
	const rules = await readFile(rulesFile, 'utf8')
	expect(rules).toMatch(/^exam:\n {2}items: \d+$/m)
	await writeFile(rulesFile, rules.replace(/^exam:\n {2}items: \d+$/m, 'exam:\n  items: 7'))
	const newRules = await load(root)
	expect(newRules.outcome).toBe('stale')
	expect(newRules.catalog.rules.exam.items).toBe(7)

	// An empty service folder is an error of the manual: a snapshot must not hide it.
	await mkdir(path.join(root, 'services', 'XY-SY-999'))
	await expect(load(root)).rejects.toThrow(/XY-SY-999.*lesson\.mdx is missing/)
	await rm(path.join(root, 'services', 'XY-SY-999'), { recursive: true })
	expect((await load(root)).outcome).toBe('reused')

	const source = base.catalog.services.get('XY-SY-001')!
	const published = [
		{
			code: 'XY-SY-001',
			id: 42,
			frontmatter: { ...source.frontmatter, name: `${source.frontmatter.name}（已发布）` },
			body: source.body,
		},
	]
	const withPublished = await load(root, { published })
	expect(withPublished.outcome).toBe('stale')
	expect(withPublished.catalog.services.get('XY-SY-001')?.frontmatter.name).toMatch(/已发布/)
	// Back to the files alone: not the published snapshot.
	const filesAlone = await load(root)
	expect(filesAlone.outcome).toBe('stale')
	expect(filesAlone.catalog.services.get('XY-SY-001')?.frontmatter.name).toBe(
		source.frontmatter.name,
	)

	expect((await load(root, { codeVersion: 'build-2' })).outcome).toBe('stale')
	await rm(root, { recursive: true, force: true })
})

test('a damaged snapshot is composed again from the files, never served', async () => {
	const root = await copyFixtureContent()
	const fromFiles = served((await load(root)).catalog)
	const name = (await load(root)).catalog.services.get('XY-SBK-004')!.frontmatter.name
	const intact = await readFile(snapshotFile(root))

	// Bytes changed inside a value, so the payload still reads: the checksum catches it.
	const stored = Buffer.from(name, 'utf16le')
	const at = intact.indexOf(stored)
	expect(at).toBeGreaterThan(0)
	const altered = Buffer.from(intact)
	Buffer.from('冒'.repeat(name.length), 'utf16le').copy(altered, at)
	await writeFile(snapshotFile(root), altered)
	const afterAltered = await load(root)
	expect(afterAltered.outcome).toBe('corrupt')
	expect(served(afterAltered.catalog)).toEqual(fromFiles)
	expect((await load(root)).outcome).toBe('reused')

	// Cut short, as by a full disk.
	await writeFile(snapshotFile(root), intact.subarray(0, Math.floor(intact.length / 2)))
	const afterCut = await load(root)
	expect(afterCut.outcome).toBe('corrupt')
	expect(served(afterCut.catalog)).toEqual(fromFiles)

	// Not a snapshot at all.
	await writeFile(snapshotFile(root), 'not a snapshot')
	const afterGarbage = await load(root)
	expect(afterGarbage.outcome).toBe('corrupt')
	expect(served(afterGarbage.catalog)).toEqual(fromFiles)
	await rm(root, { recursive: true, force: true })
})
