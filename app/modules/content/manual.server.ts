// The manual alone: loaded, validated and compiled once. It knows nothing of quizzes or
// certification; start-up composes it with the item bank and the rules (modules/catalog).
import { createHash } from 'node:crypto'
import path from 'node:path'
import { buildLessons } from './compile.server.tsx'
import { type ContentError } from './lesson-file.ts'
import { loadContent, type LoadedContent, type ServiceSource } from './load.server.ts'
import { type Category, type Unit } from './schema.ts'
import { buildSearchIndex, loadSynonyms, type SearchIndex } from './search.server.ts'

export type ManualService = ServiceSource & {
	html: string
	active: boolean
}

export type Manual = {
	root: string
	categories: Array<Category>
	units: Array<Unit>
	services: Map<string, ManualService>
	/** Active services in catalogue order (category order, then code). */
	ordered: Array<ManualService>
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

let loads = 0

/** The manual and what was read to make it (the item bank is built from the same sources). */
export async function loadManual(options: {
	root: string
	cacheDir: string
	concurrency?: number
}): Promise<{ manual: Manual; content: LoadedContent }> {
	const content = await loadContent(options.root)
	const errors = [...content.errors]
	if (!content.registryOk || errors.length > 0) throw new ContentLoadError(errors)
	const build = await buildLessons(content.services, content.units, {
		cacheDir: path.join(options.cacheDir, 'lessons'),
		concurrency: options.concurrency,
	})
	const synonyms = await loadSynonyms(options.root)
	errors.push(...build.errors, ...synonyms.errors)
	if (errors.length > 0) throw new ContentLoadError(errors)

	const categoryOrder = new Map(content.categories.map((c, i) => [c.name, i]))
	const services = new Map<string, ManualService>()
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
	const manual: Manual = {
		root: options.root,
		categories: content.categories,
		units: content.units,
		services,
		ordered,
		search: buildSearchIndex(ordered, synonyms.synonyms),
		fingerprint: createHash('sha256')
			.update(ordered.map((s) => `${s.code}@${s.revision}`).join(','))
			.digest('hex')
			.slice(0, 12),
		loadedAt: `${Date.now()}-${++loads}`,
	}
	return { manual, content }
}
