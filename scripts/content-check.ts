// npm run content:check — validates and compiles all content; one summary line; non-zero on error.
import path from 'node:path'
import { checkContent, formatContentError } from '#app/modules/content/check.server.ts'
import { cacheRoot, contentRoot } from '#app/utils/paths.server.ts'

const root = contentRoot()
const result = await checkContent(root, { cacheDir: path.join(cacheRoot(), 'lessons') })
for (const error of result.errors) console.error(formatContentError(root, error))
console.log(
	`services: ${result.content.services.length}, items: ${result.items}, scenarios: ${result.scenarios}, errors: ${result.errors.length}`,
)
process.exitCode = result.errors.length > 0 ? 1 : 0
