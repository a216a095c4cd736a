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
