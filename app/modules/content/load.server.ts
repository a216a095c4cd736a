// Loads the manual from disk: registries and every service, validated, with file:line errors.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { parseLessonFile, parseYamlWith, type ContentError } from './lesson-file.ts'
import { revisionOf } from './revision.ts'
import { finishInterruptedImport } from './staged-write.server.ts'
import { categorySchema, pickNormative, unitSchema, type Category, type Frontmatter, type Normative, type Unit } from './schema.ts'

export type ServiceSource = {
	code: string
	/** Path relative to the content root, for messages. */
	file: string
	frontmatter: Frontmatter
	normative: Normative
	revision: string
	body: string
	bodyStartLine: number
	/** The whole file as read. */
	sourceText: string
}

export type Registries = { categories: Array<Category>; units: Array<Unit> }

export type LoadedContent = Registries & {
	root: string
	services: Array<ServiceSource>
	errors: Array<ContentError>
	/** False when categories.yml or units.yml is broken: nothing else can be trusted then. */
	registryOk: boolean
}

function uniqueBy<T>(items: Array<T>, key: (item: T) => string, what: string, file: string, errors: Array<ContentError>) {
	const seen = new Set<string>()
	for (const item of items) {
		const k = key(item)
		if (seen.has(k)) errors.push({ file, line: 1, message: `${what} "${k}" is registered twice` })
		seen.add(k)
	}
}

export async function loadRegistries(root: string): Promise<Registries & { errors: Array<ContentError> }> {
	const errors: Array<ContentError> = []
	async function load<T extends z.ZodType>(name: string, schema: T): Promise<Array<z.infer<T>>> {
		const file = name
		const full = path.join(root, name)
		if (!existsSync(full)) {
			errors.push({ file, line: 1, message: `${name} is missing` })
			return []
		}
		const parsed = parseYamlWith(await readFile(full, 'utf8'), z.array(schema).min(1), file)
		if (!parsed.ok) {
			errors.push(...parsed.errors)
			return []
		}
		return parsed.value
	}
	const categories = await load('categories.yml', categorySchema)
	const units = await load('units.yml', unitSchema)
	uniqueBy(categories, (c) => c.id, 'category id', 'categories.yml', errors)
	uniqueBy(categories, (c) => c.name, 'category', 'categories.yml', errors)
	uniqueBy(units, (u) => u.id, 'unit id', 'units.yml', errors)
	uniqueBy(units, (u) => u.name, 'unit', 'units.yml', errors)
	categories.sort((a, b) => a.order - b.order)
	return { categories, units, errors }
}

/** Registry references of one service: category, subcategory and back-office unit must resolve. */
export function checkReferences(frontmatter: Frontmatter, registries: Registries): Array<{ field: string; message: string }> {
	const problems: Array<{ field: string; message: string }> = []
	const category = registries.categories.find((c) => c.name === frontmatter.category)
	if (!category) {
		problems.push({ field: 'category', message: `category "${frontmatter.category}" is not in categories.yml` })
	} else if (!category.subcategories.includes(frontmatter.subcategory)) {
		problems.push({
			field: 'subcategory',
			message: `subcategory "${frontmatter.subcategory}" is not listed under ${category.name} in categories.yml`,
		})
	}
	if (!registries.units.some((u) => u.name === frontmatter.backOffice)) {
		problems.push({ field: 'backOffice', message: `back-office unit "${frontmatter.backOffice}" is not in units.yml` })
	}
	return problems
}

function lineOfKey(text: string, key: string): number {
	const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`))
	return index >= 0 ? index + 1 : 1
}

export async function loadService(root: string, code: string, registries: Registries) {
	const file = path.join('services', code, 'lesson.mdx')
	const errors: Array<ContentError> = []
	const full = path.join(root, file)
	if (!existsSync(full)) return { errors: [{ file, line: 1, message: 'lesson.mdx is missing' }] }
	const text = await readFile(full, 'utf8')
	const parsed = parseLessonFile(text, file)
	if (!parsed.ok) return { errors: parsed.errors }
	const { frontmatter, body, bodyStartLine } = parsed.lesson
	if (frontmatter.code !== code) {
		errors.push({ file, line: lineOfKey(text, 'code'), message: `code "${frontmatter.code}" does not match its folder "${code}"` })
	}
	for (const problem of checkReferences(frontmatter, registries)) {
		errors.push({ file, line: lineOfKey(text, problem.field), message: `${problem.field}: ${problem.message}` })
	}
	if (errors.length > 0) return { errors }
	const normative = pickNormative(frontmatter)
	const service: ServiceSource = {
		code,
		file,
		frontmatter,
		normative,
		revision: revisionOf(normative),
		body,
		bodyStartLine,
		sourceText: text,
	}
	return { errors, service }
}

export async function loadContent(root: string): Promise<LoadedContent> {
	// A manual:import killed between its two renames left services/ beside it, complete.
	await finishInterruptedImport(root)
	const registries = await loadRegistries(root)
	const errors = [...registries.errors]
	const servicesDir = path.join(root, 'services')
	const codes = existsSync(servicesDir)
		? (await readdir(servicesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
		: []
	const services: Array<ServiceSource> = []
	const results = await Promise.all(codes.map((code) => loadService(root, code, registries)))
	for (const result of results) {
		errors.push(...result.errors)
		if (result.service) services.push(result.service)
	}
	return {
		root,
		categories: registries.categories,
		units: registries.units,
		services,
		errors,
		registryOk: registries.errors.length === 0,
	}
}
