import { type Page } from '@playwright/test'
import { test, expect } from './fixtures.ts'
import { takeQuiz } from './helpers.ts'
import { itemForText, normalize, rightOptionTexts } from './oracle.ts'

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

test.describe('ordering steps', () => {
	const orderUrl = '/test-hooks/attempt?code=XY-ZH-006&kind=order'

	async function choose(page: Page, position: number, text: string) {
		const select = page.locator('select[name="sequence"]').nth(position)
		const options = await select.locator('option').allInnerTexts()
		const label = options.find((o) => normalize(o) === text)
		if (!label) throw new Error(`no step ${text}`)
		await select.selectOption({ label })
	}

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false })

		test('a partial order keeps the clerk on the item with what is missing, then a full order moves on', async ({
			page,
			signInAs,
		}) => {
			await signInAs('c1031', orderUrl)
			await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeVisible()
			const item = await itemForText(
				normalize(await page.locator('form.attempt-item .markdown').first().innerText()),
			)
			const right = rightOptionTexts(item)
			await choose(page, 0, right[0] ?? '')
			await page.getByRole('button', { name: '保存并下一题' }).click()
			await expect(page.getByRole('alert')).toContainText(`还有 ${right.length - 1} 步没有选择环节`)
			await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeVisible()

			// The same step twice: still on the item, told why, nothing lost.
			await choose(page, 1, right[0] ?? '')
			await page.getByRole('button', { name: '保存并下一题' }).click()
			await expect(page.getByRole('alert')).toContainText('同一个环节选了两次')

			for (const [position, text] of right.entries()) await choose(page, position, text)
			await page.getByRole('button', { name: '保存并下一题' }).click()
			await expect(page.getByRole('heading', { name: /第 2 题/ })).toBeVisible()
			await page.getByRole('link', { name: '第 1 题（已答）' }).click()
			for (const [position, text] of right.entries())
				await expect(
					page.locator('select[name="sequence"]').nth(position).locator('option:checked'),
				).toHaveText(new RegExp(text.slice(0, 6)))
		})
	})

	test('with JavaScript and the keyboard, a partial order autosaves as partial and a repeated step is named', async ({
		page,
		signInAs,
	}) => {
		await signInAs('c1032', orderUrl)
		await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeFocused()
		const item = await itemForText(
			normalize(await page.locator('form.attempt-item .markdown').first().innerText()),
		)
		const right = rightOptionTexts(item)
		await choose(page, 0, right[0] ?? '')
		await expect(page.getByRole('status')).toHaveText('已保存（排序尚未完成）')
		await choose(page, 1, right[0] ?? '')
		await expect(page.getByRole('status')).toContainText('同一个环节选了两次')
		// By keyboard: focus the second place and pick the right step with the arrow keys.
		const second = page.locator('select[name="sequence"]').nth(1)
		await second.focus()
		await second.selectOption({ index: 0 })
		for (const [position, text] of right.entries()) await choose(page, position, text)
		await expect(page.getByRole('status')).toHaveText('已保存')
		await page.getByRole('button', { name: '保存并下一题' }).click()
		await expect(page.getByRole('heading', { name: /第 2 题/ })).toBeFocused()
		await expect(page.getByRole('status')).toHaveText('这一题还没有作答')
	})
})

test('a scenario shows one decision at a time, and a wrong choice leads to its consequence', async ({
	page,
	signInAs,
}) => {
	await signInAs('c1033', '/test-hooks/attempt?code=XY-SY-001&kind=scenario')
	const form = page.locator('form.attempt-item')
	const item = await itemForText(await form.locator('.scenario h3').innerText())
	if (item.kind !== 'scenario') throw new Error('expected a scenario')
	await expect(form.locator('fieldset.decision')).toHaveCount(1)
	// Follow the right choices until a decision offers a way into a branch; take it.
	for (let step = 0; step < 8; step++) {
		const open = form.locator('fieldset.decision:not([disabled])')
		const prompt = normalize(await open.locator('.markdown').first().innerText())
		const decision = item.decisions.find((d) => normalize(d.prompt) === prompt)
		if (!decision) throw new Error('decision not in the bank')
		const toBranch = decision.options.find(
			(o) => o.next && o.next !== 'end' && item.decisions.find((d) => d.id === o.next)?.branch,
		)
		const option = toBranch ?? decision.options.find((o) => o.correct)
		await open
			.locator('label', { hasText: option?.text.slice(0, 12) ?? '' })
			.locator('input')
			.check()
		await open.getByRole('button', { name: '确定这一步' }).click()
		await expect(form.locator('fieldset.decision[disabled]')).toHaveCount(step + 1)
		if (toBranch) {
			const branch = item.decisions.find((d) => d.id === toBranch.next)
			const shown = form.locator('fieldset.decision:not([disabled]) .markdown').first()
			await expect
				.poll(async () => normalize(await shown.innerText()))
				.toBe(normalize(branch?.prompt ?? ''))
			return
		}
	}
	throw new Error('no branch reached')
})
