// Content build benchmarks: the full build (compile + render every lesson, cold cache) beside
// bare mdx-bundler over the same bodies, and a one-lesson rebuild with a warm cache.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'
import { buildLessons } from '#app/modules/content/compile.server.tsx'
import { loadContent } from '#app/modules/content/load.server.ts'

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now()
	const value = await run()
	return { ms: performance.now() - started, value }
}

/** Two at a time, as the build does (more gains nothing on two cores: STACK-NOTES). */
async function eachTwoAtATime<T>(items: Array<T>, work: (item: T) => Promise<unknown>) {
	const queue = [...items]
	await Promise.all(
		Array.from({ length: 2 }, async () => {
			for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next)
		}),
	)
}

export async function benchContentBuild(contentRoot: string) {
	const work = await mkdtemp(path.join(os.tmpdir(), 'cr-bench-content-'))
	try {
		const root = path.join(work, 'content')
		await cp(contentRoot, root, { recursive: true })
		const content = await loadContent(root)
		const cacheDir = path.join(work, 'cache')

		// Warm up esbuild and the module graph once so neither side pays the first-call cost.
		const first = content.services[0]
		if (first) await bundleMDX({ source: first.body })

		const bare = await timed(() =>
			eachTwoAtATime(content.services, (s) =>
				bundleMDX({
					source: s.body,
					mdxOptions(options) {
						options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm]
						return options
					},
				}),
			),
		)
		const full = await timed(() =>
			buildLessons(content.services, content.units, { cacheDir, concurrency: 2 }),
		)
		if (full.value.errors.length > 0)
			throw new Error(`content build failed: ${full.value.errors[0]?.message}`)

		// Edit one lesson's prose, then build again over the warm cache.
		const target = content.services.find((s) => s.code === 'XY-YL-008') ?? content.services[0]
		if (!target) throw new Error('no lessons')
		const file = path.join(root, target.file)
		await writeFile(
			file,
			(await readFile(file, 'utf8')).replace(
				'## 事项概述\n',
				'## 事项概述\n\n（本段为基准测试所加。）\n',
			),
		)
		const edited = await loadContent(root)
		const one = await timed(() =>
			buildLessons(edited.services, edited.units, { cacheDir, concurrency: 2 }),
		)
		return {
			lessons: content.services.length,
			bareMdxBundlerMs: bare.ms,
			fullBuildMs: full.ms,
			fullVsBare: full.ms / bare.ms,
			oneLessonRebuildMs: one.ms,
			oneLessonShareOfFull: one.ms / full.ms,
			oneLessonCompiled: one.value.compiled,
			oneLessonRendered: one.value.rendered,
		}
	} finally {
		await rm(work, { recursive: true, force: true })
	}
}
