// Items generated from a service's normative data, so every service has a quiz the moment it
// exists and the quiz follows every change. Deterministic: the same revision, the same items.
import { type Normative, type Unit } from '#app/modules/content/schema.ts'
import { type Choice, type QuizItem } from './items.ts'
import { seededRandom, shuffle, pick } from './random.ts'

export type GeneratorInput = {
	service: Normative
	revision: string
	/** The whole catalogue, for distractors drawn from look-alike services. */
	catalogue: ReadonlyArray<Normative>
	units: ReadonlyArray<Unit>
	/** Services the lesson compares this one with (its <CompareTable>), this one included. */
	lookalikes: ReadonlyArray<string>
}

const letters = 'abcdefghij'

function lettered(texts: Array<string>): Array<Choice> {
	return texts.map((text, i) => ({ id: letters[i] ?? `o${i}`, text }))
}

/** Documents every service asks for: as distractors they would be right somewhere, so skip. */
const genericDocument =
	/身份证|社会保障卡|社保卡|户口|委托书|授权|代理|营业执照|统一社会信用代码|申请表|申请书|登记表|经办人/

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

/** Too close to tell apart fairly ("劳动合同证明" vs "劳动关系证明"): never a distractor. */
function overlaps(a: string, b: string) {
	const x = normalizeMaterialName(a)
	const y = normalizeMaterialName(b)
	return x.includes(y) || y.includes(x) || similarity(x, y) >= 0.5
}

function materialsItem({ service, revision, catalogue }: GeneratorInput): QuizItem {
	const random = seededRandom(`${service.code}:${revision}:materials`)
	const own = service.materials.map((m) => m.name)
	const candidates = (scope: (s: Normative) => boolean) =>
		[
			...new Set(
				catalogue
					.filter((s) => s.code !== service.code && scope(s))
					.flatMap((s) => s.materials.map((m) => m.name))
					.filter((name) => !genericDocument.test(name) && !own.some((o) => overlaps(o, name))),
			),
		].sort()
	const wanted = Math.max(2, Math.min(4, 9 - own.length))
	let distractors = pick(
		candidates((s) => s.subcategory === service.subcategory),
		wanted,
		random,
	)
	if (distractors.length < wanted) {
		const more = candidates(
			(s) => s.category === service.category && s.subcategory !== service.subcategory,
		)
		distractors = [
			...distractors,
			...pick(
				more.filter((m) => !distractors.includes(m)),
				wanted - distractors.length,
				random,
			),
		]
	}
	if (distractors.length < 2) {
		const more = candidates((s) => s.category !== service.category)
		distractors = [
			...distractors,
			...pick(
				more.filter((m) => !distractors.includes(m)),
				2 - distractors.length,
				random,
			),
		]
	}
	const options = lettered(shuffle([...own, ...distractors], random))
	return {
		id: `${service.code}.materials`,
		fact: `${service.code}.materials`,
		kind: 'multiple',
		services: [service.code],
		section: 'materials',
		topic: 'materials',
		critical: true,
		stem: `办理「${service.name}」，窗口应当收取哪些申请材料？请选出**全部**属于本事项的材料（包括有条件提交的）。`,
		options,
		answer: options.filter((o) => own.includes(o.text)).map((o) => o.id),
		feedback: `本事项的申请材料：${service.materials
			.map((m) => `${m.name}（${m.form}${m.note ? `，${m.note}` : ''}）`)
			.join('；')}。`,
	}
}

function routingItem({ service, revision, catalogue, units }: GeneratorInput): QuizItem {
	const random = seededRandom(`${service.code}:${revision}:routing`)
	const near = [
		...new Set(catalogue.filter((s) => s.category === service.category).map((s) => s.backOffice)),
	].filter((u) => u !== service.backOffice)
	const far = units.map((u) => u.name).filter((u) => u !== service.backOffice && !near.includes(u))
	const nearPicked = pick(near.sort(), 3, random)
	const distractors = [...nearPicked, ...pick(far, 3 - nearPicked.length, random)]
	const options = lettered(shuffle([service.backOffice, ...distractors], random))
	const duty = units.find((u) => u.name === service.backOffice)?.duty
	return {
		id: `${service.code}.routing`,
		fact: `${service.code}.routing`,
		kind: 'single',
		services: [service.code],
		section: 'intake',
		topic: 'routing',
		critical: false,
		stem: `「${service.name}」在综合窗口受理后，应当流转到哪个后台单位审核？`,
		options,
		answer: options.filter((o) => o.text === service.backOffice).map((o) => o.id),
		feedback: `由**${service.backOffice}**审核${duty ? `（负责${duty}）` : ''}。`,
	}
}

function limitText(days: number) {
	return `承诺件：${days} 个工作日内办结`
}
const immediateText = '即办件：窗口当场办结'

function timeLimitItem({ service, revision }: GeneratorInput): QuizItem {
	const random = seededRandom(`${service.code}:${revision}:timelimit`)
	const dayChoices = [3, 5, 7, 10, 15, 20, 30, 45, 60]
	let correct: string
	let distractors: Array<string>
	if (service.mode === '即办' || service.promiseDays === null) {
		correct = immediateText
		distractors = pick(
			dayChoices.filter((d) => d <= 20),
			3,
			random,
		).map(limitText)
	} else {
		const promise = service.promiseDays
		// The statutory limit is the classic confusion, so offer it when it differs.
		const tempting =
			service.legalDays && service.legalDays.value !== promise ? [service.legalDays.value] : []
		const others = shuffle(
			dayChoices.filter((d) => d !== promise && !tempting.includes(d)),
			random,
		)
		correct = limitText(promise)
		distractors = [immediateText, ...[...tempting, ...others].slice(0, 2).map(limitText)]
	}
	const options = lettered(shuffle([correct, ...distractors], random))
	const legal = service.legalDays
		? `法定时限为 ${service.legalDays.value} 个${service.legalDays.unit}`
		: '法律法规未规定办结时限'
	return {
		id: `${service.code}.timelimit`,
		fact: `${service.code}.timelimit`,
		kind: 'single',
		services: [service.code],
		section: 'intake',
		topic: 'timelimit',
		critical: false,
		stem: `「${service.name}」属于哪类办件？办结时限是多少？`,
		options,
		answer: options.filter((o) => o.text === correct).map((o) => o.id),
		feedback: `${service.mode === '即办' ? '即办件，窗口当场办结' : `承诺件，承诺 ${service.promiseDays} 个工作日内办结`}；${legal}。`,
	}
}

function stepsItem({ service, revision }: GeneratorInput): QuizItem | null {
	const steps = service.steps
	if (steps.length < 3 || new Set(steps).size !== steps.length) return null
	const random = seededRandom(`${service.code}:${revision}:steps`)
	let order = shuffle(
		steps.map((_, i) => i),
		random,
	)
	// A shuffle that happens to be the right order would make the item trivial: rotate it.
	if (order.every((value, i) => value === i)) order = [...order.slice(1), ...order.slice(0, 1)]
	const options = order.map((stepIndex, position) => ({
		id: letters[position] ?? `o${position}`,
		text: steps[stepIndex] ?? '',
	}))
	return {
		id: `${service.code}.steps`,
		fact: `${service.code}.steps`,
		kind: 'order',
		services: [service.code],
		section: 'steps',
		topic: 'steps',
		critical: false,
		stem: `把「${service.name}」的办理环节按先后顺序排列。`,
		options,
		answer: steps.map((step) => options.find((o) => o.text === step)?.id ?? ''),
		feedback: `正确顺序：${steps.map((s, i) => `${i + 1}. ${s}`).join('；')}。`,
	}
}

function eligibilityItems({ service, revision, catalogue }: GeneratorInput): Array<QuizItem> {
	const items: Array<QuizItem> = [
		{
			id: `${service.code}.eligibility-true`,
			fact: `${service.code}.eligibility`,
			kind: 'truefalse',
			services: [service.code],
			section: 'overview',
			topic: 'eligibility',
			critical: false,
			stem: `判断正误：「${service.name}」的受理条件是——${service.eligibility}`,
			answer: true,
			feedback: `正确。这正是「${service.name}」的受理条件。`,
		},
	]
	const siblings = catalogue.filter(
		(s) =>
			s.code !== service.code &&
			s.subcategory === service.subcategory &&
			s.eligibility !== service.eligibility,
	)
	const random = seededRandom(`${service.code}:${revision}:eligibility`)
	const [other] = pick(siblings, 1, random)
	if (other) {
		items.push({
			id: `${service.code}.eligibility-false`,
			fact: `${service.code}.eligibility`,
			kind: 'truefalse',
			services: [service.code, other.code],
			section: 'overview',
			topic: 'eligibility',
			critical: false,
			stem: `判断正误：「${service.name}」的受理条件是——${other.eligibility}`,
			answer: false,
			feedback: `错误。这是「${other.name}」的受理条件。「${service.name}」的受理条件是：${service.eligibility}`,
		})
	}
	return items
}

function lookalikeItem({
	service,
	revision,
	catalogue,
	lookalikes,
}: GeneratorInput): QuizItem | null {
	const group = lookalikes
		.map((code) => catalogue.find((s) => s.code === code))
		.filter((s): s is Normative => s !== undefined)
	if (!group.some((s) => s.code === service.code)) group.unshift(service)
	const distinct = group.filter((s, i) => group.findIndex((t) => t.name === s.name) === i)
	if (distinct.length < 2) return null
	const random = seededRandom(
		`${service.code}:${revision}:lookalike:${distinct.map((s) => s.code).join(',')}`,
	)
	const options = lettered(
		shuffle(
			distinct.slice(0, 5).map((s) => s.name),
			random,
		),
	)
	return {
		id: `${service.code}.lookalike`,
		fact: `${service.code}.lookalike`,
		kind: 'single',
		services: [service.code, ...distinct.filter((s) => s.code !== service.code).map((s) => s.code)],
		section: 'lookalikes',
		topic: 'lookalike',
		critical: false,
		stem: `一位群众来到窗口，情况是：${service.eligibility} 应当按哪个事项受理？`,
		options,
		answer: options.filter((o) => o.text === service.name).map((o) => o.id),
		feedback: `应受理「${service.name}」。相近事项的区别：${distinct
			.filter((s) => s.code !== service.code)
			.map((s) => `「${s.name}」的条件是：${s.eligibility}`)
			.join('；')}`,
	}
}

export function generateItems(input: GeneratorInput): Array<QuizItem> {
	return [
		materialsItem(input),
		routingItem(input),
		timeLimitItem(input),
		stepsItem(input),
		...eligibilityItems(input),
		lookalikeItem(input),
	].filter((item): item is QuizItem => item !== null)
}
