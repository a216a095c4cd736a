import { test, expect } from './fixtures.ts'

test('a clerk signs in with the form, lands on 我的认证, and signs out', async ({
	page,
	consoleErrors: _,
}) => {
	await page.goto('/certifications')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcertifications/)
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible()
	await page.getByLabel('工号').fill('clerk')
	await page.getByLabel('密码').fill('demo-password')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).toHaveURL(/\/certifications$/)
	await expect(page.getByRole('heading', { name: '我的认证', level: 1 })).toBeVisible()
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page).toHaveURL(/\/login$/)
	await page.goto('/certifications')
	await expect(page).toHaveURL(/\/login/)
})

test('each role lands on its own home page with its own navigation', async ({ page, signInAs }) => {
	await signInAs('trainer')
	await expect(page).toHaveURL(/\/board/)
	await expect(
		page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '就绪看板' }),
	).toBeVisible()
	await expect(
		page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '人员' }),
	).toBeVisible()
	await signInAs('admin')
	await expect(page).toHaveURL(/\/people/)
	for (const name of ['人员', '站点', '设置']) {
		await expect(
			page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }),
		).toBeVisible()
	}
})

test('a wrong password gets one generic message, and repeated failures are throttled', async ({
	page,
	consoleErrors: _,
}) => {
	await page.goto('/login')
	await page.getByLabel('工号').fill('clerk')
	await page.getByLabel('密码').fill('not-the-password')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page.getByRole('alert')).toHaveText('工号或密码不正确。')
	// Each try waits for its answer: a sign-in slowed by the throttle would otherwise be cut off
	// by the next click, as no person at a counter does.
	for (let i = 0; i < 5; i++) {
		await page.getByLabel('工号').fill('e2e-nobody')
		await page.getByLabel('密码').fill(`wrong-${i}`)
		const answered = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/login'),
		)
		await page.getByRole('button', { name: '登录' }).click()
		await answered
		await expect(page.getByRole('alert')).toBeVisible()
	}
	await page.getByLabel('工号').fill('e2e-nobody')
	await page.getByLabel('密码').fill('wrong-again')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page.getByRole('alert')).toContainText('登录失败次数过多')
})

test('a clerk opening an admin or trainer page gets 403 in Chinese', async ({ page, signInAs }) => {
	await signInAs('clerk')
	for (const path of ['/people', '/admin/settings', '/admin/sites', '/board']) {
		const response = await page.goto(path)
		expect(response?.status()).toBe(403)
		await expect(page.getByRole('alert')).toHaveText('你没有权限访问这个页面。')
	}
})

test('a cross-site POST is refused by the Origin check', async ({ page, signInAs }) => {
	await signInAs('clerk')
	const refused = await page.request.post('/logout', {
		headers: { Origin: 'http://evil.example' },
		maxRedirects: 0,
	})
	expect(refused.status()).toBe(403)
	const noOrigin = await page.request.post('/language', {
		headers: { Origin: 'null' },
		form: { language: 'en' },
		maxRedirects: 0,
	})
	expect(noOrigin.status()).toBe(403)
	// Still signed in: the forged sign-out did nothing.
	await page.goto('/certifications')
	await expect(page).toHaveURL(/\/certifications/)
})

test('the Chinese/English switch persists and leaves no English on a Chinese screen', async ({
	page,
	signInAs,
}) => {
	await signInAs('clerk', '/services')
	await expect(page.getByRole('heading', { name: '事项目录' })).toBeVisible()
	await page.getByRole('button', { name: 'English' }).click()
	await expect(page.getByRole('heading', { name: 'Service catalogue' })).toBeVisible()
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	await page.reload()
	await expect(page.getByRole('link', { name: 'My certifications' })).toBeVisible()
	await page.getByRole('button', { name: '中文' }).click()
	await expect(page.getByRole('heading', { name: '事项目录' })).toBeVisible()
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
	const chrome = await page.locator('header, h1, .filters, .facet-list').allInnerTexts()
	expect(chrome.join(' ')).not.toMatch(/\b(Sign|Search|Filter|Study|Catalogue|All)\b/)
})
