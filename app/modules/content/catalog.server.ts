// The manual in memory: loaded, validated and compiled once at start-up (or by a test), then
// read by every request. App servers stay stateless: this is derived from content/ alone.
import { createHash } from 'node:crypto'
import path from 'node:path'
import { loadItemBank, type ItemBank } from '#app/modules/quizzes/bank.server.ts'
import { loadCertificationRules, type CertificationRules } from '#app/modules/certification/rules.server.ts'
import { buildLessons } from './compile.server.tsx'
import { type ContentError } from './lesson-file.ts'
import { loadContent, type ServiceSource } from './load.server.ts'
import { type Category, type Unit } from './schema.ts'
import { buildSearchIndex, loadSynonyms, type SearchIndex } from './search.server.ts'

export type CatalogService = ServiceSource & {
	html: string
	active: boolean
}

export type Catalog = {
	root: string
	categories: Array<Category>
	units: Array<Unit>
	services: Map<string, CatalogService>
	/** Active services in catalogue order (category order, then code). */
	ordered: Array<CatalogService>
	bank: ItemBank
	rules: CertificationRules
	search: SearchIndex
	/** A fingerprint of every active service's revision: the exam bank's "revision". */
	fingerprint: string
	/** Identifies this load (lesson HTML can change without a revision): for page caches. */
	loadedAt: string
}

export class ContentLoadError extends Error {
	constructor(readonly errors: Array<ContentError>) {
		super(`content has ${errors.length} error(s):\n${errors.map((e) => `  ${e.file}:${e.line}: ${e.message}`).join('\n')}`)
	}
}

let current: Catalog | null = null
let loads = 0

export function getCatalog(): Catalog {
	if (!current) throw new Error('content not loaded: call loadCatalog() at start-up')
	return current
}

export function setCatalog(catalog: Catalog | null) {
	current = catalog
}

export async function loadCatalog(options: {
	root: string
	cacheDir: string
	concurrency?: number
	onProgress?: (done: number, total: number) => void
}): Promise<Catalog> {
	const content = await loadContent(options.root)
	const errors = [...content.errors]
	if (!content.registryOk || errors.length > 0) throw new ContentLoadError(errors)
	const build = await buildLessons(content.services, content.units, {
		cacheDir: path.join(options.cacheDir, 'lessons'),
		concurrency: options.concurrency,
		onProgress: options.onProgress,
	})
	const [bank, rules, synonyms] = await Promise.all([
		loadItemBank(options.root, content.services, content.units),
		loadCertificationRules(options.root),
		loadSynonyms(options.root),
	])
	errors.push(
		...build.errors,
		...bank.errors.filter((e) => !e.message.includes('has no scenario in cases/')),
		...synonyms.errors,
	)
	if (!rules.ok) errors.push(...rules.errors)
	if (errors.length > 0 || !rules.ok) throw new ContentLoadError(errors)

	const categoryOrder = new Map(content.categories.map((c, i) => [c.name, i]))
	const services = new Map<string, CatalogService>()
	for (const source of content.services) {
		services.set(source.code, {
			...source,
			html: build.lessons.get(source.code)?.html ?? '',
			active: source.frontmatter.active !== false,
		})
	}
	const ordered = [...services.values()]
		.filter((s) => s.active)
		.sort(
			(a, b) =>
				(categoryOrder.get(a.frontmatter.category) ?? 99) - (categoryOrder.get(b.frontmatter.category) ?? 99) ||
				a.code.localeCompare(b.code),
		)
	const catalog: Catalog = {
		root: options.root,
		categories: content.categories,
		units: content.units,
		services,
		ordered,
		bank,
		rules: rules.rules,
		search: buildSearchIndex(ordered, synonyms.synonyms),
		fingerprint: createHash('sha256')
			.update(ordered.map((s) => `${s.code}@${s.revision}`).join(','))
			.digest('hex')
			.slice(0, 12),
		loadedAt: `${Date.now()}-${++loads}`,
	}
	current = catalog
	return catalog
}
