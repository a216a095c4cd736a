import { test, expect } from './fixtures.ts'

test('sign in, browse, search, read a lesson and mark it studied', async ({ page, signInAs }) => {
	await signInAs('c1009', '/services')
	await page
		.getByRole('link', { name: /社会保障卡/ })
		.first()
		.click()
	await expect(
		page.getByRole('heading', { level: 2 }).filter({ hasText: '社会保障卡' }),
	).toBeVisible()
	await page.getByLabel('办件类型').selectOption('即办')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/mode=/)

	await page.getByRole('link', { name: '搜索', exact: true }).click()
	await page.getByLabel('搜索词').fill('sybx')
	await page.getByRole('button', { name: '搜索' }).click()
	const results = page.locator('ol.service-list')
	await expect(results.getByRole('link', { name: '失业保险金申领' })).toBeVisible()
	await expect(results.locator('mark').first()).toBeVisible()

	await page.getByLabel('搜索词').fill('失业保险金怎么申领')
	await page.getByRole('button', { name: '搜索' }).click()
	await expect(results.getByRole('link').first()).toHaveText('失业保险金申领')
	// The results are server-rendered HTML: a click on one still navigates within the app.
	await page.evaluate(() => Object.assign(window, { samePage: true }))
	await results.getByRole('link', { name: '失业保险金申领' }).click()

	await expect(page.getByRole('heading', { name: '失业保险金申领', level: 1 })).toBeVisible()
	expect(await page.evaluate(() => 'samePage' in window)).toBe(true)
	await expect(page.getByRole('heading', { name: '窗口速查卡' })).toBeVisible()
	await expect(page.locator('#materials')).toBeVisible()
	await page.getByRole('button', { name: '标记为已学' }).click()
	await expect(page.getByText('已学（当前版本）')).toBeVisible()
	await page.goto('/services?category=shebao&sub=%E5%A4%B1%E4%B8%9A%E4%BF%9D%E9%99%A9')
	await expect(
		page.locator('li', { hasText: '失业保险金申领' }).first().getByText('已学'),
	).toBeVisible()
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a lesson renders, and search works as a plain form', async ({ page, signInAs }) => {
		await signInAs('clerk', '/services/XY-GS-004')
		await expect(page.getByRole('heading', { name: '工伤认定申请（用人单位申请）' })).toBeVisible()
		await expect(page.locator('article.lesson-body h2#materials')).toHaveText('申请材料')
		await expect(page.locator('article.lesson-body table.lesson-materials')).toBeVisible()
		await page.goto('/search')
		await page.getByLabel('搜索词').fill('gsrd')
		await page.getByRole('button', { name: '搜索' }).click()
		await expect(page.locator('ol.service-list').getByRole('link').first()).toContainText(
			'工伤认定',
		)
	})
})
