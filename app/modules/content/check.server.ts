// content:check — validates and compiles the whole manual; used by the CLI, tests and start-up.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { buildLessons, type BuildReport } from './compile.server.tsx'
import { parseYamlWith, type ContentError } from './lesson-file.ts'
import {
	bodyFacts,
	checkLessonBody,
	findEditorialNotes,
	findRepeatedParagraphs,
} from './lesson-rules.ts'
import { loadContent, type LoadedContent } from './load.server.ts'
import { buildSearchIndex, checkSynonyms, loadSynonyms } from './search.server.ts'

const coreServicesSchema = z.strictObject({
	/** Every service of these categories is core (综合服务: the general counter's own services). */
	categories: z.array(z.string()).default([]),
	/** Core services by group. */
	services: z.record(z.string(), z.array(z.string())),
})

export async function loadCoreServices(root: string): Promise<{ codes: Set<string>; categories: Set<string>; errors: Array<ContentError> }> {
	const file = 'core-services.yml'
	const full = path.join(root, file)
	if (!existsSync(full)) return { codes: new Set(), categories: new Set(), errors: [] }
	const parsed = parseYamlWith(await readFile(full, 'utf8'), coreServicesSchema, file)
	if (!parsed.ok) return { codes: new Set(), categories: new Set(), errors: parsed.errors }
	return { codes: new Set(Object.values(parsed.value.services).flat()), categories: new Set(parsed.value.categories), errors: [] }
}

/** Quiz and scenario files, relative to the content root. */
async function quizFiles(root: string): Promise<Array<string>> {
	const files: Array<string> = []
	const walk = async (dir: string) => {
		if (!existsSync(path.join(root, dir))) return
		for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
			const relative = path.join(dir, entry.name)
			if (entry.isDirectory()) await walk(relative)
			else if (entry.name.endsWith('.yml')) files.push(relative)
		}
	}
	await walk('services')
	await walk('cases')
	return files.sort()
}

export type ContentCheck = {
	content: LoadedContent
	build: BuildReport | null
	coreCodes: Set<string>
	/** Core categories: every service in them is core. */
	coreCategories: Set<string>
	errors: Array<ContentError>
}

export async function checkContent(root: string, options: { cacheDir: string }): Promise<ContentCheck> {
	const content = await loadContent(root)
	const errors = [...content.errors]
	const core = await loadCoreServices(root)
	errors.push(...core.errors)
	const codes = new Set(content.services.map((s) => s.code))
	for (const code of core.codes) {
		if (!codes.has(code)) errors.push({ file: 'core-services.yml', line: 1, message: `unknown service code "${code}"` })
	}

	const lessons = content.services.map((service) => ({
		file: service.file,
		facts: bodyFacts(service.body, service.bodyStartLine),
		service,
	}))
	for (const { file, facts, service } of lessons) {
		errors.push(
			...checkLessonBody({
				file,
				confidence: service.frontmatter.confidence,
				facts,
				isCore: core.codes.has(service.code) || core.categories.has(service.frontmatter.category),
			}),
		)
	}
	errors.push(...findRepeatedParagraphs(lessons))
	for (const service of content.services) errors.push(...findEditorialNotes(service.file, service.sourceText))
	for (const file of await quizFiles(root)) errors.push(...findEditorialNotes(file, await readFile(path.join(root, file), 'utf8')))

	const build = content.registryOk
		? await buildLessons(content.services, content.units, { cacheDir: options.cacheDir })
		: null
	if (build) {
		errors.push(...build.errors)
		const synonyms = await loadSynonyms(root)
		errors.push(...synonyms.errors)
		const withHtml = content.services.map((s) => ({ ...s, html: build.lessons.get(s.code)?.html ?? '' }))
		errors.push(...(await checkSynonyms(root, buildSearchIndex(withHtml, synonyms.synonyms))))
	}
	errors.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1))
	return {
		content,
		build,
		coreCodes: core.codes,
		coreCategories: core.categories,
		errors,
	}
}

export function formatContentError(root: string, error: ContentError): string {
	return `${path.join(path.relative(process.cwd(), root) || '.', error.file)}:${error.line}: ${error.message}`
}
