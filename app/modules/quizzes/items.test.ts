import { describe, expect, test } from 'vitest'
import {
	answerFits,
	correctAnswer,
	gradeAttempt,
	gradeItem,
	publicItem,
	scenarioPath,
	type Answer,
	type QuizItem,
} from './items.ts'

const base = {
	fact: 'fact',
	services: ['XY-SY-001'],
	section: 'materials' as const,
	topic: 'authored' as const,
	stem: '题干',
	feedback: '反馈 SECRET-FEEDBACK',
	critical: false,
}
const single: QuizItem = {
	...base,
	id: 's',
	kind: 'single',
	options: [
		{ id: 'a', text: 'A' },
		{ id: 'b', text: 'B' },
		{ id: 'c', text: 'C' },
	],
	answer: ['b'],
}
const multiple: QuizItem = {
	...base,
	id: 'm',
	kind: 'multiple',
	critical: true,
	options: [
		{ id: 'a', text: 'A' },
		{ id: 'b', text: 'B' },
		{ id: 'c', text: 'C' },
		{ id: 'd', text: 'D' },
	],
	answer: ['a', 'c'],
}
const truefalse: QuizItem = { ...base, id: 't', kind: 'truefalse', answer: false }
const order: QuizItem = {
	...base,
	id: 'o',
	kind: 'order',
	options: [
		{ id: 'a', text: '办结' },
		{ id: 'b', text: '受理' },
		{ id: 'c', text: '审核' },
	],
	answer: ['b', 'c', 'a'],
}
const scenario: QuizItem = {
	...base,
	id: 'x',
	kind: 'scenario',
	topic: 'scenario',
	title: '情景',
	citizen: '王某',
	documents: ['身份证'],
	outcome: 'SECRET-OUTCOME',
	decisions: [
		{
			id: 'd1',
			prompt: '一',
			options: [
				{ id: 'a', text: '甲', feedback: 'SECRET-1', correct: true, credit: 1 },
				{ id: 'b', text: '乙', feedback: 'f', correct: false, credit: 0 },
			],
		},
		{
			id: 'd2',
			prompt: '二',
			options: [
				{ id: 'a', text: '甲', feedback: 'f', correct: false, credit: 0 },
				{ id: 'b', text: '乙', feedback: 'f', correct: true, credit: 1 },
			],
		},
		{
			id: 'd3',
			prompt: '三',
			options: [
				{ id: 'a', text: '甲', feedback: 'f', correct: true, credit: 1 },
				{ id: 'b', text: '乙', feedback: 'f', correct: false, credit: 0 },
			],
		},
		{
			id: 'd4',
			prompt: '四',
			options: [
				{ id: 'a', text: '甲', feedback: 'f', correct: false, credit: 0 },
				{ id: 'b', text: '乙', feedback: 'f', correct: true, credit: 1 },
			],
		},
	],
}

describe('grading', () => {
	test.each<[string, QuizItem, Answer | undefined, number, boolean]>([
		['single right', single, { kind: 'single', choice: 'b' }, 1, true],
		['single wrong', single, { kind: 'single', choice: 'a' }, 0, false],
		['multiple exactly right', multiple, { kind: 'multiple', choices: ['c', 'a'] }, 1, true],
		['multiple missing one', multiple, { kind: 'multiple', choices: ['a'] }, 0, false],
		['multiple with an extra', multiple, { kind: 'multiple', choices: ['a', 'b', 'c'] }, 0, false],
		['multiple with none', multiple, { kind: 'multiple', choices: [] }, 0, false],
		['true/false right', truefalse, { kind: 'truefalse', value: false }, 1, true],
		['true/false wrong', truefalse, { kind: 'truefalse', value: true }, 0, false],
		['order right', order, { kind: 'order', sequence: ['b', 'c', 'a'] }, 1, true],
		['order swapped', order, { kind: 'order', sequence: ['c', 'b', 'a'] }, 0, false],
		['order partial', order, { kind: 'order', sequence: ['b', 'c'] }, 0, false],
		[
			'scenario all right',
			scenario,
			{ kind: 'scenario', decisions: { d1: 'a', d2: 'b', d3: 'a', d4: 'b' } },
			1,
			true,
		],
		[
			'scenario three of four',
			scenario,
			{ kind: 'scenario', decisions: { d1: 'a', d2: 'b', d3: 'a', d4: 'a' } },
			0.75,
			false,
		],
		[
			'scenario half answered',
			scenario,
			{ kind: 'scenario', decisions: { d1: 'a', d2: 'b' } },
			0.5,
			false,
		],
		['unanswered', single, undefined, 0, false],
	])('%s', (_, item, answer, score, correct) => {
		const grade = gradeItem(item, answer)
		expect(grade.score).toBeCloseTo(score)
		expect(grade.correct).toBe(correct)
	})

	test('an answer that does not fit the item is refused, never graded as right', () => {
		expect(answerFits(single, { kind: 'single', choice: 'z' })).toBe(false)
		expect(answerFits(single, { kind: 'multiple', choices: ['b'] })).toBe(false)
		expect(answerFits(multiple, { kind: 'multiple', choices: ['a', 'a'] })).toBe(false)
		expect(answerFits(order, { kind: 'order', sequence: ['b', 'x'] })).toBe(false)
		expect(answerFits(scenario, { kind: 'scenario', decisions: { d9: 'a' } })).toBe(false)
		expect(answerFits(scenario, { kind: 'scenario', decisions: { d1: 'z' } })).toBe(false)
		expect(gradeItem(single, { kind: 'single', choice: 'z' })).toEqual({
			score: 0,
			correct: false,
			answered: false,
		})
	})

	test('the correct answer of every kind grades as right', () => {
		for (const item of [single, multiple, truefalse, order, scenario])
			expect(gradeItem(item, correctAnswer(item)).correct).toBe(true)
	})

	test('an attempt passes on the mark only with every critical item right', () => {
		const items = [single, multiple, truefalse, order, scenario]
		const allRight = new Map(items.map((i) => [i.id, correctAnswer(i)]))
		expect(gradeAttempt(items, allRight, { passPercent: 80, requireCritical: true })).toMatchObject(
			{ percent: 100, passed: true, criticalMissed: [] },
		)
		const criticalWrong = new Map(allRight).set('m', { kind: 'multiple', choices: ['a'] })
		expect(
			gradeAttempt(items, criticalWrong, { passPercent: 80, requireCritical: true }),
		).toMatchObject({ percent: 80, passed: false, criticalMissed: ['m'] })
		expect(
			gradeAttempt(items, criticalWrong, { passPercent: 80, requireCritical: false }).passed,
		).toBe(true)
		const twoWrong = new Map(allRight)
			.set('s', { kind: 'single', choice: 'a' })
			.set('x', { kind: 'scenario', decisions: { d1: 'a' } })
		expect(gradeAttempt(items, twoWrong, { passPercent: 80, requireCritical: true })).toMatchObject(
			{ percent: 65, correctCount: 3, passed: false },
		)
	})
})

// d1 → (right) d2 → d3; (half right) d2 with half credit; (wrong) the branch "returned", which
// rejoins at d2; (wrong and final) ends the story at once.
const branching: QuizItem = {
	...base,
	id: 'y',
	kind: 'scenario',
	topic: 'scenario',
	title: '分支情景',
	citizen: '李某',
	documents: ['身份证'],
	outcome: '办结',
	decisions: [
		{
			id: 'd1',
			prompt: '一',
			options: [
				{ id: 'a', text: '甲', feedback: 'f', correct: true, credit: 1 },
				{ id: 'b', text: '乙', feedback: 'f', correct: false, credit: 0.5 },
				{ id: 'c', text: '丙', feedback: 'f', correct: false, credit: 0, next: 'returned' },
				{
					id: 'd',
					text: '丁',
					feedback: 'f',
					correct: false,
					credit: 0,
					next: 'end',
					outcome: '走了',
				},
			],
		},
		{
			id: 'returned',
			prompt: '退回',
			branch: true,
			options: [
				{ id: 'a', text: '甲', feedback: 'f', correct: true, credit: 1 },
				{ id: 'b', text: '乙', feedback: 'f', correct: false, credit: 0 },
			],
		},
		{
			id: 'd2',
			prompt: '二',
			options: [
				{ id: 'a', text: '甲', feedback: 'f', correct: true, credit: 1 },
				{ id: 'b', text: '乙', feedback: 'f', correct: false, credit: 0 },
			],
		},
		{
			id: 'd3',
			prompt: '三',
			options: [
				{ id: 'a', text: '甲', feedback: 'f', correct: true, credit: 1 },
				{ id: 'b', text: '乙', feedback: 'f', correct: false, credit: 0 },
			],
		},
	],
}

describe('branching scenarios', () => {
	const grade = (decisions: Record<string, string>) =>
		gradeItem(branching, { kind: 'scenario', decisions }).score
	test('the right path skips the branch and scores full', () => {
		expect(correctAnswer(branching)).toEqual({
			kind: 'scenario',
			decisions: { d1: 'a', d2: 'a', d3: 'a' },
		})
		expect(grade({ d1: 'a', d2: 'a', d3: 'a' })).toBe(1)
	})
	test('a half-right choice earns its credit', () => {
		expect(grade({ d1: 'b', d2: 'a', d3: 'a' })).toBeCloseTo(2.5 / 3)
	})
	test('a wrong choice leads to its consequence, which counts on the path', () => {
		expect(grade({ d1: 'c', returned: 'a', d2: 'a', d3: 'a' })).toBeCloseTo(3 / 4)
		expect(scenarioPath(branching, { d1: 'c' }).steps.map((s) => s.decision.id)).toEqual([
			'd1',
			'returned',
		])
	})
	test('a choice that ends the story ends it with its own outcome', () => {
		expect(scenarioPath(branching, { d1: 'd' })).toMatchObject({ ended: true, outcome: '走了' })
		expect(grade({ d1: 'd' })).toBe(0)
	})
	test('an unfinished story counts what the right path still needed', () => {
		expect(grade({ d1: 'a' })).toBeCloseTo(1 / 3)
	})
	test('answers off the path taken do not fit', () => {
		expect(answerFits(branching, { kind: 'scenario', decisions: { d1: 'a', returned: 'a' } })).toBe(
			false,
		)
		expect(answerFits(branching, { kind: 'scenario', decisions: { d1: 'c', returned: 'a' } })).toBe(
			true,
		)
	})
})

describe('the public view of an item', () => {
	test('carries no key, no feedback and no outcome, for every kind', () => {
		for (const item of [single, multiple, truefalse, order, scenario]) {
			const json = JSON.stringify(publicItem(item))
			expect(json).not.toMatch(/"(answer|correct|feedback|outcome)"/)
			expect(json).not.toContain('SECRET')
		}
	})
})
