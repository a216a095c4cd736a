// Taking a quiz (or a daily review) in the browser, right or wrong, using only what the page shows.
import { type Page, expect } from '@playwright/test'
import { itemForText, normalize, rightOptionTexts } from './oracle.ts'

export async function answerCurrentItem(page: Page, mode: 'right' | 'wrong') {
	const form = page.locator('form.attempt-item')
	const scenarioTitle = form.locator('.scenario h3')
	if (await scenarioTitle.count()) {
		const item = await itemForText(await scenarioTitle.innerText())
		if (item.kind !== 'scenario') throw new Error('expected a scenario')
		// One decision at a time: choose in the open one, confirm, and the next one follows.
		for (let step = 0; step < 12; step++) {
			const open = form.locator('fieldset.decision:not([disabled])')
			if ((await open.count()) === 0) break
			const prompt = normalize(await open.locator('.markdown').first().innerText())
			const decision = item.decisions.find((d) => normalize(d.prompt) === prompt)
			const target = decision?.options.find((o) => (mode === 'right' ? o.correct : !o.correct))
			if (!target) throw new Error(`no decision for: ${prompt.slice(0, 40)}`)
			const labels = open.locator('label')
			for (let i = 0; i < (await labels.count()); i++) {
				if (normalize(await labels.nth(i).innerText()) === normalize(target.text))
					await labels.nth(i).locator('input').check()
			}
			const decided = await form.locator('fieldset.decision[disabled]').count()
			await open.getByRole('button', { name: '确定这一步' }).click()
			await expect(form.locator('fieldset.decision[disabled]')).toHaveCount(decided + 1)
		}
		return
	}
	const stem = normalize(await form.locator('.markdown').first().innerText())
	const item = await itemForText(stem)
	if (item.kind === 'truefalse') {
		const value = mode === 'right' ? item.answer : !item.answer
		await form.locator(`input[name="value"][value="${value}"]`).check()
		return
	}
	const right = rightOptionTexts(item)
	if (item.kind === 'order') {
		const selects = form.locator('select[name="sequence"]')
		const order = mode === 'right' ? right : [...right].reverse()
		for (let i = 0; i < order.length; i++) {
			const options = await selects.nth(i).locator('option').allInnerTexts()
			const label = options.find((o) => normalize(o) === order[i])
			if (label) await selects.nth(i).selectOption({ label })
		}
		return
	}
	const labels = form.locator('label')
	for (let i = 0; i < (await labels.count()); i++) {
		const text = normalize(await labels.nth(i).innerText())
		const isRight = right.includes(text)
		const pick =
			mode === 'right' ? isRight : item.kind === 'single' ? !isRight : isRight ? false : true
		if (pick) {
			await labels.nth(i).locator('input').check()
			if (item.kind === 'single') break
		}
	}
}

/** Answer every item (right or wrong), review, submit. Ends on the result page. */
export async function takeQuiz(
	page: Page,
	mode: 'right' | 'wrong',
	options: { expectAutosave?: boolean } = {},
) {
	for (let guard = 0; guard < 60; guard++) {
		if (await page.getByRole('heading', { name: '检查并交卷' }).count()) break
		const heading = await page.locator('#item-heading').innerText()
		const isScenario = (await page.locator('form.attempt-item .scenario').count()) > 0
		await answerCurrentItem(page, mode)
		// A scenario saves on each confirmed decision, not on change.
		if (options.expectAutosave && !isScenario)
			await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible()
		await page.locator('form.attempt-item button[value^="save-"]').last().click()
		// With JavaScript the next item arrives without a page load: wait for it.
		await expect(page.locator('#item-heading, #review-title')).not.toHaveText(heading)
	}
	await page.getByRole('button', { name: '交卷' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('成绩')
}
