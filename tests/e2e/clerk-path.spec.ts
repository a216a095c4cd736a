// A new clerk's way through the manual: home → the next-up service → practice → the quiz, with
// the trainer's cohort goal on the home page; then the 错题本. Axe-clean on every new page.
import AxeBuilder from '@axe-core/playwright'
import { type Page } from '@playwright/test'
import { test, expect } from './fixtures.ts'
import { answerCurrentItem, takeQuiz } from './helpers.ts'

async function expectAxeClean(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze()
	expect(
		results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
	).toEqual([])
}

test('a new clerk goes from the home page to the next-up service, practises, and passes its quiz', async ({
	browser,
	page,
	signInAs,
}) => {
	// The trainer sets the cohort's goal.
	const trainerContext = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
	})
	const trainer = await trainerContext.newPage()
	await trainer.goto('/test-hooks/session?username=trainer&to=/cohorts')
	const cohort = trainer.locator('section', {
		has: trainer.getByRole('heading', { name: '2026年在岗人员轮训班' }),
	})
	await cohort.getByLabel('目标名称').fill('2026年第3期')
	await cohort.getByLabel('核心事项完成日期').fill('2099-09-30')
	await cohort.getByLabel('全部事项完成日期').fill('2099-08-31')
	await cohort.getByRole('button', { name: '保存目标' }).click()
	await expect(trainer.getByText('全部事项的完成日期不能早于核心事项的完成日期。')).toBeVisible()
	await cohort.getByLabel('全部事项完成日期').fill('2099-12-31')
	await cohort.getByRole('button', { name: '保存目标' }).click()
	await expect(trainer.getByText('目标已保存。')).toBeVisible()
	await expectAxeClean(trainer)
	await trainerContext.close()

	// The clerk's home: the goal, what is left, and the next-up core service.
	await signInAs('c1019', '/')
	await expect(page.getByRole('heading', { level: 1, name: '我的学习' })).toBeVisible()
	await expect(page.getByRole('heading', { name: '培训目标：2026年第3期' })).toBeVisible()
	await expect(page.getByText(/核心事项 2099\/09\/30 前全部认证 · 还差 \d+ 项/)).toBeVisible()
	await expectAxeClean(page)
	const next = page.locator('.next-up')
	await expect(next.getByText('核心事项')).toBeVisible()
	const serviceName = (await next.locator('h3').innerText()).split('\n')[0]?.trim() ?? ''
	const coreLine = await page.getByText(/核心事项：已认证 \d+ \/ \d+ 项/).innerText()
	const certifiedBefore = Number(/已认证 (\d+)/.exec(coreLine)?.[1])

	// Study the lesson.
	await next.getByRole('link', { name: '学习课程' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		serviceName.split(' ')[0] ?? '',
	)
	await page.goBack()

	// Practise: no score, the rule after the answer, then another item.
	await page.locator('.next-up').getByRole('link', { name: '练一练（不计分）' }).click()
	await expect(page.getByRole('heading', { level: 1, name: /^练习：/ })).toBeVisible()
	await expectAxeClean(page)
	await answerCurrentItem(page, 'wrong')
	await page.getByRole('button', { name: '看答案' }).click()
	await expect(page.getByRole('heading', { name: '答错了，看看依据' })).toBeFocused()
	await expect(page.getByText(/正确答案|正确顺序/).first()).toBeVisible()
	await expect(page.getByRole('link', { name: '回到课程相关章节' })).toBeVisible()
	await page.getByRole('link', { name: '下一题' }).click()
	await answerCurrentItem(page, 'right')
	await page.getByRole('button', { name: '看答案' }).click()
	await expect(page.getByRole('heading', { name: '答对了' })).toBeVisible()

	// The quiz, straight from practice.
	await page.getByRole('link', { name: '参加认证测验' }).click()
	await page.getByRole('button', { name: /开始测验|重新认证/ }).click()
	await takeQuiz(page, 'right')
	await expect(page.getByRole('heading', { name: '通过' })).toBeVisible()

	// Home again: one more core service certified, and the next one is another.
	await page.goto('/')
	await expect(page.getByText(`核心事项：已认证 ${certifiedBefore + 1} /`)).toBeVisible()
	await expect(page.locator('.next-up h3')).not.toContainText(serviceName)
})

test('a mistake in a quiz lands in the 错题本 and leaves it when answered right there', async ({
	page,
	signInAs,
}) => {
	await signInAs('c1018', '/quiz/XY-SY-002')
	await page.getByRole('button', { name: /开始测验|重新认证/ }).click()
	await takeQuiz(page, 'wrong')
	await page.goto('/notebook')
	await expect(page.getByRole('heading', { level: 1, name: '错题本' })).toBeVisible()
	const listed = page.getByRole('heading', { name: /错题（\d+ 道）/ })
	const before = Number(/（(\d+) 道）/.exec(await listed.innerText())?.[1])
	expect(before).toBeGreaterThan(0)
	await expectAxeClean(page)
	await answerCurrentItem(page, 'right')
	await page.getByRole('button', { name: '看答案' }).click()
	await expect(page.getByRole('heading', { name: '答对了，这道题已从错题本划掉' })).toBeFocused()
	await page.getByRole('link', { name: '继续' }).click()
	if (before > 1) await expect(listed).toHaveText(`错题（${before - 1} 道）`)
	else await expect(page.getByText('错题本是空的。')).toBeVisible()
})
