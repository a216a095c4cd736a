// Drawing the items of an attempt from the bank: deterministic for a seed, so an attempt can be
// explained after the fact. Options are shuffled per attempt too (per person, as exams do).
import { type QuizItem } from './items.ts'
import { seededRandom, shuffle } from './random.ts'

/** The same item with its options (and a scenario's decision options) in a seeded order. */
export function shuffleOptions(item: QuizItem, random: () => number): QuizItem {
	switch (item.kind) {
		case 'single':
		case 'multiple':
		case 'order':
			return { ...item, options: shuffle(item.options, random) }
		case 'truefalse':
			return item
		case 'scenario':
			return {
				...item,
				decisions: item.decisions.map((d) => ({ ...d, options: shuffle(d.options, random) })),
			}
	}
}

/**
 * How recently a learner saw each item: 1 = in the attempt just before, 2 = the one before that.
 * Items not in the map were not seen recently.
 */
export type SeenItems = ReadonlyMap<string, number>

/**
 * Order candidates for a draw: unseen items first, then those seen longest ago; a seeded shuffle
 * within each group, so nothing about an item's place in the bank decides whether it is drawn.
 */
function freshestFirst<T extends QuizItem>(
	items: ReadonlyArray<T>,
	seen: SeenItems,
	random: () => number,
): Array<T> {
	const rank = (item: T) => {
		const ago = seen.get(item.id)
		return ago === undefined ? 0 : 1 / ago
	}
	return shuffle(items, random)
		.map((item, index) => ({ item, index, rank: rank(item) }))
		.sort((a, b) => a.rank - b.rank || a.index - b.index)
		.map((entry) => entry.item)
}

/** Take items in order, skipping any whose fact an earlier item already tests. */
function takeDistinctFacts(
	items: ReadonlyArray<QuizItem>,
	count: number,
	facts: Set<string>,
): Array<QuizItem> {
	const taken: Array<QuizItem> = []
	for (const item of items) {
		if (taken.length >= count) break
		if (facts.has(item.fact)) continue
		facts.add(item.fact)
		taken.push(item)
	}
	return taken
}

/**
 * A service quiz: one critical item (the materials checklist; a service may have several
 * versions), then a seeded draw from the rest with at most `maxScenarios` scenarios, `size`
 * items in all, no two of one fact, items the learner saw in recent attempts last.
 */
export function drawServiceQuiz(
	pool: ReadonlyArray<QuizItem>,
	options: { size: number; maxScenarios: number; seed: string; seen?: SeenItems },
): Array<QuizItem> {
	const random = seededRandom(options.seed)
	const seen = options.seen ?? new Map<string, number>()
	const facts = new Set<string>()
	const critical = takeDistinctFacts(
		freshestFirst(
			pool.filter((item) => item.critical),
			seen,
			random,
		),
		options.size,
		facts,
	)
	const scenarios = freshestFirst(
		pool.filter((item) => !item.critical && item.kind === 'scenario'),
		seen,
		random,
	)
	const others = freshestFirst(
		pool.filter((item) => !item.critical && item.kind !== 'scenario'),
		seen,
		random,
	)
	const room = Math.max(0, options.size - critical.length)
	// One scenario first when there is room, so a service with scenarios always gets one; then
	// the freshest of everything else, scenarios within their cap.
	const firstScenario = takeDistinctFacts(scenarios.slice(0, 1), Math.min(1, room), facts)
	let scenarioCount = firstScenario.length
	const rest = freshestFirst([...others, ...scenarios.slice(1)], seen, random).filter((item) => {
		if (item.kind !== 'scenario') return true
		if (scenarioCount >= options.maxScenarios) return false
		scenarioCount++
		return true
	})
	const picked = [
		...critical,
		...firstScenario,
		...takeDistinctFacts(rest, room - firstScenario.length, facts),
	]
	return shuffle(picked, random).map((item) => shuffleOptions(item, random))
}

/**
 * The comprehensive exam: items across every category in proportion to its number of services
 * (at least one each), spread over as many services as possible (round-robin), at most
 * `maxScenarios` scenarios.
 */
export function drawExam(
	poolByService: ReadonlyMap<string, ReadonlyArray<QuizItem>>,
	categoryOf: ReadonlyMap<string, string>,
	options: { size: number; maxScenarios: number; seed: string; seen?: SeenItems },
): Array<QuizItem> {
	const random = seededRandom(options.seed)
	const seen = options.seen ?? new Map<string, number>()
	const facts = new Set<string>()
	const servicesByCategory = new Map<string, Array<string>>()
	for (const [code, category] of categoryOf) {
		if ((poolByService.get(code) ?? []).length === 0) continue
		servicesByCategory.set(category, [...(servicesByCategory.get(category) ?? []), code])
	}
	const totalServices = [...servicesByCategory.values()].reduce((n, list) => n + list.length, 0)
	if (totalServices === 0) return []
	const capacity = (codes: Array<string>) =>
		codes.reduce((n, code) => n + (poolByService.get(code)?.length ?? 0), 0)
	const quotas = new Map<string, number>()
	for (const [category, codes] of servicesByCategory) {
		quotas.set(
			category,
			Math.min(
				capacity(codes),
				Math.max(1, Math.floor((codes.length / totalServices) * options.size)),
			),
		)
	}
	// Hand out what rounding left over, largest categories first, while they have items left.
	const bySize = [...servicesByCategory.entries()].sort((a, b) => b[1].length - a[1].length)
	let assigned = [...quotas.values()].reduce((a, b) => a + b, 0)
	while (assigned < options.size) {
		const open = bySize.filter(([category, codes]) => (quotas.get(category) ?? 0) < capacity(codes))
		if (open.length === 0) break
		for (const [category] of open) {
			if (assigned >= options.size) break
			quotas.set(category, (quotas.get(category) ?? 0) + 1)
			assigned++
		}
	}
	const picked: Array<QuizItem> = []
	let scenarioCount = 0
	for (const [category, codes] of servicesByCategory) {
		const queues = shuffle(codes, random).map((code) =>
			freshestFirst(poolByService.get(code) ?? [], seen, random),
		)
		let taken = 0
		const quota = quotas.get(category) ?? 0
		while (taken < quota && queues.some((q) => q.length > 0)) {
			for (const queue of queues) {
				if (taken >= quota) break
				let item = queue.shift()
				while (
					item &&
					((item.kind === 'scenario' && scenarioCount >= options.maxScenarios) ||
						facts.has(item.fact))
				)
					item = queue.shift()
				if (!item) continue
				facts.add(item.fact)
				if (item.kind === 'scenario') scenarioCount++
				picked.push(item)
				taken++
			}
		}
	}
	return shuffle(picked.slice(0, options.size), random).map((item) => shuffleOptions(item, random))
}
