// Items generated from a service's normative data, so every service is examined on its procedure
// the moment it exists and the items follow every change. Deterministic: the same revision, the
// same items. Built so that only knowledge answers them: no documents every service asks for,
// statements in pairs (one true, one a near-miss of the same service: a number, a unit, a
// mode changed), options of one form and comparable length, and confusable wrong answers.
import {
	type Material,
	type Normative,
	type NormativeKey,
	type Unit,
} from '#app/modules/content/schema.ts'
import { type Choice, type QuizItem } from './items.ts'
import { seededRandom, shuffle } from './random.ts'

export type GeneratorInput = {
	service: Normative
	revision: string
	/** The whole catalogue, for wrong answers drawn from neighbouring services. */
	catalogue: ReadonlyArray<Normative>
	units: ReadonlyArray<Unit>
}

/** A generated item and the normative fields it tests (for recertification on changed fields). */
export type GeneratedItem = QuizItem & { fields: Array<NormativeKey> }

const letters = 'abcdefghij'

function lettered(texts: Array<string>): Array<Choice> {
	return texts.map((text, i) => ({ id: letters[i] ?? `o${i}`, text }))
}

/**
 * Documents nearly every service asks for. Asking for them would be free points ("the ID card is
 * always right"), so the checklist asks for what distinguishes the service.
 */
export const universalDocument =
	/身份证|社会保障卡|社保卡|户口|委托书|授权|经办人|营业执照|统一社会信用代码|申请表|申请书|登记表/

/**
 * What the checklist asks about: materials the citizen hands in that distinguish the service.
 * Not universal documents, not the forms filled in at the counter, and not the personnel file,
 * which the archive sends (人社部发〔2021〕112号: no one carries their own file).
 */
function collectedAtCounter(material: Material): boolean {
	return (
		!universalDocument.test(material.name) &&
		material.form !== '表格' &&
		!/人事档案/.test(material.name)
	)
}

function normalizeMaterialName(name: string) {
	return name.replace(/[（(].*?[)）]/g, '').replace(/\s+/g, '')
}

function bigrams(text: string): Array<string> {
	return Array.from({ length: Math.max(0, text.length - 1) }, (_, i) => text.slice(i, i + 2))
}

/** Dice similarity of character bigrams: 1 for the same text, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
	const x = bigrams(a)
	const y = bigrams(b)
	if (x.length === 0 || y.length === 0) return a === b ? 1 : 0
	const pool = [...y]
	let shared = 0
	for (const gram of x) {
		const index = pool.indexOf(gram)
		if (index >= 0) {
			shared++
			pool.splice(index, 1)
		}
	}
	return (2 * shared) / (x.length + y.length)
}

/** Too close to tell apart fairly ("劳动合同证明" vs "劳动关系证明"): never a wrong answer. */
function nearSynonym(a: string, b: string) {
	const x = normalizeMaterialName(a)
	const y = normalizeMaterialName(b)
	return x.includes(y) || y.includes(x) || similarity(x, y) >= 0.4
}

/** How many distinct character pairs two texts share. */
function sharedBigrams(a: string, b: string): number {
	const y = new Set(bigrams(b))
	return new Set(bigrams(a).filter((gram) => y.has(gram))).size
}

function plainLength(text: string) {
	return text.replace(/[\s\p{P}\p{S}]/gu, '').length
}

/** Candidates ordered by how close their length is to `target`, ties in a seeded order. */
function byLength(candidates: Array<string>, target: number, random: () => number) {
	return shuffle(candidates, random)
		.map((text, index) => ({ text, index, distance: Math.abs(plainLength(text) - target) }))
		.sort((a, b) => a.distance - b.distance || a.index - b.index)
		.map((c) => c.text)
}

/**
 * Wrong answers chosen so that the right one is the shortest, the longest or in between equally
 * often across the bank (a seeded target rank), from candidates already in order of preference.
 */
function balancedByLength(
	right: string,
	candidates: Array<string>,
	count: number,
	random: () => number,
): Array<string> {
	const length = plainLength(right)
	const shorter = candidates.filter((c) => plainLength(c) < length)
	const longer = candidates.filter((c) => plainLength(c) > length)
	const same = candidates.filter((c) => plainLength(c) === length)
	const wantShorter = Math.floor(random() * (count + 1))
	// Options of equal length count as either side.
	const below = [...shorter, ...same]
	const above = [...longer, ...same.filter((c) => !shorter.includes(c))]
	const low = below.slice(0, wantShorter)
	const high = above.filter((c) => !low.includes(c)).slice(0, count - wantShorter)
	// Where the rank cannot be met, the question is not asked: length would answer it.
	return low.length === wantShorter && high.length === count - wantShorter ? [...low, ...high] : []
}

function median(values: Array<number>) {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)] ?? 0
}

type Neighbourhood = {
	/** Same subcategory first, then the same category: what a clerk really confuses. */
	near: Array<Normative>
	far: Array<Normative>
	/** Everything else, for the few services with almost no neighbours. */
	rest: Array<Normative>
}

function neighbours({ service, catalogue }: GeneratorInput): Neighbourhood {
	const others = catalogue.filter((s) => s.code !== service.code)
	return {
		near: others.filter((s) => s.subcategory === service.subcategory),
		far: others.filter(
			(s) => s.category === service.category && s.subcategory !== service.subcategory,
		),
		rest: others.filter((s) => s.category !== service.category),
	}
}

// ---------------------------------------------------------------------------------------------
// Materials: the critical checklist, in up to three versions with different wrong answers

function materialsChecklists(input: GeneratorInput): Array<GeneratedItem> {
	const { service, revision } = input
	const own = service.materials.filter(collectedAtCounter).map((m) => m.name)
	if (own.length === 0) return []
	const random = seededRandom(`${service.code}:${revision}:materials`)
	const { near, far, rest } = neighbours(input)
	const pool = (scope: Array<Normative>) =>
		[...new Set(scope.flatMap((s) => s.materials.filter(collectedAtCounter).map((m) => m.name)))]
			.filter((name) => !own.some((o) => nearSynonym(o, name)))
			.sort()
	const target = median(own.map(plainLength))
	const desired = Math.max(3, Math.min(4, 6 - own.length))
	const wanted = desired * 3
	// Neighbours first; services with few neighbours borrow from the rest of the manual.
	const nearby = [...byLength(pool(near), target, random), ...byLength(pool(far), target, random)]
	const candidates =
		nearby.length >= wanted * 2 ? nearby : [...nearby, ...byLength(pool(rest), target, random)]
	// Distractors must not be near-synonyms of each other either.
	const distinct: Array<string> = []
	for (const name of candidates) {
		if (distinct.length >= wanted) break
		if (!distinct.some((d) => nearSynonym(d, name))) distinct.push(name)
	}
	// A small manual (a test fixture, a new hall) may offer fewer wrong answers: one version then.
	const perVersion = Math.min(desired, Math.max(2, distinct.length))
	const versions: Array<GeneratedItem> = []
	for (let v = 0; v < 3; v++) {
		const distractors = distinct.slice(v * perVersion, (v + 1) * perVersion)
		if (distractors.length < perVersion) break
		const options = lettered(shuffle([...own, ...distractors], random))
		versions.push({
			id: `${service.code}.materials${v === 0 ? '' : `-${v + 1}`}`,
			fact: `${service.code}.materials`,
			fields: ['materials'],
			kind: 'multiple',
			services: [service.code],
			section: 'materials',
			topic: 'materials',
			critical: true,
			stem: `办理「${service.name}」，除身份证件、申请表等通用材料外，窗口还应当收取下列哪些材料？请选出**全部**（包括有条件提交的）。`,
			options,
			answer: options.filter((o) => own.includes(o.text)).map((o) => o.id),
			feedback: `本事项的申请材料：${service.materials
				.map((m) => `${m.name}（${m.form}${m.note ? `，${m.note}` : ''}）`)
				.join('；')}。`,
		})
	}
	return versions
}

// ---------------------------------------------------------------------------------------------
// Statements in pairs: the true one and a near-miss of the same service, one fact

function statementPair(
	service: Normative,
	key: string,
	fields: Array<NormativeKey>,
	section: QuizItem['section'],
	topic: QuizItem['topic'],
	truth: string,
	nearMiss: string,
	feedback: string,
	fact = key,
): Array<GeneratedItem> {
	const base = {
		fact: `${service.code}.${fact}`,
		fields,
		kind: 'truefalse' as const,
		services: [service.code],
		section,
		topic,
		critical: false,
	}
	return [
		{
			...base,
			id: `${service.code}.${key}-a`,
			stem: `判断正误：${truth}`,
			answer: true,
			feedback: `正确。${feedback}`,
		},
		{
			...base,
			id: `${service.code}.${key}-b`,
			stem: `判断正误：${nearMiss}`,
			answer: false,
			feedback: `错误。${feedback}`,
		},
	]
}

/** A plausible other number of days with as many digits, so the length gives nothing away. */
function nearbyDays(days: number, avoid: Array<number>, random: () => number): number {
	const ladder = [3, 5, 7, 10, 15, 20, 30, 40, 45, 60, 90]
	const digits = String(days).length
	const same = ladder.filter((d) => d !== days && !avoid.includes(d) && String(d).length === digits)
	const closest = same.sort((a, b) => Math.abs(a - days) - Math.abs(b - days)).slice(0, 2)
	const fallback = ladder.filter((d) => d !== days && !avoid.includes(d))
	return shuffle(closest.length > 0 ? closest : fallback, random)[0] ?? days + 5
}

const immediateText = (name: string) =>
	`「${name}」属于即办件：条件符合、材料齐全的，由综合窗口当场办结，不流转后台。`
const promisedText = (name: string) =>
	`「${name}」属于承诺件：综合窗口受理后流转后台审核，在承诺时限内办结。`

/**
 * How a case is handled: 即办 or 承诺, the promised days, the reviewing back office. One fact,
 * because any of these statements gives the others away (a back office means 承诺).
 */
function handlingItems(input: GeneratorInput): Array<GeneratedItem> {
	const { service, revision } = input
	const random = seededRandom(`${service.code}:${revision}:handling`)
	const immediate = service.mode === '即办' || service.promiseDays === null
	const modeFeedback = immediate
		? '本事项是即办件，条件符合、材料齐全的由综合窗口当场办结。'
		: `本事项是承诺件，受理后由${service.backOffice}审核，承诺 ${service.promiseDays} 个工作日内办结。`
	const items = statementPair(
		service,
		'mode',
		['mode'],
		'intake',
		'timelimit',
		immediate ? immediateText(service.name) : promisedText(service.name),
		immediate ? promisedText(service.name) : immediateText(service.name),
		modeFeedback,
		'handling',
	)
	if (immediate || service.promiseDays === null) return items
	const promise = service.promiseDays
	const legal = service.legalDays?.value
	const other = nearbyDays(promise, legal !== undefined ? [legal] : [], random)
	items.push(
		...statementPair(
			service,
			'promise',
			['promiseDays'],
			'intake',
			'timelimit',
			`「${service.name}」的承诺办结时限为 ${promise} 个工作日。`,
			`「${service.name}」的承诺办结时限为 ${other} 个工作日。`,
			`承诺 ${promise} 个工作日内办结${service.legalDays ? `（法定时限 ${service.legalDays.value} 个${service.legalDays.unit}，承诺时限只能比它短）` : ''}。`,
			'handling',
		),
	)
	items.push(...routingItems(input, random))
	return items
}

function routingItems(input: GeneratorInput, random: () => number): Array<GeneratedItem> {
	const { service, units, catalogue } = input
	const names = units.map((u) => u.name).filter((u) => u !== service.backOffice)
	if (names.length < 3) return []
	// Confusable units: those reviewing services of the same category, and those whose names
	// share words with this service or its unit, as a clerk's memory would mix them up.
	const sameCategory = new Set(
		catalogue.filter((s) => s.category === service.category).map((s) => s.backOffice),
	)
	const closeness = (unit: string) =>
		(sameCategory.has(unit) ? 1 : 0) +
		similarity(unit, service.backOffice) +
		similarity(unit, service.name)
	// A unit named after the service's own subject would stand out ("失业保险金申领" →
	// 失业保险管理局): wrong answers share the service's words at least as much as the right one,
	// or the question is not asked, since the name alone would answer it.
	const shared = (unit: string) => sharedBigrams(unit, service.name)
	const ranked = shuffle(names, random)
		.filter((unit) => shared(unit) >= shared(service.backOffice))
		.map((unit, index) => ({ unit, index, score: closeness(unit) }))
		.sort((a, b) => b.score - a.score || a.index - b.index)
		.map((r) => r.unit)
	const distractors = balancedByLength(service.backOffice, ranked.slice(0, 6), 3, random)
	if (distractors.length < 3) return []
	const options = lettered(shuffle([service.backOffice, ...distractors], random))
	const duty = input.units.find((u) => u.name === service.backOffice)?.duty
	const feedback = `由**${service.backOffice}**审核${duty ? `（负责${duty}）` : ''}。`
	const base = {
		fact: `${service.code}.handling`,
		fields: ['backOffice'] as Array<NormativeKey>,
		services: [service.code],
		section: 'intake' as const,
		topic: 'routing' as const,
		critical: false,
	}
	const confusable = byLength(ranked.slice(0, 3), plainLength(service.backOffice), random)[0]
	return [
		{
			...base,
			id: `${service.code}.routing`,
			kind: 'single',
			stem: `「${service.name}」在综合窗口受理后，流转到哪个单位审核？`,
			options,
			answer: options.filter((o) => o.text === service.backOffice).map((o) => o.id),
			feedback,
		},
		...(confusable
			? statementPair(
					service,
					'routing',
					['backOffice'],
					'intake',
					'routing',
					`「${service.name}」受理后流转${service.backOffice}审核。`,
					`「${service.name}」受理后流转${confusable}审核。`,
					feedback,
					'handling',
				)
			: []),
	]
}

// ---------------------------------------------------------------------------------------------
// The statutory limit: the classic confusion is working days against calendar days

function legalDaysItems({ service }: GeneratorInput): Array<GeneratedItem> {
	const legal = service.legalDays
	if (!legal) return []
	const otherUnit = legal.unit === '工作日' ? '自然日' : '工作日'
	const text = (value: number, unit: string) =>
		`法律法规规定「${service.name}」的办理时限为 ${value} 个${unit}（${unit === '工作日' ? '不含法定节假日' : '含法定节假日'}）。`
	return statementPair(
		service,
		'legal-days',
		['legalDays'],
		'basis',
		'timelimit',
		text(legal.value, legal.unit),
		text(legal.value, otherUnit),
		`法定时限为 ${legal.value} 个${legal.unit}${service.promiseDays ? `；窗口承诺 ${service.promiseDays} 个工作日` : ''}。`,
	)
}

// ---------------------------------------------------------------------------------------------
// Eligibility: where a condition has a number (an age, a year, a share), a near-miss changes it

function mutateNumber(value: string, random: () => number): string | null {
	const n = Number(value)
	if (!Number.isFinite(n)) return null
	if (n >= 1900 && n <= 2100) return String(n + (random() < 0.5 ? -1 : 1))
	const candidates =
		n <= 2 ? [n + 1, n + 2] : n <= 12 ? [n - 1, n + 1, n + 2] : [n - 5, n + 5, Math.round(n * 1.5)]
	const pickFrom = candidates.filter((c) => c > 0 && c !== n && String(c).length === value.length)
	const choices = pickFrom.length > 0 ? pickFrom : candidates.filter((c) => c > 0 && c !== n)
	return choices.length > 0 ? String(shuffle(choices, random)[0]) : null
}

function eligibilityItems({ service, revision }: GeneratorInput): Array<GeneratedItem> {
	const numbers = [...service.eligibility.matchAll(/\d+(?:\.\d+)?/g)]
	if (numbers.length === 0) return []
	const random = seededRandom(`${service.code}:${revision}:eligibility`)
	const target = shuffle(numbers, random)[0]
	if (!target || target.index === undefined) return []
	const replacement = mutateNumber(target[0], random)
	if (!replacement) return []
	const changed =
		service.eligibility.slice(0, target.index) +
		replacement +
		service.eligibility.slice(target.index + target[0].length)
	return statementPair(
		service,
		'eligibility',
		['eligibility'],
		'overview',
		'eligibility',
		`「${service.name}」的受理条件：${service.eligibility}`,
		`「${service.name}」的受理条件：${changed}`,
		`受理条件是：${service.eligibility}`,
	)
}

/** Where a step usually sits in any procedure: what a reader knows without knowing the service. */
export function templateRank(step: string): number {
	if (/咨询|预约|申请|提交|收件|受理|登记|核验身份|取号/.test(step)) return 0
	if (/审核|审查|核定|核实|复核|调查|鉴定|审批|会商|公示|研究|评审/.test(step)) return 1
	if (/决定|办结|发放|送达|出具|发证|制证|归档|告知结果|领取/.test(step)) return 2
	return 1
}

// ---------------------------------------------------------------------------------------------
// Step order: only where the steps are this service's own, not a template many services share

function stepsItem({ service, revision, catalogue }: GeneratorInput): Array<GeneratedItem> {
	const steps = service.steps
	if (steps.length < 3 || new Set(steps).size !== steps.length) return []
	const key = steps.join('|')
	if (catalogue.some((s) => s.code !== service.code && s.steps.join('|') === key)) return []
	// Steps whose order any procedure would have (apply → review → decide) test a template.
	const ranks = steps.map(templateRank)
	const templateOrdered = ranks.every((rank, i) => i === 0 || (ranks[i - 1] ?? 0) <= rank)
	const lengths = steps.map(plainLength)
	const byLengthOrder = (sign: number) =>
		lengths.every((l, i) => i === 0 || sign * ((lengths[i - 1] ?? 0) - l) >= 0)
	if (templateOrdered || byLengthOrder(1) || byLengthOrder(-1)) return []
	const random = seededRandom(`${service.code}:${revision}:steps`)
	let order = shuffle(
		steps.map((_, i) => i),
		random,
	)
	if (order.every((value, i) => value === i)) order = [...order.slice(1), ...order.slice(0, 1)]
	const options = order.map((stepIndex, position) => ({
		id: letters[position] ?? `o${position}`,
		text: steps[stepIndex] ?? '',
	}))
	return [
		{
			id: `${service.code}.steps`,
			fact: `${service.code}.steps`,
			fields: ['steps'],
			kind: 'order',
			services: [service.code],
			section: 'steps',
			topic: 'steps',
			critical: false,
			stem: `把「${service.name}」的办理环节按先后顺序排列。`,
			options,
			answer: steps.map((step) => options.find((o) => o.text === step)?.id ?? ''),
			feedback: `正确顺序：${steps.map((s, i) => `${i + 1}. ${s}`).join('；')}。`,
		},
	]
}

export function generateItems(input: GeneratorInput): Array<GeneratedItem> {
	return [
		...materialsChecklists(input),
		...handlingItems(input),
		...legalDaysItems(input),
		...eligibilityItems(input),
		...stepsItem(input),
	]
}
