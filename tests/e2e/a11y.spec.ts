import AxeBuilder from '@axe-core/playwright'
import { test, expect } from './fixtures.ts'

const pages: Array<[string, string]> = [
	['clerk', '/certifications'],
	['clerk', '/services'],
	['clerk', '/services/XY-YL-008'],
	['clerk', '/search?q=%E9%80%80%E4%BC%91'],
	['clerk', '/quiz/XY-YL-008'],
	['clerk', '/exam'],
	['clerk', '/review'],
	['clerk', '/'],
	['clerk', '/practice?service=XY-YL-008'],
	['clerk', '/notebook'],
	['clerk', '/verify'],
	['trainer', '/exam-room'],
	['trainer', '/cohorts'],
	['trainer', '/people/import'],
	['trainer', '/board'],
	['trainer', '/board/alerts'],
	['trainer', '/board/items'],
	['admin', '/people'],
	['admin', '/people/new'],
	['admin', '/admin/sites'],
	['admin', '/admin/settings'],
	['admin', '/admin/audit'],
	['admin', '/editor/XY-YL-008'],
	['admin', '/editor/import'],
	['clerk', '/zero-refusal'],
	['trainer', '/admin/audit'],
	['admin', '/admin/api-tokens'],
]

for (const [user, path] of pages) {
	test(`axe finds no serious violations on ${path} (${user})`, async ({ page, signInAs }) => {
		await signInAs(user, path)
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
		const serious = results.violations.filter(
			(v) => v.impact === 'serious' || v.impact === 'critical',
		)
		expect(
			serious.map(
				(v) =>
					`${v.id}: ${v.nodes
						.map((n) => n.target.join(' '))
						.slice(0, 3)
						.join(', ')}`,
			),
		).toEqual([])
	})
}

test('axe finds no serious violations on the sign-in page and on an attempt', async ({
	page,
	signInAs,
}) => {
	await page.goto('/login')
	let results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
	expect(
		results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id),
	).toEqual([])
	await signInAs('c1012', '/quiz/XY-JY-004')
	await page.getByRole('button', { name: /开始测验|重新认证/ }).click()
	results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
	expect(
		results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id),
	).toEqual([])
})

test('the keyboard reaches the main content and focus is visible', async ({ page, signInAs }) => {
	await signInAs('clerk', '/services')
	await page.keyboard.press('Tab')
	const skip = page.getByRole('link', { name: '跳到正文' })
	await expect(skip).toBeFocused()
	const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle)
	expect(outline).not.toBe('none')
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/#main$/)
})
