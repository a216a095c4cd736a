// A small manual for tests: copied to a temporary folder so a test may edit it (a revision
// change) without touching the real content/.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadCatalog, setCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { parseLessonFile, serializeLessonFile } from '#app/modules/content/lesson-file.ts'
import { type Frontmatter } from '#app/modules/content/schema.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'

export const fixtureRoot = path.resolve('tests/fixtures/content')

export async function copyFixtureContent(): Promise<string> {
	const dir = await mkdtemp(path.join(process.env.TEST_WORK_DIR ?? os.tmpdir(), 'content-'))
	await cp(fixtureRoot, dir, { recursive: true })
	return dir
}

/** Load a manual as start-up does: compile, then bring the database in line with it. */
export async function loadTestCatalog(root: string): Promise<Catalog> {
	const catalog = await loadCatalog({ root, cacheDir: path.join(root, '.cache'), concurrency: 1 })
	await syncCatalog(catalog)
	setCatalog(catalog)
	return catalog
}

type Lesson = { frontmatter: Frontmatter; body: string }

export async function editLesson(
	root: string,
	code: string,
	change: (lesson: Lesson) => Lesson,
): Promise<void> {
	const file = path.join(root, 'services', code, 'lesson.mdx')
	const parsed = parseLessonFile(await readFile(file, 'utf8'), file)
	if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'))
	const next = change({ frontmatter: parsed.lesson.frontmatter, body: parsed.lesson.body })
	await writeFile(file, serializeLessonFile(next.frontmatter, next.body))
}

export function editService(
	root: string,
	code: string,
	change: (frontmatter: Frontmatter) => Frontmatter,
): Promise<void> {
	return editLesson(root, code, (lesson) => ({
		...lesson,
		frontmatter: change(lesson.frontmatter),
	}))
}
