import { test, expect } from './fixtures.ts'
import { takeQuiz } from './helpers.ts'

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a clerk studies a lesson, passes a service quiz one item per page, and sees the certification', async ({
		page,
		signInAs,
	}) => {
		await signInAs('clerk', '/services/XY-GS-007')
		await page.getByRole('button', { name: '标记为已学' }).click()
		await page.getByRole('link', { name: '参加本事项测验' }).click()
		await expect(page.getByText('未认证')).toBeVisible()
		await page.getByRole('button', { name: '开始测验' }).click()
		await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeVisible()
		await takeQuiz(page, 'right')
		await expect(page.getByRole('heading', { name: '通过' })).toBeVisible()
		await expect(page.getByText(/已取得认证，有效期至/)).toBeVisible()
		await page.getByRole('link', { name: '我的认证' }).first().click()
		await page.goto('/quiz/XY-GS-007')
		await expect(page.getByText('有效', { exact: true })).toBeVisible()
	})
})

test('with JavaScript, answers save on change; a failed quiz shows the feedback and the wait', async ({
	page,
	signInAs,
}) => {
	await signInAs('c1001', '/quiz/XY-SBK-016')
	await page.getByRole('button', { name: /开始测验|重新认证/ }).click()
	await takeQuiz(page, 'wrong', { expectAutosave: true })
	await expect(page.getByRole('heading', { name: '未通过' })).toBeVisible()
	await expect(page.getByText(/以后可以再考/)).toBeVisible()
	await expect(page.getByRole('link', { name: '回到课程相关章节' }).first()).toHaveAttribute(
		'href',
		/\/services\/XY-SBK-016#/,
	)
	await expect(page.locator('.result-item.is-wrong').first()).toBeVisible()
	await page.goto('/quiz/XY-SBK-016')
	await expect(page.getByText(/上次测验未通过/)).toBeVisible()
	await expect(page.getByRole('button', { name: /开始测验|重新认证/ })).toHaveCount(0)
})

test('with JavaScript, a clerk passes a quiz and the certification shows in 我的认证', async ({
	page,
	signInAs,
}) => {
	await signInAs('c1001', '/quiz/XY-DA-003')
	await page.getByRole('button', { name: /开始测验|重新认证/ }).click()
	await takeQuiz(page, 'right', { expectAutosave: true })
	await expect(page.getByRole('heading', { name: '通过' })).toBeVisible()
})

test('an exam running in one sign-in cannot be opened from another', async ({
	browser,
	page,
	signInAs,
}) => {
	await signInAs('c1008', '/exam')
	await page.getByRole('button', { name: '开始考试' }).click()
	await expect(page.getByText(/请在 .* 前交卷/)).toBeVisible()
	await expect(page.getByRole('timer')).toBeVisible()
	const examUrl = page.url()
	const other = await browser.newContext({ baseURL: test.info().project.use.baseURL })
	const second = await other.newPage()
	await second.goto('/test-hooks/session?username=c1008&to=/exam')
	await expect(second.getByText('你的考试正在另一处登录中进行')).toBeVisible()
	const response = await second.goto(examUrl)
	expect(response?.status()).toBe(409)
	await other.close()
})
