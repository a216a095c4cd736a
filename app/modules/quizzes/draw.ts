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
 * A service quiz: every critical item (the materials checklist), then a seeded draw from the
 * rest with at most `maxScenarios` scenarios, `size` items in all, in a seeded order.
 */
export function drawServiceQuiz(
	pool: ReadonlyArray<QuizItem>,
	options: { size: number; maxScenarios: number; seed: string },
): Array<QuizItem> {
	const random = seededRandom(options.seed)
	const critical = pool.filter((item) => item.critical)
	const scenarios = shuffle(
		pool.filter((item) => !item.critical && item.kind === 'scenario'),
		random,
	).slice(0, options.maxScenarios)
	const others = shuffle(
		pool.filter((item) => !item.critical && item.kind !== 'scenario'),
		random,
	)
	const room = Math.max(0, options.size - critical.length)
	// Scenarios first in the draw so a service with scenarios always gets one when there is room.
	const picked = [
		...critical,
		...[...scenarios.slice(0, 1), ...others, ...scenarios.slice(1)].slice(0, room),
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
	options: { size: number; maxScenarios: number; seed: string },
): Array<QuizItem> {
	const random = seededRandom(options.seed)
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
			shuffle(poolByService.get(code) ?? [], random),
		)
		let taken = 0
		const quota = quotas.get(category) ?? 0
		while (taken < quota && queues.some((q) => q.length > 0)) {
			for (const queue of queues) {
				if (taken >= quota) break
				let item = queue.shift()
				while (item && item.kind === 'scenario' && scenarioCount >= options.maxScenarios)
					item = queue.shift()
				if (!item) continue
				if (item.kind === 'scenario') scenarioCount++
				picked.push(item)
				taken++
			}
		}
	}
	return shuffle(picked.slice(0, options.size), random).map((item) => shuffleOptions(item, random))
}
