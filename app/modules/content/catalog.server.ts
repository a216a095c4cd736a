// The manual in memory: loaded, validated and compiled once at start-up (or by a test), then
// read by every request. App servers stay stateless: this is derived from content/ alone.
import { createHash } from 'node:crypto'
import path from 'node:path'
import { addScenarios, loadItemBank, type ItemBank } from '#app/modules/quizzes/bank.server.ts'
import { type Scenario } from '#app/modules/quizzes/content-schema.ts'
import { loadCertificationRules, type CertificationRules } from '#app/modules/certification/rules.server.ts'
import { buildLessons } from './compile.server.tsx'
import { serializeLessonFile, type ContentError } from './lesson-file.ts'
import { loadContent, type ServiceSource } from './load.server.ts'
import { revisionOf } from './revision.ts'
import { pickNormative, type Category, type Frontmatter, type Unit } from './schema.ts'
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
	/** Which published revisions and standards this load includes ("0:0": the baseline alone). */
	manualVersion: string
}

/** A service as published in the browser (docs/decisions/015): replaces the file's version. */
export type PublishedService = { code: string; frontmatter: Frontmatter; body: string; id: number }

/** The service as a published revision states it, in the shape content/ files load into. */
export function publishedSource(published: PublishedService): ServiceSource {
	const sourceText = serializeLessonFile(published.frontmatter, published.body)
	const body = published.body.startsWith('\n') ? published.body : `\n${published.body}`
	const normative = pickNormative(published.frontmatter)
	return {
		code: published.code,
		file: `services/${published.code}/lesson.mdx（已发布 #${published.id}）`,
		frontmatter: published.frontmatter,
		normative,
		revision: revisionOf(normative),
		body,
		bodyStartLine: sourceText.length - body.length > 0 ? sourceText.slice(0, sourceText.length - body.length).split('\n').length : 1,
		sourceText,
	}
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
	/** Published revisions laid over the files (newest per service). */
	published?: ReadonlyArray<PublishedService>
	/** Scenarios published in the browser (零拒绝 standards), added to the item bank. */
	scenarios?: ReadonlyArray<{ id: string; scenario: Scenario }>
	/** Certification rules saved in the browser, in force instead of certification.yml. */
	rules?: CertificationRules
	manualVersion?: string
}): Promise<Catalog> {
	const content = await loadContent(options.root)
	if (options.published && options.published.length > 0) {
		const overlay = new Map(options.published.map((p) => [p.code, publishedSource(p)]))
		content.services = content.services.map((s) => overlay.get(s.code) ?? s)
		const known = new Set(content.services.map((s) => s.code))
		for (const [code, source] of overlay) if (!known.has(code)) content.services.push(source)
		content.services.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
	}
	const errors = [...content.errors]
	if (!content.registryOk || errors.length > 0) throw new ContentLoadError(errors)
	const build = await buildLessons(content.services, content.units, {
		cacheDir: path.join(options.cacheDir, 'lessons'),
		concurrency: options.concurrency,
	})
	const [bank, rules, synonyms] = await Promise.all([
		loadItemBank(options.root, content.services, content.units),
		loadCertificationRules(options.root),
		loadSynonyms(options.root),
	])
	if (options.scenarios) addScenarios(bank, options.scenarios)
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
		rules: options.rules ?? rules.rules,
		search: buildSearchIndex(ordered, synonyms.synonyms),
		fingerprint: createHash('sha256')
			.update(ordered.map((s) => `${s.code}@${s.revision}`).join(','))
			.digest('hex')
			.slice(0, 12),
		loadedAt: `${Date.now()}-${++loads}`,
		manualVersion: options.manualVersion ?? '0:0',
	}
	current = catalog
	return catalog
}
