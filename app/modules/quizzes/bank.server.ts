// The item bank: generated items for every service, authored items (quiz.yml) and scenarios
// (services/<code>/scenarios/*.yml and cases/*.yml), validated with file:line errors.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { type ContentError, parseYamlWith } from '#app/modules/content/lesson-file.ts'
import { type ServiceSource } from '#app/modules/content/load.server.ts'
import { type Unit } from '#app/modules/content/schema.ts'
import {
	patternsFileSchema,
	quizFileSchema,
	scenarioSchema,
	type AuthoredItem,
	type Scenario,
} from './content-schema.ts'
import { generateItems } from './generate.ts'
import { type QuizItem, type ScenarioItem } from './items.ts'

export type ItemBank = {
	/** Every item, by id. */
	items: Map<string, QuizItem>
	/** Item ids per service (generated + authored + scenarios listing the service). */
	byService: Map<string, Array<string>>
	scenarioCount: number
	errors: Array<ContentError>
}

/** Services a lesson compares with, from its <CompareTable codes={[…]} />. */
export function compareGroups(body: string): Array<string> {
	const codes = new Set<string>()
	for (const match of body.matchAll(/<CompareTable\s+codes=\{\[([^\]]*)\]\}/g)) {
		for (const code of (match[1] ?? '').matchAll(/['"]([A-Z0-9-]+)['"]/g))
			if (code[1]) codes.add(code[1])
	}
	return [...codes]
}

/** Structural rules every item obeys, generated or authored. */
export function itemProblems(item: QuizItem): Array<string> {
	const problems: Array<string> = []
	if (item.kind === 'single' || item.kind === 'multiple' || item.kind === 'order') {
		const ids = item.options.map((o) => o.id)
		const texts = item.options.map((o) => o.text.normalize('NFKC').replace(/\s+/g, ''))
		if (new Set(ids).size !== ids.length) problems.push('duplicate option ids')
		if (new Set(texts).size !== texts.length) problems.push('duplicate options')
		if (item.answer.length === 0 || item.answer.some((a) => !ids.includes(a)))
			problems.push('answer is not among the options')
		if (item.kind !== 'order') {
			const answerTexts = new Set(
				item.options.filter((o) => item.answer.includes(o.id)).map((o) => o.text),
			)
			if (item.options.some((o) => !item.answer.includes(o.id) && answerTexts.has(o.text))) {
				problems.push('an answer is also among the distractors')
			}
			if (item.answer.length >= item.options.length) problems.push('no distractors')
		}
		if (item.kind === 'single' && item.answer.length !== 1)
			problems.push('single choice needs exactly one answer')
	}
	if (item.kind === 'scenario') {
		for (const decision of item.decisions) {
			if (decision.options.filter((o) => o.correct).length !== 1)
				problems.push(`decision ${decision.id} needs exactly one correct option`)
		}
	}
	return problems
}

function authoredToItem(code: string, item: AuthoredItem): QuizItem {
	const base = {
		id: `${code}.q.${item.id}`,
		fact: `${code}.q.${item.fact ?? item.id}`,
		services: [code],
		section: item.section,
		topic: 'authored' as const,
		stem: item.stem,
		feedback: item.feedback,
		critical: false,
	}
	if (item.kind === 'truefalse') return { ...base, kind: 'truefalse', answer: item.answer }
	return { ...base, kind: item.kind, options: item.options, answer: item.answer }
}

function scenarioToItem(id: string, scenario: Scenario): ScenarioItem {
	return {
		id,
		fact: id,
		kind: 'scenario',
		services: scenario.services,
		section: scenario.decisions[0]?.section ?? 'intake',
		topic: 'scenario',
		critical: false,
		title: scenario.title,
		citizen: scenario.citizen,
		stem: scenario.story,
		documents: scenario.documents,
		decisions: scenario.decisions.map((d) => ({
			id: d.id,
			prompt: d.prompt,
			...(d.section ? { section: d.section } : {}),
			...(d.branch ? { branch: true } : {}),
			options: d.options.map((o) => ({
				id: o.id,
				text: o.text,
				feedback: o.feedback,
				correct: o.correct === true,
				credit: o.correct === true ? 1 : (o.credit ?? 0),
				...(o.action ? { action: o.action } : {}),
				...(o.unit ? { unit: o.unit } : {}),
				...(o.next ? { next: o.next } : {}),
				...(o.outcome ? { outcome: o.outcome } : {}),
			})),
		})),
		outcome: scenario.outcome,
		feedback: scenario.outcome,
		...(scenario.pattern ? { pattern: scenario.pattern } : {}),
	}
}

async function yamlFiles(dir: string): Promise<Array<string>> {
	if (!existsSync(dir)) return []
	return (await readdir(dir)).filter((f) => f.endsWith('.yml')).sort()
}

export async function loadItemBank(
	root: string,
	services: ReadonlyArray<ServiceSource>,
	units: ReadonlyArray<Unit>,
): Promise<ItemBank> {
	const errors: Array<ContentError> = []
	const items = new Map<string, QuizItem>()
	const byService = new Map<string, Array<string>>(services.map((s) => [s.code, []]))
	const codes = new Set(services.map((s) => s.code))
	const unitNames = new Set(units.map((u) => u.name))
	const catalogue = services.map((s) => s.normative)

	function add(item: QuizItem, file: string) {
		for (const problem of itemProblems(item))
			errors.push({ file, line: 1, message: `item ${item.id}: ${problem}` })
		items.set(item.id, item)
		for (const code of item.kind === 'scenario' ? item.services : item.services.slice(0, 1))
			byService.get(code)?.push(item.id)
	}

	for (const service of services) {
		const generated = generateItems({
			service: service.normative,
			revision: service.revision,
			catalogue,
			units,
		})
		for (const item of generated) add(item, service.file)

		const quizFile = path.join('services', service.code, 'quiz.yml')
		if (existsSync(path.join(root, quizFile))) {
			const parsed = parseYamlWith(
				await readFile(path.join(root, quizFile), 'utf8'),
				quizFileSchema,
				quizFile,
			)
			if (!parsed.ok) errors.push(...parsed.errors)
			else for (const item of parsed.value.items) add(authoredToItem(service.code, item), quizFile)
		}
	}

	let scenarioCount = 0
	async function loadScenario(
		file: string,
		id: string,
		expect: { firstService?: string; needsPattern: boolean },
	) {
		const text = await readFile(path.join(root, file), 'utf8')
		const parsed = parseYamlWith(text, scenarioSchema, file)
		if (!parsed.ok) {
			errors.push(...parsed.errors)
			return null
		}
		const scenario = parsed.value
		const lineOf = (needle: string) =>
			Math.max(1, text.split('\n').findIndex((l) => l.includes(needle)) + 1)
		for (const code of scenario.services) {
			if (!codes.has(code))
				errors.push({
					file,
					line: lineOf(code),
					message: `services: unknown service code "${code}"`,
				})
		}
		if (expect.firstService && scenario.services[0] !== expect.firstService) {
			errors.push({
				file,
				line: lineOf('services'),
				message: `services: the first service must be ${expect.firstService}, the folder it lives in`,
			})
		}
		const mentioned = [
			...(scenario.units ?? []),
			...scenario.decisions.flatMap((d) => d.options.flatMap((o) => (o.unit ? [o.unit] : []))),
		]
		for (const unit of mentioned) {
			if (!unitNames.has(unit))
				errors.push({
					file,
					line: lineOf(unit),
					message: `unknown back-office unit "${unit}" (see units.yml)`,
				})
		}
		if (!scenario.decisions.some((d) => d.branch))
			errors.push({
				file,
				line: lineOf('decisions'),
				message:
					'a scenario branches: at least one option leads (next: <id>) to a branch decision showing its consequence',
			})
		if (expect.needsPattern && !scenario.pattern)
			errors.push({ file, line: 1, message: 'a hard case in cases/ needs pattern: ZC-xx' })
		scenarioCount++
		add(scenarioToItem(id, scenario), file)
		return scenario
	}

	for (const service of services) {
		const dir = path.join('services', service.code, 'scenarios')
		for (const name of await yamlFiles(path.join(root, dir))) {
			await loadScenario(
				path.join(dir, name),
				`scenario.${service.code}.${name.replace(/\.yml$/, '')}`,
				{
					firstService: service.code,
					needsPattern: false,
				},
			)
		}
	}

	const patternsFile = path.join('cases', 'patterns.yml')
	const coveredPatterns = new Set<string>()
	for (const name of await yamlFiles(path.join(root, 'cases'))) {
		if (name === 'patterns.yml') continue
		const scenario = await loadScenario(
			path.join('cases', name),
			`case.${name.replace(/\.yml$/, '')}`,
			{ needsPattern: true },
		)
		if (scenario?.pattern) coveredPatterns.add(scenario.pattern)
	}
	if (existsSync(path.join(root, patternsFile))) {
		const patternsText = await readFile(path.join(root, patternsFile), 'utf8')
		const parsed = parseYamlWith(patternsText, patternsFileSchema, patternsFile)
		if (!parsed.ok) errors.push(...parsed.errors)
		else {
			const known = new Set(parsed.value.map((p) => p.id))
			for (const pattern of coveredPatterns) {
				if (!known.has(pattern))
					errors.push({
						file: patternsFile,
						line: 1,
						message: `a case names pattern ${pattern}, which is not registered`,
					})
			}
			const lines = patternsText.split('\n')
			for (const pattern of parsed.value) {
				if (coveredPatterns.has(pattern.id)) continue
				const line = lines.findIndex((l) => l.includes(`id: ${pattern.id}`)) + 1
				errors.push({
					file: patternsFile,
					line: Math.max(1, line),
					message: `pattern ${pattern.id} (${pattern.title}) has no scenario in cases/`,
				})
			}
		}
	}
	return { items, byService, scenarioCount, errors }
}

/** Scenarios published in the browser (checked when published) join the pools of their services. */
export function addScenarios(
	bank: ItemBank,
	scenarios: ReadonlyArray<{ id: string; scenario: Scenario }>,
) {
	for (const { id, scenario } of scenarios) {
		if (!scenario.services.every((code) => bank.byService.has(code))) continue
		bank.items.set(id, scenarioToItem(id, scenario))
		bank.scenarioCount++
		for (const code of scenario.services) bank.byService.get(code)?.push(id)
	}
}
