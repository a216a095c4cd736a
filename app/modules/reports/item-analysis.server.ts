// Item analysis for trainers: which services people fail, and within a service which items are
// too hard or do not discriminate (an unclear lesson, or a bad item).
import { sql } from 'drizzle-orm'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { correctAnswer, type QuizItem } from '#app/modules/quizzes/items.ts'
import { siteScopeSql } from '#app/modules/people/people.server.ts'
import { queryRows } from '#app/utils/db.server.ts'
import { inlineMarkdownToHtml } from '#app/utils/markdown.server.ts'
import { itemStatistics } from './item-analysis.ts'

/** Services by pass rate, the most failed first. */
export async function serviceFailureRates(
	scope: Array<number> | null,
	catalog: Catalog = getCatalog(),
) {
	const rows = await queryRows<{
		service_code: string
		attempts: number
		passed: number
		people: number
	}>(sql`
		select a.service_code, count(*)::int as attempts, count(*) filter (where a.passed)::int as passed, count(distinct a.user_id)::int as people
		from attempts a join users u on u.id = a.user_id
		where a.kind = 'service' and a.status = 'submitted' and ${siteScopeSql(scope)}
		group by a.service_code`)
	return rows
		.map((r) => ({
			code: r.service_code,
			name: catalog.services.get(r.service_code)?.frontmatter.name ?? r.service_code,
			attempts: r.attempts,
			passRate: r.attempts === 0 ? 0 : r.passed / r.attempts,
			people: r.people,
		}))
		.sort((a, b) => a.passRate - b.passRate || b.attempts - a.attempts)
}

function choiceLabel(item: QuizItem | undefined, choice: string): string {
	if (!item) return choice
	if (item.kind === 'scenario') {
		const [decisionId, optionId] = choice.split(':')
		const decision = item.decisions.find((d) => d.id === decisionId)
		const index = item.decisions.findIndex((d) => d.id === decisionId)
		const option = decision?.options.find((o) => o.id === optionId)
		return option ? `决定 ${index + 1}：${option.text}` : choice
	}
	if (item.kind === 'truefalse') return choice === 'true' ? '正确' : '错误'
	return item.options.find((o) => o.id === choice)?.text ?? choice
}

function rightChoicesOf(item: QuizItem | undefined): Set<string> {
	if (!item) return new Set()
	const key = correctAnswer(item)
	switch (key.kind) {
		case 'single':
			return new Set([key.choice])
		case 'multiple':
			return new Set(key.choices)
		case 'truefalse':
			return new Set([String(key.value)])
		// In an order item every step is "right"; a wrong sequence has no single wrong option.
		case 'order':
			return new Set(key.sequence)
		case 'scenario':
			return new Set(Object.entries(key.decisions).map(([d, o]) => `${d}:${o}`))
	}
}

export async function serviceItemAnalysis(
	code: string,
	scope: Array<number> | null,
	catalog: Catalog = getCatalog(),
) {
	const responses = await queryRows<{
		attempt_id: string
		item_id: string
		correct: boolean
		score: number
		chosen: Array<string> | null
	}>(sql`
		select r.attempt_id, r.item_id, r.correct, r.score, r.chosen
		from attempt_results r
		join attempts a on a.id = r.attempt_id
		join users u on u.id = a.user_id
		where a.kind = 'service' and a.service_code = ${code} and ${siteScopeSql(scope)}`)
	const stats = itemStatistics(
		responses.map((r) => ({
			attemptId: r.attempt_id,
			itemId: r.item_id,
			correct: r.correct,
			score: r.score,
			chosen: Array.isArray(r.chosen) ? r.chosen.map(String) : null,
		})),
		(itemId) => rightChoicesOf(catalog.bank.items.get(itemId)),
	)
	return stats
		.map((s) => {
			const item = catalog.bank.items.get(s.itemId)
			return {
				...s,
				kind: item?.kind ?? null,
				topic: item?.topic ?? null,
				stem: item ? (item.kind === 'scenario' ? item.title : item.stem) : null,
				/** The stem as the clerk saw it: Markdown rendered (**全部** is bold, not asterisks). */
				stemHtml: item
					? inlineMarkdownToHtml(item.kind === 'scenario' ? item.title : item.stem)
					: null,
				section: item?.section ?? null,
				topWrongText: s.topWrongChoice ? choiceLabel(item, s.topWrongChoice.choice) : null,
				topWrongHtml: s.topWrongChoice
					? inlineMarkdownToHtml(choiceLabel(item, s.topWrongChoice.choice))
					: null,
				retired: !item,
			}
		})
		.sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.difficulty - b.difficulty)
}
