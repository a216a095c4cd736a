// Compiles lessons with mdx-bundler and renders them to HTML once per content revision.
// The cache (.cache/lessons/<code>.json) is keyed by the hash of what each step reads, so editing
// one lesson recompiles that lesson only. No request ever compiles: see docs/decisions/004.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getMDXComponent } from 'mdx-bundler/client/index.js'
import { bundleMDX } from 'mdx-bundler'
import { renderToStaticMarkup } from 'react-dom/server'
import remarkGfm from 'remark-gfm'
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

const cacheEntrySchema = z.object({
	compileKey: z.string(),
	code: z.string(),
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

function renderKeyOf(compileKey: string, service: Frontmatter, dependencies: Array<Frontmatter | undefined>, unitsHash: string) {
	return sha256(
		[lessonRendererVersion, compileKey, canonicalJson(service), canonicalJson(dependencies), unitsHash].join('\n'),
	)
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

// getMDXComponent evaluates the bundle; memoize per code string as kentcdodds.com does.
const componentCache = new Map<string, ReturnType<typeof getMDXComponent>>()
function mdxComponentFor(code: string) {
	let component = componentCache.get(code)
	if (!component) {
		component = getMDXComponent(code)
		componentCache.set(code, component)
	}
	return component
}

function lineOfComponent(body: string, bodyStartLine: number, component: string): number {
	const index = body.split('\n').findIndex((line) => line.includes(`<${component}`))
	return index >= 0 ? bodyStartLine + index : bodyStartLine
}

/** Render compiled code to static HTML, recording which other services it read. */
export function renderLesson(
	code: string,
	source: Pick<ServiceSource, 'frontmatter' | 'file' | 'body' | 'bodyStartLine'>,
	services: ReadonlyMap<string, Frontmatter>,
	units: ReadonlyArray<Unit>,
): { html: string; dependencies: Array<string> } | { errors: Array<ContentError> } {
	const dependencies = new Set<string>()
	function findService(code: string) {
		dependencies.add(code)
		return services.get(code)
	}
	try {
		const Component = mdxComponentFor(code)
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

async function readCacheEntry(file: string): Promise<CacheEntry | null> {
	if (!existsSync(file)) return null
	try {
		const parsed = cacheEntrySchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
		return parsed.success ? parsed.data : null
	} catch {
		return null
	}
}

async function writeCacheEntry(file: string, entry: CacheEntry) {
	const tmp = `${file}.${process.pid}.tmp`
	await writeFile(tmp, JSON.stringify(entry))
	await rename(tmp, file)
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
	options: { cacheDir: string; concurrency?: number },
): Promise<BuildReport> {
	await mkdir(options.cacheDir, { recursive: true })
	const services = new Map(sources.map((s) => [s.code, s.frontmatter]))
	const unitsHash = sha256(canonicalJson(units))
	const lessons = new Map<string, CompiledLesson>()
	const errors: Array<ContentError> = []
	let compiled = 0
	let rendered = 0

	async function buildOne(source: ServiceSource) {
		const cacheFile = path.join(options.cacheDir, `${source.code}.json`)
		const cached = await readCacheEntry(cacheFile)
		const compileKey = compileKeyOf(source.body)
		let code = cached?.compileKey === compileKey ? cached.code : null
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
		}
		if (cached && !wasCompiled) {
			const renderKey = renderKeyOf(compileKey, source.frontmatter, cached.dependencies.map((d) => services.get(d)), unitsHash)
			if (renderKey === cached.renderKey) {
				lessons.set(source.code, { code: source.code, html: cached.html, compiled: false, rendered: false })
				return
			}
		}
		const result = renderLesson(code, source, services, units)
		if ('errors' in result) {
			errors.push(...result.errors)
			return
		}
		rendered++
		const renderKey = renderKeyOf(compileKey, source.frontmatter, result.dependencies.map((d) => services.get(d)), unitsHash)
		await writeCacheEntry(cacheFile, { compileKey, code, renderKey, html: result.html, dependencies: result.dependencies })
		lessons.set(source.code, { code: source.code, html: result.html, compiled: wasCompiled, rendered: true })
	}

	const queue = [...sources]
	const workers = Array.from({ length: Math.max(1, options.concurrency ?? 2) }, async () => {
		for (let next = queue.shift(); next; next = queue.shift()) await buildOne(next)
	})
	await Promise.all(workers)
	return { lessons, errors, compiled, rendered }
}
