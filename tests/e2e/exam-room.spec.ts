// The exam room: a clerk's device is lost mid-exam; the trainer moves the exam to the clerk's new
// sign-in and adds time; the clerk continues there with the saved answers. Flags, the review
// list, focus on the item heading and a reload that is not a 切屏, on the way.
import AxeBuilder from '@axe-core/playwright'
import { type Page } from '@playwright/test'
import { test, expect } from './fixtures.ts'
import { answerCurrentItem } from './helpers.ts'

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

test('a trainer moves a running exam to the clerk’s new sign-in, adds time, and the clerk continues there', async ({
	browser,
	page,
	signInAs,
}) => {
	const baseURL = test.info().project.use.baseURL
	// The first device: start the exam, answer item 1, flag item 2.
	await signInAs('c1020', '/exam')
	await page.getByRole('button', { name: '开始考试' }).click()
	await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeVisible()
	await answerCurrentItem(page, 'right')
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible()
	await page.getByRole('button', { name: '保存并下一题' }).click()
	// The new item's heading takes the focus, and its save state is its own.
	await expect(page.getByRole('heading', { name: /第 2 题/ })).toBeFocused()
	await expect(page.getByRole('status').filter({ hasText: '这一题还没有作答' })).toBeVisible()
	await page.getByRole('button', { name: '标记此题，稍后再看' }).click()
	await expect(page.getByRole('button', { name: '标记此题，稍后再看' })).toHaveAttribute(
		'aria-pressed',
		'true',
	)
	await expect(page.getByRole('link', { name: '第 2 题（已标记）' })).toBeVisible()
	// A reload is not leaving the exam for another window.
	await page.reload()
	await expect(page.getByRole('heading', { name: /第 2 题/ })).toBeVisible()
	const examUrl = new URL(page.url()).pathname

	// 我的认证 shows the running exam with a way back.
	await page.goto('/certifications')
	await expect(page.getByText(/上岗考试进行中/)).toBeVisible()
	await page.getByRole('link', { name: '回到考试' }).click()
	await expect(page.getByRole('timer')).toBeVisible()

	// The device is lost: the clerk signs in on another one and gets a page that says what to do.
	const newDevice = await browser.newContext({ baseURL })
	const second = await newDevice.newPage()
	await second.goto('/test-hooks/session?username=c1020&to=/certifications')
	const refused = await second.goto(examUrl)
	expect(refused?.status()).toBe(409)
	await expect(
		second.getByRole('heading', { level: 1, name: '这场考试正在另一处登录中进行' }),
	).toBeVisible()
	await expect(second.getByText(/培训师在“考场”里把考试转到你现在的登录/)).toBeVisible()
	await expectAxeClean(second)

	// The trainer sees the exam, moves it to the new sign-in and adds ten minutes.
	const trainerContext = await browser.newContext({ baseURL })
	const trainer = await trainerContext.newPage()
	await trainer.goto('/test-hooks/session?username=trainer&to=/exam-room')
	const card = trainer.locator('li.card', { hasText: 'c1020' })
	await expect(card).toContainText('1 / 50 题')
	await expect(card).toContainText(/重新登录，可以把考试转过去/)
	await expectAxeClean(trainer)
	await card.getByRole('button', { name: '转到新登录' }).click()
	await expect(trainer.getByText('考试已转到考生的新登录')).toBeVisible()
	const cardAgain = trainer.locator('li.card', { hasText: 'c1020' })
	await cardAgain.getByLabel('延时原因').fill('设备丢失，换机耽误')
	await cardAgain.getByLabel('延时（分钟，1–60）').fill('10')
	await cardAgain.getByRole('button', { name: '延时' }).click()
	await expect(trainer.getByText('已延时，考生刷新页面后看到新的交卷时间。')).toBeVisible()
	await expect(trainer.locator('li.card', { hasText: 'c1020' })).toContainText('已延时 10 分钟')

	// The clerk continues on the new device: item 1's answer is there, item 2 still flagged.
	await second.getByRole('link', { name: '培训师转移后，点这里继续考试' }).click()
	await expect(second.getByRole('timer')).toBeVisible()
	await expect(second.getByRole('link', { name: '第 1 题（已答）' })).toBeVisible()
	await second.getByRole('link', { name: '检查并交卷' }).click()
	await expect(second.getByText('你标记了 1 题，交卷前可以再看看：')).toBeVisible()
	await expectAxeClean(second)
	await second.getByRole('button', { name: '交卷' }).click()
	await expect(second.getByRole('heading', { level: 1 })).toContainText('成绩')
	// The first device's reload counted no 切屏.
	await expect(second.getByText(/切屏 0 次/)).toBeVisible()

	// The old device can no longer answer; both actions are in the audit log.
	await page.goto(examUrl)
	await expect(page).toHaveURL(/\/result$/)
	const admin = await (await browser.newContext({ baseURL })).newPage()
	await admin.goto('/test-hooks/session?username=admin&to=/admin/audit')
	await expect(admin.getByRole('cell', { name: '考试转到新登录' })).toBeVisible()
	await expect(admin.getByRole('cell', { name: '考试延时' })).toBeVisible()
	await newDevice.close()
	await trainerContext.close()
})
