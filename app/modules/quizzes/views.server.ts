// What the attempt and result pages show. Before submission only publicItem() fields leave the
// server; after submission the keys and feedback come with the learner's own answers.
import { inlineMarkdownToHtml, markdownToHtml } from '#app/utils/markdown.server.ts'
import { correctAnswer, gradeItem, publicItem, type Answer, type QuizItem } from './items.ts'

export type ChoiceView = { id: string; html: string }

export type ItemView =
	| {
			id: string
			kind: 'single' | 'multiple' | 'order'
			stemHtml: string
			options: Array<ChoiceView>
			critical: boolean
	  }
	| { id: string; kind: 'truefalse'; stemHtml: string; critical: boolean }
	| {
			id: string
			kind: 'scenario'
			title: string
			citizen: string
			stemHtml: string
			documents: Array<string>
			decisions: Array<{ id: string; promptHtml: string; options: Array<ChoiceView> }>
			critical: boolean
	  }

/** The pre-submission view: built from publicItem(), so no key or feedback can reach it. */
export function itemView(item: QuizItem): ItemView {
	const view = publicItem(item)
	const choice = (c: { id: string; text: string }) => ({
		id: c.id,
		html: inlineMarkdownToHtml(c.text),
	})
	switch (view.kind) {
		case 'single':
		case 'multiple':
		case 'order':
			return {
				id: view.id,
				kind: view.kind,
				stemHtml: markdownToHtml(view.stem),
				options: view.options.map(choice),
				critical: view.critical,
			}
		case 'truefalse':
			return {
				id: view.id,
				kind: view.kind,
				stemHtml: markdownToHtml(view.stem),
				critical: view.critical,
			}
		case 'scenario':
			return {
				id: view.id,
				kind: view.kind,
				title: view.title,
				citizen: view.citizen,
				stemHtml: markdownToHtml(view.stem),
				documents: view.documents,
				decisions: view.decisions.map((d) => ({
					id: d.id,
					promptHtml: markdownToHtml(d.prompt),
					options: d.options.map(choice),
				})),
				critical: view.critical,
			}
	}
}

/** Read an answer for `item` from a posted form. null: nothing chosen; 'invalid': malformed. */
export function answerFromForm(item: QuizItem, form: FormData): Answer | null | 'invalid' {
	const values = (name: string) => form.getAll(name).map(String)
	switch (item.kind) {
		case 'single': {
			const [choice, ...rest] = values('choice')
			if (rest.length > 0) return 'invalid'
			return choice ? { kind: 'single', choice } : null
		}
		case 'multiple': {
			const choices = values('choices')
			return choices.length > 0 ? { kind: 'multiple', choices } : null
		}
		case 'truefalse': {
			const [value, ...rest] = values('value')
			if (rest.length > 0) return 'invalid'
			if (value === undefined) return null
			if (value !== 'true' && value !== 'false') return 'invalid'
			return { kind: 'truefalse', value: value === 'true' }
		}
		case 'order': {
			const sequence = values('sequence')
			if (sequence.length === 0 || sequence.every((s) => s === '')) return null
			if (sequence.some((s) => s === '') || new Set(sequence).size !== sequence.length)
				return 'invalid'
			return { kind: 'order', sequence }
		}
		case 'scenario': {
			const decisions: Record<string, string> = {}
			for (const [name, value] of form.entries()) {
				if (!name.startsWith('decision.')) continue
				const decisionId = name.slice('decision.'.length)
				if (typeof value !== 'string' || decisionId in decisions) return 'invalid'
				decisions[decisionId] = value
			}
			return Object.keys(decisions).length > 0 ? { kind: 'scenario', decisions } : null
		}
	}
}

export type ReviewedChoice = ChoiceView & { chosen: boolean; right: boolean }

export type ItemReview = {
	id: string
	kind: QuizItem['kind']
	stemHtml: string
	feedbackHtml: string
	lessonHref: string
	critical: boolean
	score: number
	correct: boolean
	answered: boolean
	options: Array<ReviewedChoice>
	/** Order items: the learner's sequence and the right one, as option texts. */
	sequence: { given: Array<string>; right: Array<string> } | null
	scenario: {
		title: string
		citizen: string
		documents: Array<string>
		decisions: Array<{
			id: string
			promptHtml: string
			options: Array<ReviewedChoice & { feedbackHtml: string }>
			right: boolean
		}>
		outcomeHtml: string
	} | null
}

/** The after-submission view of one item, with the learner's answer beside the key. */
export function itemReview(item: QuizItem, answer: Answer | undefined): ItemReview {
	const grade = gradeItem(item, answer)
	const key = correctAnswer(item)
	const section =
		item.kind === 'scenario' ? (item.decisions[0]?.section ?? item.section) : item.section
	const base = {
		id: item.id,
		kind: item.kind,
		stemHtml: markdownToHtml(item.stem),
		feedbackHtml: markdownToHtml(item.feedback),
		lessonHref: `/services/${item.services[0] ?? ''}#${section}`,
		critical: item.critical,
		...grade,
		options: [] as Array<ReviewedChoice>,
		sequence: null,
		scenario: null,
	}
	switch (item.kind) {
		case 'single':
		case 'multiple': {
			const chosen = new Set(
				answer?.kind === 'single'
					? [answer.choice]
					: answer?.kind === 'multiple'
						? answer.choices
						: [],
			)
			return {
				...base,
				options: item.options.map((o) => ({
					id: o.id,
					html: inlineMarkdownToHtml(o.text),
					chosen: chosen.has(o.id),
					right: item.answer.includes(o.id),
				})),
			}
		}
		case 'truefalse': {
			const given = answer?.kind === 'truefalse' ? answer.value : null
			return {
				...base,
				options: [true, false].map((value) => ({
					id: String(value),
					html: value ? '正确' : '错误',
					chosen: given === value,
					right: key.kind === 'truefalse' && key.value === value,
				})),
			}
		}
		case 'order': {
			const text = (id: string) => item.options.find((o) => o.id === id)?.text ?? ''
			return {
				...base,
				sequence: {
					given: answer?.kind === 'order' ? answer.sequence.map(text) : [],
					right: item.answer.map(text),
				},
			}
		}
		case 'scenario': {
			const chosen = answer?.kind === 'scenario' ? answer.decisions : {}
			return {
				...base,
				scenario: {
					title: item.title,
					citizen: item.citizen,
					documents: item.documents,
					outcomeHtml: markdownToHtml(item.outcome),
					decisions: item.decisions.map((d) => ({
						id: d.id,
						promptHtml: markdownToHtml(d.prompt),
						right: d.options.some((o) => o.correct && chosen[d.id] === o.id),
						options: d.options.map((o) => ({
							id: o.id,
							html: inlineMarkdownToHtml(o.text),
							chosen: chosen[d.id] === o.id,
							right: o.correct,
							feedbackHtml: markdownToHtml(o.feedback),
						})),
					})),
				},
			}
		}
	}
}
