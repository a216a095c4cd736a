// Quiz items as the engine uses them: one shape for generated, authored and scenario items,
// the public view that is safe to send before submission, and grading.
import { z } from 'zod'
import { type NormativeKey } from '#app/modules/content/schema.ts'
import { lessonSectionIds, type LessonSectionId } from '#app/modules/content/sections.ts'

export type Choice = {
	id: string
	text: string
	/** In a disguised item (disguise.server.ts): the bank's id of this option. */
	source?: string
}

export type ItemTopic =
	| 'materials'
	| 'routing'
	| 'timelimit'
	| 'steps'
	| 'eligibility'
	| 'basis'
	| 'lookalike'
	| 'authored'
	| 'scenario'

type ItemBase = {
	/** The bank's id: stored, graded, analysed; never shown before submission. */
	id: string
	/** In a disguised item: the opaque id the page uses instead of `id`. */
	ref?: string
	/** What the item tests: an attempt never holds two items of one fact. */
	fact: string
	/** Services the item tests; the first is the one whose lesson it links to. */
	services: Array<string>
	section: LessonSectionId
	topic: ItemTopic
	/** Markdown. */
	stem: string
	/** Markdown, shown after submission. */
	feedback: string
	/** A critical item must be right for the quiz to pass (the materials checklist). */
	critical: boolean
	/** Generated items: the normative fields they test (a change to one asks about it). */
	fields?: Array<NormativeKey>
}

export type ChoiceItem = ItemBase & {
	kind: 'single' | 'multiple'
	options: Array<Choice>
	answer: Array<string>
}
export type TrueFalseItem = ItemBase & { kind: 'truefalse'; answer: boolean }
/** `options` in display order; `answer` the option ids in the right order. */
export type OrderItem = ItemBase & { kind: 'order'; options: Array<Choice>; answer: Array<string> }
export type DecisionOption = Choice & {
	feedback: string
	correct: boolean
	/** 1 for the correct option, between 0 and 1 for a half-right one, else 0. */
	credit: number
	action?: string
	unit?: string
	/** The decision this choice leads to, or 'end'; default: the next main-line decision. */
	next?: string
	/** The citizen's outcome when this choice ends the scenario. */
	outcome?: string
}
export type Decision = {
	id: string
	/** In a disguised item: the bank's id of this decision. */
	source?: string
	prompt: string
	section?: LessonSectionId
	/** Reached only through an option's `next`. */
	branch?: boolean
	options: Array<DecisionOption>
}
export type ScenarioItem = ItemBase & {
	kind: 'scenario'
	title: string
	citizen: string
	documents: Array<string>
	decisions: Array<Decision>
	outcome: string
	pattern?: string
}

export type QuizItem = ChoiceItem | TrueFalseItem | OrderItem | ScenarioItem

// Stored attempts keep their items as JSON; reading them back goes through this schema. Items
// stored before facts and branching existed read as one fact per item and linear scenarios.
const choiceSchema = z.object({ id: z.string(), text: z.string() })
const baseSchema = {
	id: z.string(),
	fact: z.string().optional(),
	services: z.array(z.string()),
	section: z.enum(lessonSectionIds),
	topic: z.enum([
		'materials',
		'routing',
		'timelimit',
		'steps',
		'eligibility',
		'basis',
		'lookalike',
		'authored',
		'scenario',
	]),
	stem: z.string(),
	feedback: z.string(),
	critical: z.boolean(),
}
const storedItemSchema = z.discriminatedUnion('kind', [
	z.object({
		...baseSchema,
		kind: z.enum(['single', 'multiple']),
		options: z.array(choiceSchema),
		answer: z.array(z.string()),
	}),
	z.object({ ...baseSchema, kind: z.literal('truefalse'), answer: z.boolean() }),
	z.object({
		...baseSchema,
		kind: z.literal('order'),
		options: z.array(choiceSchema),
		answer: z.array(z.string()),
	}),
	z.object({
		...baseSchema,
		kind: z.literal('scenario'),
		title: z.string(),
		citizen: z.string(),
		documents: z.array(z.string()),
		outcome: z.string(),
		pattern: z.string().optional(),
		decisions: z.array(
			z.object({
				id: z.string(),
				prompt: z.string(),
				section: z.enum(lessonSectionIds).optional(),
				branch: z.boolean().optional(),
				options: z.array(
					choiceSchema.extend({
						feedback: z.string(),
						correct: z.boolean(),
						credit: z.number().min(0).max(1).optional(),
						action: z.string().optional(),
						unit: z.string().optional(),
						next: z.string().optional(),
						outcome: z.string().optional(),
					}),
				),
			}),
		),
	}),
])
export const quizItemSchema: z.ZodType<QuizItem> = storedItemSchema.transform((item): QuizItem => {
	const fact = item.fact ?? item.id
	if (item.kind !== 'scenario') return { ...item, fact }
	return {
		...item,
		fact,
		decisions: item.decisions.map((d) => ({
			...d,
			options: d.options.map((o) => ({ ...o, credit: o.credit ?? (o.correct ? 1 : 0) })),
		})),
	}
})
export const storedItemsSchema = z.array(quizItemSchema)

// ---------------------------------------------------------------------------------------------
// Scenario paths: decisions follow the choices made. An option leads to its `next` decision, or
// to the next main-line decision below the one it belongs to, or ends the scenario.

export type ScenarioStep = { decision: Decision; option: DecisionOption | null }
export type ScenarioPath = {
	/** Decisions met so far, in order, with the option chosen (null: not answered yet). */
	steps: Array<ScenarioStep>
	/** The path reached an end: `outcome` is what happened to the citizen. */
	ended: boolean
	outcome: string | null
}

function nextMainLine(item: ScenarioItem, after: Decision): Decision | null {
	const index = item.decisions.findIndex((d) => d.id === after.id)
	return item.decisions.slice(index + 1).find((d) => !d.branch) ?? null
}

function followOption(item: ScenarioItem, decision: Decision, option: DecisionOption) {
	if (option.next === 'end') return { decision: null, outcome: option.outcome ?? item.outcome }
	const target = option.next ? item.decisions.find((d) => d.id === option.next) : undefined
	const next = target ?? nextMainLine(item, decision)
	return { decision: next, outcome: next ? null : item.outcome }
}

/** The decisions a learner meets with these choices; stops at the first one not answered. */
export function scenarioPath(
	item: ScenarioItem,
	choices: Readonly<Record<string, string>>,
): ScenarioPath {
	const steps: Array<ScenarioStep> = []
	let decision: Decision | null = item.decisions[0] ?? null
	while (decision) {
		const option = decision.options.find((o) => o.id === choices[decision?.id ?? '']) ?? null
		steps.push({ decision, option })
		if (!option) return { steps, ended: false, outcome: null }
		const next = followOption(item, decision, option)
		if (!next.decision) return { steps, ended: true, outcome: next.outcome }
		decision = next.decision
	}
	return { steps, ended: true, outcome: item.outcome }
}

/** The path of the right choices, from a decision on (the rest of a story left unfinished). */
function correctContinuation(item: ScenarioItem, from: Decision): number {
	let count = 0
	let decision: Decision | null = from
	while (decision) {
		count++
		const right: DecisionOption | undefined = decision.options.find((o) => o.correct)
		if (!right) break
		decision = followOption(item, decision, right).decision
	}
	return count
}

// ---------------------------------------------------------------------------------------------
// What the browser may see before submission: no answers, no feedback, no correctness flags.

export type PublicItem =
	| {
			id: string
			kind: 'single' | 'multiple' | 'order'
			stem: string
			options: Array<Choice>
			critical: boolean
	  }
	| { id: string; kind: 'truefalse'; stem: string; critical: boolean }
	| {
			id: string
			kind: 'scenario'
			title: string
			citizen: string
			stem: string
			documents: Array<string>
			/**
			 * The decisions met so far on the learner's path: those decided (final, with the choice)
			 * and the one to decide now. What comes after a choice is shown only once it is made.
			 */
			decisions: Array<{
				id: string
				prompt: string
				options: Array<Choice>
				chosen: string | null
			}>
			/** The story reached an end: nothing left to decide. */
			ended: boolean
			critical: boolean
	  }

/**
 * Built field by field (a whitelist), so a new secret field can never leak by accident. Pass a
 * disguised item (disguise.server.ts): the ids it shows are then opaque.
 */
export function publicItem(item: QuizItem, answer?: Answer | null): PublicItem {
	const choice = (c: Choice): Choice => ({ id: c.id, text: c.text })
	const id = item.ref ?? item.id
	switch (item.kind) {
		case 'single':
		case 'multiple':
		case 'order':
			return {
				id,
				kind: item.kind,
				stem: item.stem,
				options: item.options.map(choice),
				critical: item.critical,
			}
		case 'truefalse':
			return { id, kind: item.kind, stem: item.stem, critical: item.critical }
		case 'scenario': {
			const path = scenarioPath(item, answer?.kind === 'scenario' ? answer.decisions : {})
			return {
				id,
				kind: item.kind,
				title: item.title,
				citizen: item.citizen,
				stem: item.stem,
				documents: item.documents,
				decisions: path.steps.map(({ decision, option }) => ({
					id: decision.id,
					prompt: decision.prompt,
					options: decision.options.map(choice),
					chosen: option?.id ?? null,
				})),
				ended: path.ended,
				critical: item.critical,
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Answers

export const answerSchema = z.union([
	z.strictObject({ kind: z.literal('single'), choice: z.string().min(1).max(64) }),
	z.strictObject({
		kind: z.literal('multiple'),
		choices: z.array(z.string().min(1).max(64)).max(20),
	}),
	z.strictObject({ kind: z.literal('truefalse'), value: z.boolean() }),
	z.strictObject({
		kind: z.literal('order'),
		// '' marks a place not filled yet: a partial order is saved as it is.
		sequence: z.array(z.string().max(64)).max(20),
	}),
	z.strictObject({
		kind: z.literal('scenario'),
		decisions: z.record(z.string().max(64), z.string().min(1).max(64)),
	}),
])
export type Answer = z.infer<typeof answerSchema>

/** Does this answer fit this item (kind, option ids)? Tampered answers are refused, not graded. */
export function answerFits(item: QuizItem, answer: Answer): boolean {
	switch (item.kind) {
		case 'single':
			return answer.kind === 'single' && item.options.some((o) => o.id === answer.choice)
		case 'multiple': {
			if (answer.kind !== 'multiple') return false
			const ids = new Set(item.options.map((o) => o.id))
			return (
				answer.choices.every((c) => ids.has(c)) &&
				new Set(answer.choices).size === answer.choices.length
			)
		}
		case 'truefalse':
			return answer.kind === 'truefalse'
		case 'order': {
			if (answer.kind !== 'order') return false
			const ids = new Set(item.options.map((o) => o.id))
			const placed = answer.sequence.filter((c) => c !== '')
			return (
				answer.sequence.length <= ids.size &&
				placed.every((c) => ids.has(c)) &&
				new Set(placed).size === placed.length
			)
		}
		case 'scenario': {
			if (answer.kind !== 'scenario') return false
			// Only decisions on the path these choices lead along, each with one of its options.
			const path = scenarioPath(item, answer.decisions)
			const answered = path.steps.filter((step) => step.option !== null)
			return answered.length === Object.keys(answer.decisions).length
		}
	}
}

export type ItemGrade = {
	/** 0..1; a scenario earns the share of its decisions made right. */
	score: number
	correct: boolean
	answered: boolean
}

function sameSet(a: Array<string>, b: Array<string>) {
	return a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x))
}

export function gradeItem(item: QuizItem, answer: Answer | undefined): ItemGrade {
	if (!answer || !answerFits(item, answer)) return { score: 0, correct: false, answered: false }
	let score = 0
	switch (item.kind) {
		case 'single':
			score = answer.kind === 'single' && item.answer[0] === answer.choice ? 1 : 0
			break
		case 'multiple':
			score = answer.kind === 'multiple' && sameSet(answer.choices, item.answer) ? 1 : 0
			break
		case 'truefalse':
			score = answer.kind === 'truefalse' && answer.value === item.answer ? 1 : 0
			break
		case 'order':
			score =
				answer.kind === 'order' &&
				answer.sequence.length === item.answer.length &&
				answer.sequence.every((id, i) => item.answer[i] === id)
					? 1
					: 0
			break
		case 'scenario': {
			if (answer.kind !== 'scenario') break
			// The share of credit over the decisions of the path taken; a story left unfinished
			// counts the decisions it would still have needed on the right path.
			const path = scenarioPath(item, answer.decisions)
			const last = path.steps[path.steps.length - 1]
			const earned = path.steps.reduce((sum, step) => sum + (step.option?.credit ?? 0), 0)
			const open = !path.ended && last ? correctContinuation(item, last.decision) - 1 : 0
			const total = path.steps.length + open
			score = total === 0 ? 0 : Math.round((earned / total) * 1000) / 1000
			break
		}
	}
	return { score, correct: score === 1, answered: true }
}

export type AttemptGrade = {
	/** 0..100, rounded to one decimal. */
	percent: number
	correctCount: number
	total: number
	criticalMissed: Array<string>
	passed: boolean
	items: Array<{ itemId: string } & ItemGrade>
}

export function gradeAttempt(
	items: Array<QuizItem>,
	answers: ReadonlyMap<string, Answer>,
	rule: { passPercent: number; requireCritical: boolean },
): AttemptGrade {
	const graded = items.map((item) => ({
		itemId: item.id,
		...gradeItem(item, answers.get(item.id)),
	}))
	const total = items.length
	const sum = graded.reduce((acc, g) => acc + g.score, 0)
	const percent = total === 0 ? 0 : Math.round((sum / total) * 1000) / 10
	const criticalMissed = items
		.filter((item, i) => item.critical && !graded[i]?.correct)
		.map((item) => item.id)
	const passed =
		total > 0 &&
		percent >= rule.passPercent &&
		(!rule.requireCritical || criticalMissed.length === 0)
	return {
		percent,
		correctCount: graded.filter((g) => g.correct).length,
		total,
		criticalMissed,
		passed,
		items: graded,
	}
}

/** The correct answer of an item in the learner's answer format (for feedback and tests). */
export function correctAnswer(item: QuizItem): Answer {
	switch (item.kind) {
		case 'single':
			return { kind: 'single', choice: item.answer[0] ?? '' }
		case 'multiple':
			return { kind: 'multiple', choices: [...item.answer] }
		case 'truefalse':
			return { kind: 'truefalse', value: item.answer }
		case 'order':
			return { kind: 'order', sequence: [...item.answer] }
		case 'scenario': {
			const decisions: Record<string, string> = {}
			let decision: Decision | null = item.decisions[0] ?? null
			while (decision) {
				const right: DecisionOption | undefined = decision.options.find((o) => o.correct)
				if (!right) break
				decisions[decision.id] = right.id
				decision = followOption(item, decision, right).decision
			}
			return { kind: 'scenario', decisions }
		}
	}
}
