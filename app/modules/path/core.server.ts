// The hall's core services (content/core-services.yml), in the order the file lists them: the
// hall's high-volume list, kept by its editors with the most frequent first (ADR 017).
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { parseYamlWith } from '#app/modules/content/lesson-file.ts'

const coreServicesSchema = z.object({
	categories: z.array(z.string()).default([]),
	services: z.record(z.string(), z.array(z.string())).default({}),
})

const cache = new WeakMap<Catalog, Promise<Array<string>>>()

async function readCoreOrder(catalog: Catalog): Promise<Array<string>> {
	const file = path.join(catalog.root, 'core-services.yml')
	if (!existsSync(file)) return []
	const parsed = parseYamlWith(await readFile(file, 'utf8'), coreServicesSchema, file)
	// content:check refuses a broken file; if one slips through, the home page still works.
	if (!parsed.ok) return []
	const listed = Object.values(parsed.value.services).flat()
	const categories = new Set(parsed.value.categories)
	const fromCategories = catalog.ordered
		.filter((s) => categories.has(s.frontmatter.category))
		.map((s) => s.code)
	return [...new Set([...listed, ...fromCategories])].filter(
		(code) => catalog.services.get(code)?.active,
	)
}

/** Active core service codes, most frequent first (read once per loaded manual). */
export function coreServiceOrder(catalog: Catalog): Promise<Array<string>> {
	let order = cache.get(catalog)
	if (!order) {
		order = readCoreOrder(catalog)
		cache.set(catalog, order)
	}
	return order
}
