// npm run content:build: compile every lesson that changed into .cache/lessons (start-up does the
// same; run this to warm the cache before deploying).
import path from 'node:path'
import { buildLessons } from '#app/modules/content/compile.server.tsx'
import { loadContent } from '#app/modules/content/load.server.ts'
import { cacheRoot, contentRoot } from '#app/utils/paths.server.ts'

const started = performance.now()
const content = await loadContent(contentRoot())
if (content.errors.length > 0) {
	for (const error of content.errors) console.error(`${error.file}:${error.line}: ${error.message}`)
	process.exit(1)
}
const report = await buildLessons(content.services, content.units, {
	cacheDir: path.join(cacheRoot(), 'lessons'),
})
for (const error of report.errors) console.error(`${error.file}:${error.line}: ${error.message}`)
console.log(
	`${report.lessons.size} lessons: ${report.compiled} compiled, ${report.rendered} rendered, in ${Math.round(performance.now() - started)} ms`,
)
process.exitCode = report.errors.length > 0 ? 1 : 0
