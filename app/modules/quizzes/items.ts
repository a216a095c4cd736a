// Quiz items as the engine uses them: one shape for generated, authored and scenario items,
// the public view that is safe to send before submission, and grading.
import { z } from 'zod'
import { lessonSectionIds, type LessonSectionId } from '#app/modules/content/sections.ts'

export type Choice = { id: string; text: string }

export type ItemTopic =
	| 'materials'
	| 'routing'
	| 'timelimit'
	| 'steps'
	| 'eligibility'
	| 'lookalike'
	| 'authored'
	| 'scenario'

type ItemBase = {
	id: string
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
	action?: string
	unit?: string
}
export type Decision = {
	id: string
	prompt: string
	section?: LessonSectionId
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

// Stored attempts keep their items as JSON; reading them back goes through this schema.
const choiceSchema = z.object({ id: z.string(), text: z.string() })
const baseSchema = {
	id: z.string(),
	services: z.array(z.string()),
	section: z.enum(lessonSectionIds),
	topic: z.enum([
		'materials',
		'routing',
		'timelimit',
		'steps',
		'eligibility',
		'lookalike',
		'authored',
		'scenario',
	]),
	stem: z.string(),
	feedback: z.string(),
	critical: z.boolean(),
}
export const quizItemSchema: z.ZodType<QuizItem> = z.discriminatedUnion('kind', [
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
				options: z.array(
					choiceSchema.extend({
						feedback: z.string(),
						correct: z.boolean(),
						action: z.string().optional(),
						unit: z.string().optional(),
					}),
				),
			}),
		),
	}),
])
export const storedItemsSchema = z.array(quizItemSchema)

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
			decisions: Array<{ id: string; prompt: string; options: Array<Choice> }>
			critical: boolean
	  }

/** Built field by field (a whitelist), so a new secret field can never leak by accident. */
export function publicItem(item: QuizItem): PublicItem {
	const choice = (c: Choice): Choice => ({ id: c.id, text: c.text })
	switch (item.kind) {
		case 'single':
		case 'multiple':
		case 'order':
			return {
				id: item.id,
				kind: item.kind,
				stem: item.stem,
				options: item.options.map(choice),
				critical: item.critical,
			}
		case 'truefalse':
			return { id: item.id, kind: item.kind, stem: item.stem, critical: item.critical }
		case 'scenario':
			return {
				id: item.id,
				kind: item.kind,
				title: item.title,
				citizen: item.citizen,
				stem: item.stem,
				documents: item.documents,
				decisions: item.decisions.map((d) => ({
					id: d.id,
					prompt: d.prompt,
					options: d.options.map(choice),
				})),
				critical: item.critical,
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
		sequence: z.array(z.string().min(1).max(64)).max(20),
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
			return answer.sequence.length <= ids.size && answer.sequence.every((c) => ids.has(c))
		}
		case 'scenario': {
			if (answer.kind !== 'scenario') return false
			return Object.entries(answer.decisions).every(([decisionId, optionId]) =>
				item.decisions.some((d) => d.id === decisionId && d.options.some((o) => o.id === optionId)),
			)
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
			const right = item.decisions.filter((d) => {
				const chosen = answer.decisions[d.id]
				return d.options.some((o) => o.id === chosen && o.correct)
			}).length
			score = item.decisions.length === 0 ? 0 : right / item.decisions.length
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
		case 'scenario':
			return {
				kind: 'scenario',
				decisions: Object.fromEntries(
					item.decisions.map((d) => [d.id, d.options.find((o) => o.correct)?.id ?? '']),
				),
			}
	}
}
