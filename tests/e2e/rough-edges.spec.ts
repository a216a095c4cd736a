// Rough edges a new user met (issue #13), as a user would notice them.
import { test, expect } from './fixtures.ts'

test('/verify is a form anyone can use, and an unknown code says so with a 404', async ({
	page,
}) => {
	await page.goto('/verify')
	await expect(page).toHaveURL(/\/verify$/)
	await expect(page.getByRole('heading', { level: 1, name: '证书核验' })).toBeVisible()
	await page.getByLabel('核验码').fill('aaaa-bbbb-cccc')
	const answer = page.waitForResponse((r) => r.url().includes('/verify/AAAA-BBBB-CCCC'))
	await page.getByRole('button', { name: '核验' }).click()
	expect((await answer).status()).toBe(404)
	await expect(page.getByRole('alert')).toHaveText('没有找到核验码为“AAAA-BBBB-CCCC”的证书。')
})

test('in English, dates spell the month and page titles are English', async ({
	page,
	signInAs,
}) => {
	await signInAs('c1001', '/certifications')
	await expect(page).toHaveTitle('我的认证 · 一窗通学')
	await page.getByRole('button', { name: 'English' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'My certifications' })).toBeVisible()
	await expect(page).toHaveTitle('My certifications · Counter Ready')
	const text = await page.locator('main').innerText()
	expect(text).toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d/)
	expect(text).not.toMatch(/\d{2}\/\d{2}\/\d{4}/)
	await page.getByRole('button', { name: '中文' }).click()
	await expect(page.getByRole('heading', { level: 1, name: '我的认证' })).toBeVisible()
})

test('an admin finds services by name, selects what was found, and copies another site’s set', async ({
	page,
	signInAs,
}) => {
	await signInAs('admin', '/admin/sites')
	await expect(
		page
			.getByRole('navigation', { name: '主导航' })
			.getByRole('link', { name: '人员', exact: true }),
	).toBeVisible()
	const row = page.getByRole('row', { name: /古城社区服务点/ })
	await row
		.getByRole('link', { name: /提供事项|事项/ })
		.first()
		.click()
	await expect(page.getByRole('heading', { level: 1, name: /古城社区服务点/ })).toBeVisible()
	const count = page.getByText(/已选 \d+ \/ \d+ 项/)
	await page.getByLabel('按名称、编码或分类查找').fill('失业保险金')
	await page.getByRole('button', { name: '查找' }).click()
	await expect(page.getByText(/找到 \d+ 项。/)).toBeVisible()
	await page.getByRole('button', { name: '取消找到的事项' }).click()
	await expect(page.getByText(/^已保存：\d+ 项事项。$/)).toBeVisible()
	const before = Number(/已选 (\d+)/.exec(await count.innerText())?.[1])
	await page.getByRole('button', { name: '全选找到的事项' }).click()
	await expect(count).not.toHaveText(new RegExp(`已选 ${before} /`))
	const after = Number(/已选 (\d+)/.exec(await count.innerText())?.[1])
	expect(after).toBeGreaterThan(before)
	await page.getByLabel('从其他站点复制').selectOption({ label: '米公街道服务点' })
	await page.getByRole('button', { name: '复制（替换当前选择）' }).click()
	await expect(page.getByText(/已从“米公街道服务点”复制：\d+ 项事项。/)).toBeVisible()
})

test('the people import offers a template to download', async ({ page, signInAs }) => {
	await signInAs('trainer', '/people/import')
	const download = page.waitForEvent('download')
	await page.getByRole('link', { name: /下载导入模板/ }).click()
	expect((await download).suggestedFilename()).toMatch(/\.csv$/)
})
