// The manual alone: loaded, validated and compiled once. It knows nothing of quizzes or
// certification; start-up composes it with the item bank and the rules (modules/catalog).
import { createHash } from 'node:crypto'
import path from 'node:path'
import { buildLessons } from './compile.server.tsx'
import { serializeLessonFile, type ContentError } from './lesson-file.ts'
import { loadContent, type LoadedContent, type ServiceSource } from './load.server.ts'
import { revisionOf } from './revision.ts'
import { pickNormative, type Category, type Frontmatter, type Unit } from './schema.ts'
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
		bodyStartLine:
			sourceText.length - body.length > 0
				? sourceText.slice(0, sourceText.length - body.length).split('\n').length
				: 1,
		sourceText,
	}
}

export class ContentLoadError extends Error {
	constructor(readonly errors: Array<ContentError>) {
		super(`content has ${errors.length} error(s):\n${errors.map((e) => `  ${e.file}:${e.line}: ${e.message}`).join('\n')}`)
	}
}

let loads = 0

/** A new identity for a load of the manual (page caches key on it): every load, every process. */
export function newLoadId(): string {
	return `${Date.now()}-${++loads}`
}

/** The manual and what was read to make it (the item bank is built from the same sources). */
export async function loadManual(options: {
	root: string
	cacheDir: string
	concurrency?: number
	/** Called as lessons compile (the first start says how far it is). */
	onProgress?: (done: number, total: number) => void
	/** Published revisions laid over the files (newest per service). */
	published?: ReadonlyArray<PublishedService>
}): Promise<{ manual: Manual; content: LoadedContent }> {
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
		onProgress: options.onProgress,
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
		loadedAt: newLoadId(),
	}
	return { manual, content }
}
