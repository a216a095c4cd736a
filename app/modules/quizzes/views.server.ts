// What the attempt and result pages show. Before submission only publicItem() fields leave the
// server; after submission the keys and feedback come with the learner's own answers.
import { inlineMarkdownToHtml, markdownToHtml } from '#app/utils/markdown.server.ts'
import {
	correctAnswer,
	gradeItem,
	publicItem,
	scenarioPath,
	type Answer,
	type QuizItem,
} from './items.ts'

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
			/** Decisions met so far: decided ones (final) with the choice, then the current one. */
			decisions: Array<{
				id: string
				promptHtml: string
				options: Array<ChoiceView>
				chosen: string | null
			}>
			ended: boolean
			critical: boolean
	  }

/**
 * The pre-submission view: built from publicItem(), so no key or feedback can reach it. Pass the
 * disguised item and the learner's answer in its ids (a scenario shows the path they took).
 */
export function itemView(item: QuizItem, answer?: Answer | null): ItemView {
	const view = publicItem(item, answer)
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
					chosen: d.chosen,
				})),
				ended: view.ended,
				critical: view.critical,
			}
	}
}

/** What a form posted for an item: an answer (null: nothing chosen yet), or why it cannot be one. */
export type FormAnswer = { answer: Answer | null } | { problem: 'malformed' | 'repeated-step' }

/** Read an answer for `item` from a posted form, in the ids the page showed. */
export function answerFromForm(item: QuizItem, form: FormData): FormAnswer {
	const values = (name: string) => form.getAll(name).map(String)
	const malformed = { problem: 'malformed' } as const
	switch (item.kind) {
		case 'single': {
			const [choice, ...rest] = values('choice')
			if (rest.length > 0) return malformed
			return { answer: choice ? { kind: 'single', choice } : null }
		}
		case 'multiple': {
			const choices = values('choices')
			return { answer: choices.length > 0 ? { kind: 'multiple', choices } : null }
		}
		case 'truefalse': {
			const [value, ...rest] = values('value')
			if (rest.length > 0) return malformed
			if (value === undefined) return { answer: null }
			if (value !== 'true' && value !== 'false') return malformed
			return { answer: { kind: 'truefalse', value: value === 'true' } }
		}
		case 'order': {
			const sequence = values('sequence')
			if (sequence.length > item.options.length) return malformed
			if (sequence.every((s) => s === '')) return { answer: null }
			const placed = sequence.filter((s) => s !== '')
			if (new Set(placed).size !== placed.length) return { problem: 'repeated-step' }
			// A partial order is an answer too: saved as it is, places left empty.
			return { answer: { kind: 'order', sequence } }
		}
		case 'scenario': {
			const decisions: Record<string, string> = {}
			for (const [name, value] of form.entries()) {
				if (!name.startsWith('decision.')) continue
				const decisionId = name.slice('decision.'.length)
				if (typeof value !== 'string' || decisionId in decisions) return malformed
				decisions[decisionId] = value
			}
			return { answer: Object.keys(decisions).length > 0 ? { kind: 'scenario', decisions } : null }
		}
	}
}

/** Why an answer is not finished yet: an order with empty places, a story not at its end. */
export function unfinished(item: QuizItem, answer: Answer | null): 'order' | 'scenario' | null {
	if (item.kind === 'order') {
		const sequence = answer?.kind === 'order' ? answer.sequence : []
		const placed = sequence.filter((s) => s !== '').length
		return placed > 0 && placed < item.options.length ? 'order' : null
	}
	if (item.kind === 'scenario' && answer?.kind === 'scenario') {
		return scenarioPath(item, answer.decisions).ended ? null : 'scenario'
	}
	return null
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
			/** 1 right, between 0 and 1 half right, 0 wrong. */
			credit: number
		}>
		/** The story reached an end (else: left unfinished; the outcome shown is the right path's). */
		ended: boolean
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
			// The path the learner took, each decision with every option's feedback, and the end
			// their choices led to.
			const path = scenarioPath(item, answer?.kind === 'scenario' ? answer.decisions : {})
			const taken = path.steps.filter((step) => step.option !== null)
			return {
				...base,
				scenario: {
					title: item.title,
					citizen: item.citizen,
					documents: item.documents,
					ended: path.ended,
					outcomeHtml: markdownToHtml(path.ended ? (path.outcome ?? item.outcome) : item.outcome),
					decisions: taken.map(({ decision, option }) => ({
						id: decision.id,
						promptHtml: markdownToHtml(decision.prompt),
						right: option?.correct === true,
						credit: option?.credit ?? 0,
						options: decision.options.map((o) => ({
							id: o.id,
							html: inlineMarkdownToHtml(o.text),
							chosen: option?.id === o.id,
							right: o.correct,
							feedbackHtml: markdownToHtml(o.feedback),
						})),
					})),
				},
			}
		}
	}
}
