import AxeBuilder from '@axe-core/playwright'
import { test, expect } from './fixtures.ts'

for (const path of [
	'/certifications',
	'/services/XY-SY-001',
	'/services',
	'/search?q=sybx',
	'/review',
]) {
	test(`${path} fits a phone screen without sideways scrolling`, async ({ page, signInAs }) => {
		await signInAs('clerk', path)
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
		)
		expect(overflow).toBeLessThanOrEqual(1)
		await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()
	})
}

test('a clerk can answer a quiz item on a phone', async ({ page, signInAs }) => {
	await signInAs('c1013', '/quiz/XY-SBK-002')
	await page.getByRole('button', { name: /开始测验|重新认证/ }).click()
	await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeVisible()
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
	)
	expect(overflow).toBeLessThanOrEqual(1)
})

for (const kind of ['order', 'scenario'] as const) {
	test(`a clerk can answer a ${kind} item on a phone: it fits and its controls are reachable`, async ({
		page,
		signInAs,
	}) => {
		const code = kind === 'order' ? 'XY-ZH-006' : 'XY-SY-001'
		await signInAs(
			kind === 'order' ? 'c1034' : 'c1035',
			`/test-hooks/attempt?code=${code}&kind=${kind}`,
		)
		await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeVisible()
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
		)
		expect(overflow).toBeLessThanOrEqual(1)
		if (kind === 'order') {
			const first = page.locator('select[name="sequence"]').first()
			await first.selectOption({ index: 1 })
			await expect(page.getByRole('status')).toHaveText('已保存（排序尚未完成）')
		} else {
			const open = page.locator('fieldset.decision:not([disabled])')
			await open.locator('input[type="radio"]').first().check()
			await open.getByRole('button', { name: '确定这一步' }).click()
			await expect(page.locator('fieldset.decision[disabled]')).toHaveCount(1)
		}
	})
}

for (const [user, path] of [
	['c1021', '/'],
	['c1021', '/practice?service=XY-SY-001'],
	['c1021', '/notebook'],
	['trainer', '/exam-room'],
	['trainer', '/cohorts'],
	['trainer', '/board'],
] as const) {
	test(`${path} (${user}) fits a phone screen and axe finds no serious violations`, async ({
		page,
		signInAs,
	}) => {
		await signInAs(user, path)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
		)
		expect(overflow).toBeLessThanOrEqual(1)
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
		expect(
			results.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		).toEqual([])
	})
}
