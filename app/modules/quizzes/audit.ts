// The item audit: answers the whole bank the way a test-wise person who knows no procedure would
// (longest or shortest option, words shared with the stem and the service name, "the ID card and
// the application form are always right", hedged wording, the displayed order) and at random,
// and checks that a retake right after a failure asks other items. A certificate is worth
// something only when none of these beats chance by much.
import { drawServiceQuiz, shuffleOptions } from './draw.ts'
import { templateRank } from './generate.ts'
import { type Choice, type QuizItem } from './items.ts'
import { seededRandom } from './random.ts'

/** One guess a learner makes: an item (or one decision of a scenario) with its options. */
export type Question = {
	itemId: string
	/** The group the report and the gate use, e.g. "routing", "authored truefalse". */
	kind: string
	/** What the learner reads before choosing: the stem (and a scenario's story and prompt). */
	context: string
	/** Names of the services the item is about, as the page shows them. */
	serviceNames: Array<string>
	/**
	 * How often taking the options in the order shown is right, over many learners' shuffles
	 * (options are shuffled per attempt, so this is near chance unless the shuffle is biased).
	 */
	firstShown: number
} & (
	| { format: 'single'; options: Array<Choice>; answer: string }
	| { format: 'multiple'; options: Array<Choice>; answer: Array<string> }
	| { format: 'truefalse'; answer: boolean }
	| { format: 'order'; options: Array<Choice>; answer: Array<string> }
)

export type StrategyName =
	| 'random'
	| 'longest'
	| 'shortest'
	| 'overlap'
	| 'hedged'
	| 'first-shown'
	| 'generic-documents'
	| 'always-true'
	| 'always-false'
	| 'template-order'

// ---------------------------------------------------------------------------------------------
// Text measures a test-wise reader uses

function plain(text: string): string {
	return text
		.normalize('NFKC')
		.replace(/\*\*|__|`/g, '')
		.replace(/[\s\p{P}\p{S}]/gu, '')
}

function bigramSet(text: string): Set<string> {
	const t = plain(text)
	const grams = new Set<string>()
	for (let i = 0; i + 1 < t.length; i++) grams.add(t.slice(i, i + 2))
	return grams
}

/** Bigrams an option shares with what the learner reads, beyond those every option shares. */
function overlapScores(options: ReadonlyArray<Choice>, context: string): Array<number> {
	const seen = bigramSet(context)
	const sets = options.map((o) => bigramSet(o.text))
	const common = sets.reduce<Set<string> | null>(
		(acc, set) => (acc === null ? new Set(set) : new Set([...acc].filter((g) => set.has(g)))),
		null,
	)
	return sets.map((set) => [...set].filter((g) => seen.has(g) && !common?.has(g)).length)
}

const hedgeWords =
	/按规定|按照规定|依法|依照|以.{1,12}为准|一般|可以|告知|核实|核查|出具|回执|一次性告知|视情况|按本省|按当地/g
const absoluteWords = /一律|直接|只能|肯定|必须|所有|全部|不能|不得|绝对|一定|都要|都不|从不|永远/g

function hedgeScore(text: string): number {
	return (text.match(hedgeWords)?.length ?? 0) - (text.match(absoluteWords)?.length ?? 0)
}

/** Documents nearly every service asks for. */
export const genericDocument =
	/身份证|社会保障卡|社保卡|户口|委托书|授权|经办人|营业执照|统一社会信用代码|申请表|申请书|登记表/

// ---------------------------------------------------------------------------------------------
// Strategies: each returns the probability of answering the question right (ties split evenly)

/** The chance of a uniform guess. */
export function chanceOf(question: Question): number {
	switch (question.format) {
		case 'single':
			return 1 / question.options.length
		case 'multiple':
			return 1 / (2 ** question.options.length - 1)
		case 'truefalse':
			return 0.5
		case 'order': {
			let ways = 1
			for (let n = 2; n <= question.options.length; n++) ways *= n
			return 1 / ways
		}
	}
}

/** Pick the options with the best score; the chance that the answer is among them. */
function pickBest(options: ReadonlyArray<Choice>, scores: Array<number>, answer: string): number {
	const best = Math.max(...scores)
	const tied = options.filter((_, i) => scores[i] === best)
	return tied.some((o) => o.id === answer) ? 1 / tied.length : 0
}

function sameSet(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
	return a.length === b.length && a.every((x) => b.includes(x))
}

/** Multiple choice: tick the options a rule marks; right only on the exact set. */
function tickWhere(
	question: Extract<Question, { format: 'multiple' }>,
	rule: (option: Choice, index: number) => boolean,
): number {
	const ticked = question.options.filter((o, i) => rule(o, i)).map((o) => o.id)
	return sameSet(ticked, question.answer) ? 1 : 0
}

function medianOf(values: Array<number>): number {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Thresholds a test-wise reader could set without the key: the median over the group. */
export type GroupNorms = { medianOverlap: number; medianLength: number; medianHedge: number }

/** How much of the service's name a statement repeats (the name itself, quoted, left out). */
function trueFalseOverlap(question: Question): number {
	const names = question.serviceNames
	const name = bigramSet(names.join(''))
	const claim = names.reduce((text, n) => text.split(n).join(''), question.context)
	const stem = bigramSet(claim)
	if (name.size === 0) return 0
	return [...stem].filter((g) => name.has(g)).length / name.size
}

export function groupNorms(questions: ReadonlyArray<Question>): GroupNorms {
	return {
		medianOverlap: medianOf(questions.map(trueFalseOverlap)),
		medianLength: medianOf(questions.map((q) => plain(q.context).length)),
		medianHedge: medianOf(questions.map((q) => hedgeScore(q.context))),
	}
}

export function strategiesFor(question: Question): Array<StrategyName> {
	switch (question.format) {
		case 'single':
			return ['random', 'longest', 'shortest', 'overlap', 'hedged', 'first-shown']
		case 'multiple':
			return ['random', 'longest', 'overlap', 'hedged', 'generic-documents']
		case 'truefalse':
			return ['random', 'always-true', 'always-false', 'overlap', 'longest', 'hedged']
		case 'order':
			return ['random', 'first-shown', 'template-order', 'longest']
	}
}

/** The chance a strategy answers this question right. */
export function answerWith(strategy: StrategyName, question: Question, norms: GroupNorms): number {
	if (strategy === 'random') return chanceOf(question)
	switch (question.format) {
		case 'single': {
			const { options, answer } = question
			const lengths = options.map((o) => plain(o.text).length)
			switch (strategy) {
				case 'longest':
					return pickBest(options, lengths, answer)
				case 'shortest':
					return pickBest(
						options,
						lengths.map((l) => -l),
						answer,
					)
				case 'overlap':
					return pickBest(options, overlapScores(options, question.context), answer)
				case 'hedged':
					return pickBest(
						options,
						options.map((o) => hedgeScore(o.text)),
						answer,
					)
				case 'first-shown':
					return question.firstShown
				default:
					return 0
			}
		}
		case 'multiple': {
			const lengths = question.options.map((o) => plain(o.text).length)
			const overlaps = overlapScores(question.options, question.context)
			const half = Math.max(1, Math.round(question.options.length / 2))
			switch (strategy) {
				case 'generic-documents':
					return tickWhere(question, (o) => genericDocument.test(o.text))
				case 'longest': {
					const cut = [...lengths].sort((a, b) => b - a)[half - 1] ?? 0
					return tickWhere(question, (_, i) => (lengths[i] ?? 0) >= cut)
				}
				case 'overlap':
					return tickWhere(question, (_, i) => (overlaps[i] ?? 0) > 0)
				case 'hedged':
					return tickWhere(question, (o) => hedgeScore(o.text) > 0)
				default:
					return 0
			}
		}
		case 'truefalse': {
			const say = (value: boolean) => (value === question.answer ? 1 : 0)
			const tie = (score: number, median: number, above: boolean) =>
				score === median ? 0.5 : say(above ? score > median : score < median)
			switch (strategy) {
				case 'always-true':
					return say(true)
				case 'always-false':
					return say(false)
				case 'overlap':
					return tie(trueFalseOverlap(question), norms.medianOverlap, true)
				case 'longest':
					return tie(plain(question.context).length, norms.medianLength, true)
				case 'hedged':
					return tie(hedgeScore(question.context), norms.medianHedge, true)
				default:
					return 0
			}
		}
		case 'order': {
			const { options, answer } = question
			switch (strategy) {
				case 'first-shown':
					return question.firstShown
				case 'template-order': {
					const sorted = [...options].sort((a, b) => templateRank(a.text) - templateRank(b.text))
					return sorted.every((o, i) => answer[i] === o.id) ? 1 : 0
				}
				case 'longest': {
					const sorted = [...options].sort((a, b) => plain(b.text).length - plain(a.text).length)
					return sorted.every((o, i) => answer[i] === o.id) ? 1 : 0
				}
				default:
					return 0
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// From items to questions, as a learner meets them (options in a shuffled order)

/** The group an item reports under: generated items by topic, others by their format. */
export function kindOf(item: QuizItem): string {
	if (item.kind === 'scenario') return 'scenario decision'
	return `${item.topic} ${item.kind}`
}

/** Per question of an item: is the order shown right (single: first option; order: all)? */
function shownRight(item: QuizItem): Array<boolean> {
	switch (item.kind) {
		case 'single':
			return [item.options[0]?.id === item.answer[0]]
		case 'multiple':
		case 'truefalse':
			return [false]
		case 'order':
			return [item.options.every((o, i) => item.answer[i] === o.id)]
		case 'scenario':
			return item.decisions.map((d) => d.options[0]?.correct === true)
	}
}

/** Learners' shuffles simulated per item, for the displayed-order strategy. */
const shuffles = 16

export function questionsOf(
	item: QuizItem,
	serviceNames: Array<string>,
	seed: string,
): Array<Question> {
	const firstShown = shownRight(item).map(() => 0)
	for (let k = 0; k < shuffles; k++) {
		shownRight(shuffleOptions(item, seededRandom(`${seed}:${item.id}:${k}`))).forEach(
			(right, i) => {
				if (right) firstShown[i] = (firstShown[i] ?? 0) + 1 / shuffles
			},
		)
	}
	const base = { itemId: item.id, kind: kindOf(item), serviceNames, firstShown: firstShown[0] ?? 0 }
	switch (item.kind) {
		case 'single':
			return [
				{
					...base,
					format: 'single',
					context: item.stem,
					options: item.options,
					answer: item.answer[0] ?? '',
				},
			]
		case 'multiple':
			return [
				{
					...base,
					format: 'multiple',
					context: item.stem,
					options: item.options,
					answer: item.answer,
				},
			]
		case 'truefalse':
			return [{ ...base, format: 'truefalse', context: item.stem, answer: item.answer }]
		case 'order':
			return [
				{
					...base,
					format: 'order',
					context: item.stem,
					options: item.options,
					answer: item.answer,
				},
			]
		case 'scenario':
			return item.decisions.map((decision, index) => ({
				...base,
				itemId: `${item.id}#${decision.id}`,
				firstShown: firstShown[index] ?? 0,
				format: 'single' as const,
				context: `${item.stem}\n${item.documents.join('\n')}\n${decision.prompt}`,
				options: decision.options.map((o) => ({ id: o.id, text: o.text })),
				answer: decision.options.find((o) => o.correct)?.id ?? '',
			}))
	}
}

// ---------------------------------------------------------------------------------------------
// The report

export type KindReport = {
	kind: string
	questions: number
	/** Mean chance of a uniform guess, 0..1. */
	chance: number
	/** Each strategy's mean success, 0..1. */
	strategies: Partial<Record<StrategyName, number>>
	/** The best strategy and its rate. */
	best: { strategy: StrategyName; rate: number }
	gap: number
}

export type RetakeReport = {
	code: string
	pool: number
	/** The most items a retake right after an attempt shared with it, over the trials. */
	maxShared: number
}

export type AuditReport = {
	kinds: Array<KindReport>
	retakes: Array<RetakeReport>
	/** Questions (by item id) that a strategy answers outright, for authors to look at. */
	flagged: Map<string, Array<StrategyName>>
	failures: Array<string>
}

export type AuditInput = {
	/** Every item of the bank. */
	items: ReadonlyArray<QuizItem>
	/** Each service's pool, as a quiz draws from it. */
	pools: ReadonlyMap<string, ReadonlyArray<QuizItem>>
	serviceName: (code: string) => string
	quiz: { size: number; maxScenarios: number }
	/** The gate: a kind fails when its best strategy beats chance by more than this (0..1). */
	maxGap?: number
	/** The gate: a retake may share at most this many items with the attempt before it. */
	maxShared?: number
	/** The gate: every service's pool holds at least this many items. */
	minPool?: number
	/** Retake trials per service. */
	trials?: number
}

export function auditBank(input: AuditInput): AuditReport {
	const maxGap = input.maxGap ?? 0.1
	const maxShared = input.maxShared ?? 2
	const trials = input.trials ?? 12
	const minPool = input.minPool ?? 24
	const questions = input.items.flatMap((item) =>
		questionsOf(
			item,
			item.services.slice(0, 1).map((code) => input.serviceName(code)),
			'audit',
		),
	)
	const byKind = new Map<string, Array<Question>>()
	for (const q of questions) byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), q])

	const flagged = new Map<string, Array<StrategyName>>()
	const kinds: Array<KindReport> = []
	for (const [kind, group] of [...byKind.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
		const norms = groupNorms(group)
		const totals = new Map<StrategyName, number>()
		let chance = 0
		for (const q of group) {
			chance += chanceOf(q)
			for (const strategy of strategiesFor(q)) {
				const p = answerWith(strategy, q, norms)
				totals.set(strategy, (totals.get(strategy) ?? 0) + p)
				if (
					strategy !== 'random' &&
					strategy !== 'first-shown' &&
					p === 1 &&
					q.format !== 'truefalse'
				)
					flagged.set(q.itemId, [...(flagged.get(q.itemId) ?? []), strategy])
			}
		}
		const strategies = Object.fromEntries(
			[...totals.entries()].map(([name, total]) => [name, total / group.length]),
		) as Partial<Record<StrategyName, number>>
		let best: { strategy: StrategyName; rate: number } = { strategy: 'random', rate: 0 }
		for (const [name, rate] of Object.entries(strategies) as Array<[StrategyName, number]>)
			if (rate > best.rate) best = { strategy: name, rate }
		const meanChance = chance / group.length
		kinds.push({
			kind,
			questions: group.length,
			chance: meanChance,
			strategies,
			best,
			gap: best.rate - meanChance,
		})
	}

	const retakes: Array<RetakeReport> = []
	for (const [code, pool] of input.pools) {
		let worst = 0
		for (let trial = 0; trial < trials; trial++) {
			const first = drawServiceQuiz(pool, { ...input.quiz, seed: `${code}:audit:${trial}` })
			const seen = new Map(first.map((item) => [item.id, 1]))
			const retake = drawServiceQuiz(pool, {
				...input.quiz,
				seed: `${code}:audit:${trial}:retake`,
				seen,
			})
			const shared = retake.filter((item) => seen.has(item.id)).length
			worst = Math.max(worst, shared)
		}
		retakes.push({ code, pool: pool.length, maxShared: worst })
	}

	const failures: Array<string> = []
	for (const kind of kinds) {
		if (kind.gap > maxGap)
			failures.push(
				`${kind.kind}: "${kind.best.strategy}" answers ${pct(kind.best.rate)} against chance ${pct(kind.chance)} (gap ${pts(kind.gap)} > ${pts(maxGap)})`,
			)
	}
	const repeating = retakes.filter((r) => r.maxShared > maxShared)
	if (repeating.length > 0)
		failures.push(
			`${repeating.length} service(s) where a retake right after an attempt can share more than ${maxShared} items: ${repeating
				.slice(0, 12)
				.map((r) => `${r.code} (pool ${r.pool}, shares ${r.maxShared})`)
				.join(', ')}${repeating.length > 12 ? ', …' : ''}`,
		)
	const small = retakes.filter((r) => r.pool < minPool)
	if (small.length > 0)
		failures.push(
			`${small.length} service(s) with fewer than ${minPool} items in their pool: ${small
				.slice(0, 12)
				.map((r) => `${r.code} (${r.pool})`)
				.join(', ')}${small.length > 12 ? ', …' : ''}`,
		)
	return { kinds, retakes, flagged, failures }
}

function pct(rate: number): string {
	return `${(rate * 100).toFixed(1)}%`
}
function pts(gap: number): string {
	return `${(gap * 100).toFixed(1)} points`
}

/** The report as a table for the CLI. */
export function formatAuditTable(report: AuditReport): string {
	const header = ['kind', 'questions', 'chance', 'test-wise', 'by', 'gap']
	const rows = report.kinds.map((k) => [
		k.kind,
		String(k.questions),
		pct(k.chance),
		pct(k.best.rate),
		k.best.strategy,
		`${k.gap >= 0 ? '+' : ''}${(k.gap * 100).toFixed(1)}`,
	])
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
	const line = (cells: Array<string>) =>
		cells
			.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
			.join('  ')
	return [line(header), ...rows.map(line)].join('\n')
}
