import { describe, expect, test } from 'vitest'
import { describeChanges, diffNormative, revisionOf } from './revision.ts'
import { type Normative } from './schema.ts'

const base: Normative = {
	code: 'XY-SY-001',
	name: '失业保险金申领',
	category: '社会保险',
	subcategory: '失业保险',
	type: '行政给付',
	backOffice: '失业保险管理局',
	mode: '承诺',
	promiseDays: 20,
	legalDays: null,
	eligibility: '非因本人意愿中断就业的失业人员。',
	materials: [{ name: '居民身份证', form: '原件' }],
	steps: ['窗口受理', '后台审核', '办结'],
	basis: ['《失业保险条例》'],
	pitfalls: ['主动辞职不能领取'],
	onlineAvailable: true,
}

describe('revision', () => {
	test('is stable: key order and Unicode composition do not change it', () => {
		const reordered = Object.fromEntries(Object.entries(base).reverse())
		const parsed: Normative = { ...base, ...reordered }
		expect(revisionOf(parsed)).toBe(revisionOf(base))
		expect(revisionOf({ ...base, name: '失业保险金申领'.normalize('NFD') })).toBe(revisionOf(base))
		expect(revisionOf(base)).toMatch(/^[0-9a-f]{12}$/)
	})

	test('changes with any normative field', () => {
		const variants: Array<Partial<Normative>> = [
			{ promiseDays: 15 },
			{ materials: [...base.materials, { name: '解除劳动合同证明', form: '复印件' }] },
			{ materials: [{ name: '居民身份证', form: '原件', note: '本人办理时提供' }] },
			{ steps: ['窗口受理', '办结'] },
			{ backOffice: '就业服务中心' },
			{ onlineAvailable: false },
			{ legalDays: { value: 60, unit: '自然日' } },
		]
		for (const change of variants) expect(revisionOf({ ...base, ...change })).not.toBe(revisionOf(base))
	})

	test('describes changes field by field, as learners read them', () => {
		const after: Normative = {
			...base,
			promiseDays: 15,
			materials: [...base.materials, { name: '解除劳动合同证明', form: '复印件', note: '系统可查的免交' }],
			basis: ['《失业保险条例》', '《社会保险法》第四十五条'],
		}
		expect(describeChanges(diffNormative(base, after))).toEqual([
			'承诺时限 20→15 个工作日',
			'材料新增：解除劳动合同证明（复印件）：系统可查的免交',
			'设定依据新增：《社会保险法》第四十五条',
		])
		expect(diffNormative(base, base)).toEqual([])
	})
})
