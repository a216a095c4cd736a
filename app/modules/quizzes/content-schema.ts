// Schemas of the quiz files authors write: content/services/<code>/quiz.yml, scenarios, cases.
// The content rules of freeCodeCamp's challenge schema apply: stable ids, unique options, the
// answer never among the distractors.
import { z } from 'zod'
import { lessonSectionIds } from '#app/modules/content/sections.ts'

const slug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lowercase latin letters, digits and "-"')
const markdown = z.string().trim().min(1, 'must not be empty')
const section = z.enum(lessonSectionIds, {
	message: `section must be one of ${lessonSectionIds.join(', ')}`,
})

function normalizedText(text: string) {
	return text
		.normalize('NFKC')
		.replace(/\s+/g, '')
		.replace(/[。．.！!]$/, '')
}

function checkOptionsUnique(
	options: Array<{ id: string; text: string }>,
	ctx: z.RefinementCtx,
	path: Array<string | number>,
) {
	const ids = new Set<string>()
	const texts = new Set<string>()
	options.forEach((option, index) => {
		if (ids.has(option.id))
			ctx.addIssue({
				code: 'custom',
				path: [...path, index, 'id'],
				message: `duplicate option id "${option.id}"`,
			})
		const text = normalizedText(option.text)
		if (texts.has(text))
			ctx.addIssue({
				code: 'custom',
				path: [...path, index, 'text'],
				message: `duplicate option text "${option.text}"`,
			})
		ids.add(option.id)
		texts.add(text)
	})
}

const optionSchema = z.strictObject({ id: slug, text: markdown })

/**
 * Items that test the same fact (the true and the false version of one rule, two wordings of one
 * time limit) share a `fact`: an attempt never holds two items of one fact. Default: the item id.
 */
const fact = slug.optional()

const choiceItemSchema = z
	.strictObject({
		id: slug,
		fact,
		kind: z.enum(['single', 'multiple']),
		section,
		stem: markdown,
		options: z
			.array(optionSchema)
			.min(2, 'needs at least two options')
			.max(8, 'at most eight options'),
		answer: z.array(slug).min(1, 'answer lists at least one option id'),
		feedback: markdown,
	})
	.superRefine((item, ctx) => {
		checkOptionsUnique(item.options, ctx, ['options'])
		const ids = new Set(item.options.map((o) => o.id))
		for (const answer of item.answer) {
			if (!ids.has(answer))
				ctx.addIssue({
					code: 'custom',
					path: ['answer'],
					message: `answer "${answer}" is not one of the options`,
				})
		}
		if (new Set(item.answer).size !== item.answer.length) {
			ctx.addIssue({ code: 'custom', path: ['answer'], message: 'answer lists an option twice' })
		}
		if (item.kind === 'single' && item.answer.length !== 1) {
			ctx.addIssue({
				code: 'custom',
				path: ['answer'],
				message: 'a single-choice item has exactly one answer',
			})
		}
		if (item.answer.length === item.options.length) {
			ctx.addIssue({
				code: 'custom',
				path: ['answer'],
				message: 'every option is an answer: the item needs distractors',
			})
		}
	})

const trueFalseItemSchema = z.strictObject({
	id: slug,
	fact,
	kind: z.literal('truefalse'),
	section,
	stem: markdown,
	answer: z.boolean({ message: 'a true/false item has answer: true or false' }),
	feedback: markdown,
})

export const authoredItemSchema = z.discriminatedUnion('kind', [
	choiceItemSchema,
	trueFalseItemSchema,
])
export type AuthoredItem = z.infer<typeof authoredItemSchema>

export const quizFileSchema = z
	.strictObject({
		items: z.array(authoredItemSchema).min(1, 'a quiz file needs at least one item'),
	})
	.superRefine((file, ctx) => {
		const ids = new Set<string>()
		file.items.forEach((item, index) => {
			if (ids.has(item.id))
				ctx.addIssue({
					code: 'custom',
					path: ['items', index, 'id'],
					message: `duplicate item id "${item.id}"`,
				})
			ids.add(item.id)
		})
	})

export const decisionActions = [
	'accept',
	'request',
	'refuse',
	'route',
	'escalate',
	'inform',
] as const

/** Where an option leads: another decision of the scenario (by id), or `end`. */
const nextTarget = z.union([z.literal('end'), slug])

const decisionOptionSchema = z
	.strictObject({
		id: slug,
		text: markdown,
		feedback: markdown,
		correct: z.boolean().optional(),
		/** Partial credit for an option that is half right (0 < credit < 1); wrong options earn 0. */
		credit: z
			.number()
			.gt(0, 'credit is between 0 and 1 (leave it out for a wrong option)')
			.lt(1, 'credit is below 1 (mark the right option with correct: true)')
			.optional(),
		action: z
			.enum(decisionActions, { message: `action must be one of ${decisionActions.join(', ')}` })
			.optional(),
		unit: z.string().trim().min(1).optional(),
		/** The decision this choice leads to instead of the next one on the main line, or `end`. */
		next: nextTarget.optional(),
		/** What happens to the citizen when this choice ends the scenario (`next: end`). */
		outcome: markdown.optional(),
	})
	.superRefine((option, ctx) => {
		if (option.correct === true && option.credit !== undefined)
			ctx.addIssue({
				code: 'custom',
				path: ['credit'],
				message: 'the correct option earns full credit: drop credit',
			})
		if (option.next === 'end' && !option.outcome)
			ctx.addIssue({
				code: 'custom',
				path: ['outcome'],
				message: 'an option that ends the scenario (next: end) says the outcome',
			})
		if (option.outcome && option.next !== 'end')
			ctx.addIssue({
				code: 'custom',
				path: ['outcome'],
				message: 'outcome belongs to an option with next: end',
			})
	})

const decisionSchema = z
	.strictObject({
		id: slug,
		section: section.optional(),
		/**
		 * A branch decision is reached only through an option's `next` (the consequence of a
		 * choice: the back office returned the file, the citizen came back). After it, the
		 * scenario goes on with the next main-line decision below it.
		 */
		branch: z.boolean().optional(),
		prompt: markdown,
		options: z
			.array(decisionOptionSchema)
			.min(2, 'a decision needs at least two options')
			.max(6, 'at most six options'),
	})
	.superRefine((decision, ctx) => {
		checkOptionsUnique(decision.options, ctx, ['options'])
		const correct = decision.options.filter((o) => o.correct === true).length
		if (correct !== 1) {
			ctx.addIssue({
				code: 'custom',
				path: ['options'],
				message: `a decision has exactly one correct option (found ${correct})`,
			})
		}
	})

export const scenarioSchema = z
	.strictObject({
		title: markdown,
		pattern: z
			.string()
			.regex(/^ZC-\d{2}$/, 'pattern looks like ZC-01')
			.optional(),
		services: z.array(z.string()).min(1, 'a scenario tests at least one service'),
		units: z.array(z.string().trim().min(1)).optional(),
		citizen: markdown,
		story: markdown,
		documents: z.array(markdown).min(1, 'list the documents the citizen brings'),
		decisions: z.array(decisionSchema).min(3, 'a scenario needs at least three decisions'),
		outcome: markdown,
	})
	.superRefine((scenario, ctx) => {
		const ids = new Set<string>()
		scenario.decisions.forEach((decision, index) => {
			if (ids.has(decision.id))
				ctx.addIssue({
					code: 'custom',
					path: ['decisions', index, 'id'],
					message: `duplicate decision id "${decision.id}"`,
				})
			ids.add(decision.id)
		})
		const position = new Map(scenario.decisions.map((d, i) => [d.id, i]))
		const targeted = new Set<string>()
		scenario.decisions.forEach((decision, index) => {
			decision.options.forEach((option, optionIndex) => {
				if (!option.next || option.next === 'end') return
				const target = position.get(option.next)
				const path = ['decisions', index, 'options', optionIndex, 'next']
				if (target === undefined)
					ctx.addIssue({ code: 'custom', path, message: `next: no decision "${option.next}"` })
				// Forward only: a scenario is a story that moves on, and can never loop.
				else if (target <= index)
					ctx.addIssue({
						code: 'custom',
						path,
						message: `next: "${option.next}" must come after "${decision.id}" in the file`,
					})
				else targeted.add(option.next)
			})
		})
		scenario.decisions.forEach((decision, index) => {
			if (decision.branch && !targeted.has(decision.id))
				ctx.addIssue({
					code: 'custom',
					path: ['decisions', index, 'branch'],
					message: `branch decision "${decision.id}" is never reached: no option has next: ${decision.id}`,
				})
		})
		if (scenario.decisions[0]?.branch)
			ctx.addIssue({
				code: 'custom',
				path: ['decisions', 0, 'branch'],
				message: 'the first decision is on the main line',
			})
		const mainLine = scenario.decisions.filter((d) => !d.branch).length
		if (mainLine < 3)
			ctx.addIssue({
				code: 'custom',
				path: ['decisions'],
				message: `the main line needs at least three decisions (found ${mainLine})`,
			})
	})
export type Scenario = z.infer<typeof scenarioSchema>

export const patternsFileSchema = z.array(
	z.strictObject({ id: z.string().regex(/^ZC-\d{2}$/), title: markdown, group: markdown }),
)
