// manual:export: the manual as published in the browser, written back to content/ for git.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { serializeLessonFile } from '#app/modules/content/lesson-file.ts'
import { publishedServices } from './published.server.ts'
import { writeServicesAtOnce } from '#app/modules/content/staged-write.server.ts'

/** Write every service whose published revision differs from its file; all at once or none. */
export async function exportPublished(
	root: string,
): Promise<{ written: Array<string>; unchanged: number }> {
	const { services } = await publishedServices()
	const writes: Array<{ file: string; text: string }> = []
	let unchanged = 0
	for (const service of services) {
		const file = path.join(service.code, 'lesson.mdx')
		const text = serializeLessonFile(service.frontmatter, service.body)
		const full = path.join(root, 'services', file)
		if (existsSync(full) && (await readFile(full, 'utf8')) === text) unchanged++
		else writes.push({ file, text })
	}
	if (writes.length > 0) await writeServicesAtOnce(root, writes)
	return { written: writes.map((w) => path.dirname(w.file)), unchanged }
}
