import { test, expect } from './fixtures.ts'

test('a trainer filters the board, drills to a person, exports XLSX, prints a certificate and verifies it signed out', async ({
	page,
	signInAs,
	browser,
}) => {
	await signInAs('trainer', '/board')
	await expect(page.getByRole('heading', { name: '就绪看板', level: 1 })).toBeVisible()
	// Two sites: the hall and the community point this trainer also manages.
	const sites = await page.getByLabel('站点').locator('option').allInnerTexts()
	expect(sites).toEqual(expect.arrayContaining(['市人社服务大厅', '米公街道服务点']))
	expect(sites).not.toContain('古城社区服务点')

	await page.getByLabel('就绪状态').selectOption('ready')
	await page.getByRole('button', { name: '筛选' }).click()
	await expect(page).toHaveURL(/status=ready/)
	const rows = page.locator('table.board-table tbody tr')
	await expect(rows.first()).toBeVisible()
	// Retried until the filtered page has rendered (the URL changes before React commits it).
	await expect(rows.locator('td .badge').filter({ hasNotText: '可上综合窗口' })).toHaveCount(0)

	const download = page.waitForEvent('download')
	await page.getByRole('link', { name: '导出 Excel' }).click()
	const file = await download
	expect(file.suggestedFilename()).toMatch(/^就绪看板-\d{4}-\d{2}-\d{2}\.xlsx$/)

	await rows.first().getByRole('link').click()
	await expect(page.getByText('可上综合窗口').first()).toBeVisible()
	await expect(page.getByRole('heading', { name: '逐项认证情况' })).toBeVisible()
	await page.getByRole('button', { name: '签发上岗资格证书' }).click()
	await expect(page.getByRole('heading', { name: '综合窗口上岗资格证书' })).toBeVisible()
	await expect(page.locator('.qr svg')).toBeVisible()
	const code = (await page.locator('.certificate-verify .secret').innerText()).trim()
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
	await page.emulateMedia({ media: 'print' })
	await expect(page.locator('.site-header')).toBeHidden()
	await page.emulateMedia({ media: 'screen' })

	const anonymous = await browser.newContext({ baseURL: test.info().project.use.baseURL })
	const visitor = await anonymous.newPage()
	await visitor.goto(`/verify/${code}`)
	await expect(visitor.getByRole('heading', { name: '有效' })).toBeVisible()
	await expect(visitor.getByText(code)).toBeVisible()
	await expect(visitor.getByRole('navigation', { name: '主导航' })).toHaveCount(0)
	await anonymous.close()
})

test('the board shows outdated clerks and the alert names what changed', async ({
	page,
	signInAs,
}) => {
	await signInAs('trainer', '/board?status=outdated')
	await expect(page.locator('table.board-table tbody tr').first()).toContainText('需重新认证')
	await page.goto('/board/alerts?kind=outdated')
	await expect(page.locator('tbody tr').first()).toContainText(/新增：|删除：|→/)
})

test("the trainer's morning: from today's panel to a clerk who lost readiness, and why", async ({
	page,
	signInAs,
}) => {
	await page.setViewportSize({ width: 1366, height: 768 })
	await signInAs('trainer', '/board')
	const today = page.getByRole('region', { name: '今日' })
	const hall = today.getByRole('listitem').filter({ hasText: '市人社服务大厅' })
	await expect(hall.getByText('可上综合窗口')).toBeVisible()
	await hall.getByRole('link', { name: /失去上岗资格/ }).click()
	await expect(page).toHaveURL(/need=lost/)
	const rows = page.locator('table.board-table tbody tr')
	// Everyone listed says why: expired or to recertify.
	await expect(rows.first()).toContainText(/项需重新认证|项已过期/)
	await expect(rows.filter({ hasNotText: /项需重新认证|项已过期/ })).toHaveCount(0)

	// The page fits 1366 px; the categories scroll inside the table, the names stay in view.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366)
	const name = rows.first().locator('th')
	const before = await name.boundingBox()
	await page.locator('.board-wrap').evaluate((wrap) => wrap.scrollBy({ left: 600 }))
	await expect.poll(async () => (await name.boundingBox())?.x).toBe(before?.x)

	const clerk = (await name.getByRole('link').innerText()).trim()
	await name.getByRole('link').click()
	await expect(page.getByRole('heading', { name: clerk })).toBeVisible()
	await expect(page.getByRole('heading', { name: '逐项认证情况' })).toBeVisible()
	await expect(page.getByRole('cell', { name: /需重新认证|已过期/ }).first()).toBeVisible()
})

test('the trend charts name their axes and a table beside them holds the same numbers', async ({
	page,
	signInAs,
}) => {
	await signInAs('trainer', '/board')
	const figure = page.getByRole('figure', { name: '各站点已认证比例变化' })
	const chart = figure.locator('svg.chart-svg')
	await expect(chart).toBeVisible()
	// The picture is for the eye; its axes say what they measure.
	await expect(chart).toHaveAttribute('aria-hidden', 'true')
	await expect(chart.locator('text', { hasText: '日期' })).toHaveCount(1)
	await expect(chart.locator('text', { hasText: '已认证比例（%）' })).toHaveCount(1)
	await expect(chart.locator('text', { hasText: /^\d+月\d+日$/ }).first()).toBeVisible()
	// The table is what a screen reader reads: one mark in the chart for each number in it.
	const table = figure.getByRole('table', { name: /各站点已认证比例变化/ })
	await expect(table).toBeVisible()
	await expect(table.getByRole('columnheader', { name: '日期' })).toBeVisible()
	const numbers = await table.locator('tbody td').allInnerTexts()
	expect(numbers.length).toBeGreaterThan(0)
	const values = numbers.filter((n) => n !== '—')
	expect(values.every((n) => /^\d+(\.\d)?%$/.test(n))).toBe(true)
	await expect(chart.locator('circle, rect, path')).toHaveCount(values.length)
})
