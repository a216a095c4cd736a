import { test, expect } from './fixtures.ts'
import { answerCurrentItem } from './helpers.ts'

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a certified clerk does a daily review: the feedback, when the service comes back, and a miss comes back tomorrow', async ({
		page,
		signInAs,
	}) => {
		await signInAs('c1002', '/certifications')
		await page.getByRole('link', { name: /每日复习：今天还有 \d+ 项/ }).click()
		await expect(page.getByRole('heading', { name: '每日复习', level: 1 })).toBeVisible()
		const doneBefore = Number(
			(await page.getByText(/今天已复习 \d+ 项/).innerText()).match(/今天已复习 (\d+) 项/)?.[1],
		)

		await answerCurrentItem(page, 'right')
		await page.getByRole('button', { name: '提交答案' }).click()
		await expect(page.locator('.result-item.is-right')).toBeVisible()
		await expect(page.getByText(/这个事项下次复习：.+（\d+ 天后）/)).toBeVisible()
		await expect(page.getByText(`今天已复习 ${doneBefore + 1} 项`, { exact: false })).toBeVisible()

		await page.getByRole('link', { name: '继续复习' }).click()
		await answerCurrentItem(page, 'wrong')
		await page.getByRole('button', { name: '提交答案' }).click()
		await expect(page.locator('.result-item.is-wrong')).toBeVisible()
		await expect(page.getByText(/这个事项下次复习：.+（1 天后）/)).toBeVisible()
		// The feedback names the right answer and leads back to the lesson.
		await expect(page.getByRole('link', { name: '回到课程相关章节' })).toBeVisible()
	})
})

test('submitting without an answer says so and keeps the item', async ({ page, signInAs }) => {
	await signInAs('c1003', '/review')
	const heading = await page.locator('form.attempt-item h2').innerText()
	await page.getByRole('button', { name: '提交答案' }).click()
	await expect(page.getByText('请先作答再提交。')).toBeVisible()
	await expect(page.locator('form.attempt-item h2')).toHaveText(heading)
})
