// Compiles lessons with mdx-bundler and renders them to HTML once per content revision.
// The cache (.cache/lessons/<code>.json) is keyed by the hash of what each step reads, so editing
// one lesson recompiles that lesson only. No request ever compiles: see docs/decisions/004.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type * as MdxClientModule from 'mdx-bundler/client/index.js'
import { renderToStaticMarkup } from 'react-dom/server'
import { z } from 'zod'
import {
	createLessonComponents,
	LessonComponentError,
	lessonRendererVersion,
} from '#app/components/lesson/lesson-components.tsx'
import { type ContentError } from './lesson-file.ts'
import { type ServiceSource } from './load.server.ts'
import { canonicalJson } from './revision.ts'
import { type Frontmatter, type Unit } from './schema.ts'
import { sectionIdOfTitle } from './sections.ts'

export type CompiledLesson = { code: string; html: string; compiled: boolean; rendered: boolean }

// index.json holds every lesson's keys and rendered HTML (one file: read at every start in a few
// milliseconds); <code>.mdx.js holds a compiled bundle, read only when a lesson is rendered again.
const cacheEntrySchema = z.object({
	compileKey: z.string(),
	renderKey: z.string(),
	html: z.string(),
	dependencies: z.array(z.string()),
})
type CacheEntry = z.infer<typeof cacheEntrySchema>

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex')
}

const compilerVersion = 'mdx-bundler@10.1.1+remark-gfm@4+sections@1'

function compileKeyOf(body: string): string {
	return sha256(`${compilerVersion}\n${body}`)
}

/** What a lesson's HTML depends on: its compiled code, its own data, the services it compares, the units. */
function renderKeyOf(compileKey: string, ownHash: string, dependencyHashes: Array<string>, unitsHash: string) {
	return sha256([lessonRendererVersion, compileKey, ownHash, ...dependencyHashes, unitsHash].join('\n'))
}

/** rehype plugin: `## 申请材料` → `<h2 id="materials">`, so items can link to a section. */
function rehypeSectionIds() {
	type HastNode = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: Array<HastNode>; value?: string }
	const textOf = (node: HastNode): string =>
		node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(textOf).join('')
	return (tree: HastNode) => {
		for (const node of tree.children ?? []) {
			if (node.type === 'element' && node.tagName === 'h2') {
				const id = sectionIdOfTitle(textOf(node))
				if (id) node.properties = { ...node.properties, id }
			}
		}
	}
}

/** Compile one MDX body to mdx-bundler code; errors carry the line in lesson.mdx. */
export async function compileMdx(body: string, file: string, bodyStartLine: number): Promise<{ code: string } | { errors: Array<ContentError> }> {
	// Loaded when a lesson is compiled, not at every start: a restart whose lessons are all in the
	// cache never needs the compiler (a fifth of a second to import; docs/decisions/019).
	const [{ bundleMDX }, { default: remarkGfm }] = await Promise.all([import('mdx-bundler'), import('remark-gfm')])
	try {
		const result = await bundleMDX({
			source: body,
			mdxOptions(options) {
				options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm]
				options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeSectionIds]
				return options
			},
		})
		return { code: result.code }
	} catch (error) {
		const messages = esbuildMessages(error)
		return {
			errors: messages.map((m) => ({
				file,
				line: bodyStartLine - 1 + (m.line ?? 1),
				message: `MDX: ${m.text}`,
			})),
		}
	}
}

function esbuildMessages(error: unknown): Array<{ text: string; line?: number }> {
	const parsed = z
		.object({ errors: z.array(z.object({ text: z.string(), location: z.object({ line: z.number() }).nullable().optional() })) })
		.safeParse(error)
	if (parsed.success && parsed.data.errors.length > 0) {
		return parsed.data.errors.map((e) => ({ text: e.text.split('\n')[0] ?? e.text, line: e.location?.line }))
	}
	return [{ text: error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error) }]
}

type MdxClient = typeof MdxClientModule

// getMDXComponent evaluates the bundle; memoize per code string as kentcdodds.com does.
const componentCache = new Map<string, ReturnType<MdxClient['getMDXComponent']>>()
function mdxComponentFor(client: MdxClient, code: string) {
	let component = componentCache.get(code)
	if (!component) {
		component = client.getMDXComponent(code)
		componentCache.set(code, component)
	}
	return component
}

function lineOfComponent(body: string, bodyStartLine: number, component: string): number {
	const index = body.split('\n').findIndex((line) => line.includes(`<${component}`))
	return index >= 0 ? bodyStartLine + index : bodyStartLine
}

/** Render compiled code to static HTML, recording which other services it read. */
export async function renderLesson(
	code: string,
	source: Pick<ServiceSource, 'frontmatter' | 'file' | 'body' | 'bodyStartLine'>,
	services: ReadonlyMap<string, Frontmatter>,
	units: ReadonlyArray<Unit>,
): Promise<{ html: string; dependencies: Array<string> } | { errors: Array<ContentError> }> {
	// Like the compiler, loaded only when a lesson is rendered again.
	const client = await import('mdx-bundler/client/index.js')
	const dependencies = new Set<string>()
	function findService(code: string) {
		dependencies.add(code)
		return services.get(code)
	}
	try {
		const Component = mdxComponentFor(client, code)
		const components = createLessonComponents({ service: source.frontmatter, findService, units })
		const html = renderToStaticMarkup(<Component components={components} />)
		return { html, dependencies: [...dependencies].sort() }
	} catch (error) {
		if (error instanceof LessonComponentError) {
			return { errors: [{ file: source.file, line: lineOfComponent(source.body, source.bodyStartLine, error.component), message: error.message }] }
		}
		const message = error instanceof Error ? error.message : String(error)
		const unknown = /Expected component `(\w+)` to be defined/.exec(message)
		if (unknown?.[1]) {
			return {
				errors: [{ file: source.file, line: lineOfComponent(source.body, source.bodyStartLine, unknown[1]), message: `unknown lesson component <${unknown[1]}> (see docs/content.md)` }],
			}
		}
		return { errors: [{ file: source.file, line: source.bodyStartLine, message: `render failed: ${message.split('\n')[0]}` }] }
	}
}

const cacheIndexSchema = z.record(z.string(), cacheEntrySchema)

async function readCacheIndex(cacheDir: string): Promise<Map<string, CacheEntry>> {
	const file = path.join(cacheDir, 'index.json')
	if (!existsSync(file)) return new Map()
	try {
		const parsed = cacheIndexSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
		return parsed.success ? new Map(Object.entries(parsed.data)) : new Map()
	} catch {
		// A damaged cache is rebuilt, never trusted.
		return new Map()
	}
}

async function writeAtomically(file: string, text: string) {
	const tmp = `${file}.${process.pid}.tmp`
	await writeFile(tmp, text)
	await rename(tmp, file)
}

async function readCompiledCode(cacheDir: string, code: string, compileKey: string): Promise<string | null> {
	const file = path.join(cacheDir, `${code}.mdx.js`)
	if (!existsSync(file)) return null
	const text = await readFile(file, 'utf8')
	const newline = text.indexOf('\n')
	// The first line records which source the bundle was compiled from.
	return text.slice(0, newline) === `// ${compileKey}` ? text.slice(newline + 1) : null
}

export type BuildReport = {
	lessons: Map<string, CompiledLesson>
	errors: Array<ContentError>
	compiled: number
	rendered: number
}

/** Compile and render every lesson that changed; reuse the cache for the rest. */
export async function buildLessons(
	sources: ReadonlyArray<ServiceSource>,
	units: ReadonlyArray<Unit>,
	options: {
		cacheDir: string
		concurrency?: number
		/** Called after each lesson that had to be built: (built so far, to build). */
		onProgress?: (done: number, total: number) => void
	},
): Promise<BuildReport> {
	await mkdir(options.cacheDir, { recursive: true })
	const services = new Map(sources.map((s) => [s.code, s.frontmatter]))
	const unitsHash = sha256(canonicalJson(units))
	// Each service's data hashed once, however many lessons compare with it.
	const dataHashes = new Map(sources.map((s) => [s.code, sha256(canonicalJson(s.frontmatter))]))
	const hashesOf = (codes: Array<string>) => codes.map((code) => dataHashes.get(code) ?? 'missing')
	const lessons = new Map<string, CompiledLesson>()
	const errors: Array<ContentError> = []
	let compiled = 0
	let rendered = 0

	// One read for every lesson's keys and HTML, then compile only what changed.
	const index = await readCacheIndex(options.cacheDir)
	const stale: Array<{ source: ServiceSource; cached: CacheEntry | null; compileKey: string }> = []
	sources.forEach((source) => {
		const cached = index.get(source.code) ?? null
		const compileKey = compileKeyOf(source.body)
		if (cached && cached.compileKey === compileKey) {
			const renderKey = renderKeyOf(compileKey, dataHashes.get(source.code) ?? '', hashesOf(cached.dependencies), unitsHash)
			if (renderKey === cached.renderKey) {
				lessons.set(source.code, { code: source.code, html: cached.html, compiled: false, rendered: false })
				return
			}
		}
		stale.push({ source, cached, compileKey })
	})

	async function buildOne({ source, cached, compileKey }: (typeof stale)[number]) {
		let code = cached?.compileKey === compileKey ? await readCompiledCode(options.cacheDir, source.code, compileKey) : null
		let wasCompiled = false
		if (code === null) {
			const result = await compileMdx(source.body, source.file, source.bodyStartLine)
			if ('errors' in result) {
				errors.push(...result.errors)
				return
			}
			code = result.code
			wasCompiled = true
			compiled++
			await writeAtomically(path.join(options.cacheDir, `${source.code}.mdx.js`), `// ${compileKey}\n${code}`)
		}
		const result = await renderLesson(code, source, services, units)
		if ('errors' in result) {
			errors.push(...result.errors)
			return
		}
		rendered++
		const renderKey = renderKeyOf(compileKey, dataHashes.get(source.code) ?? '', hashesOf(result.dependencies), unitsHash)
		index.set(source.code, { compileKey, renderKey, html: result.html, dependencies: result.dependencies })
		lessons.set(source.code, { code: source.code, html: result.html, compiled: wasCompiled, rendered: true })
	}

	const queue = [...stale]
	let done = 0
	const workers = Array.from({ length: Math.max(1, options.concurrency ?? 2) }, async () => {
		for (let next = queue.shift(); next; next = queue.shift()) {
			await buildOne(next)
			options.onProgress?.(++done, stale.length)
		}
	})
	await Promise.all(workers)
	if (stale.length > 0) {
		const current = Object.fromEntries(sources.flatMap((s) => {
			const entry = index.get(s.code)
			return entry ? [[s.code, entry] as const] : []
		}))
		await writeAtomically(path.join(options.cacheDir, 'index.json'), JSON.stringify(current))
	}
	// Keep the catalogue order regardless of which lessons were rebuilt.
	const ordered = new Map(sources.flatMap((s) => {
		const lesson = lessons.get(s.code)
		return lesson ? [[s.code, lesson] as const] : []
	}))
	return { lessons: ordered, errors, compiled, rendered }
}
