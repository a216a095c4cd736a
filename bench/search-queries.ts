// The search bench's addresses: 10 questions a hall asks again and again (hits, once each has
// been asked), and thousands of distinct ones from the manual's service names (misses).
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { pinyin } from 'pinyin-pro'

export const repeatingQueries = [
	'失业保险金怎么申领',
	'sybx',
	'工伤认定',
	'gsrd',
	'社会保障卡补领',
	'退休',
	'tx',
	'档案丢失',
	'劳动仲裁',
	'居民身份证',
]

export const repeatingPaths = repeatingQueries.map((q) => `/search?q=${encodeURIComponent(q)}`)

/**
 * Each service name's first 2, 3 and 4 characters and their pinyin initials, pages 1 and 2
 * (about 1,800 addresses), in a fixed shuffled order so runs are comparable.
 */
export async function distinctSearchPaths(contentDir = 'content'): Promise<Array<string>> {
	const dir = path.join(contentDir, 'services')
	const queries = new Set<string>()
	for (const code of await readdir(dir)) {
		const lesson = await readFile(path.join(dir, code, 'lesson.mdx'), 'utf8')
		const name = /^name:\s*(.+)$/m.exec(lesson)?.[1]?.trim()
		if (!name) continue
		for (const length of [2, 3, 4]) {
			const prefix = [...name].slice(0, length).join('')
			queries.add(prefix)
			queries.add(pinyin(prefix, { pattern: 'first', toneType: 'none', separator: '' }))
		}
	}
	const paths = [...queries].flatMap((q) => [
		`/search?q=${encodeURIComponent(q)}`,
		`/search?q=${encodeURIComponent(q)}&page=2`,
	])
	let seed = 42
	for (let i = paths.length - 1; i > 0; i--) {
		seed = (seed * 1103515245 + 12345) % 2 ** 31
		const j = seed % (i + 1)
		;[paths[i], paths[j]] = [paths[j] ?? '', paths[i] ?? '']
	}
	return paths
}
