// The manual in the hall: an editor publishes a change in the browser, a certified clerk sees
// "需重新认证（变更 N 项）", takes the short quiz on the changes and is certified on the new revision.
import { test, expect } from './fixtures.ts'
import { takeQuiz } from './helpers.ts'
import { publishedInBrowser } from './oracle.ts'

const code = 'XY-GS-005'
const newMaterial = '事故现场照片'

test('an editor publishes a change; a certified clerk recertifies on the changes alone', async ({
	page,
	signInAs,
}) => {
	// A clerk is certified on the service as it ships.
	await signInAs('clerk', `/quiz/${code}`)
	await page.getByRole('button', { name: /开始测验|重新认证/ }).click()
	await takeQuiz(page, 'right')
	await expect(page.getByRole('heading', { name: '通过' })).toBeVisible()
	await page.goto(`/quiz/${code}`)
	const before = await page.getByText(/认证版本：/).innerText()

	// The admin edits the procedure: a material added, the promised time shortened.
	await signInAs('admin', `/services/${code}`)
	await page.getByRole('link', { name: '编辑本事项' }).click()
	const materials = page.getByLabel('申请材料')
	await materials.fill(`${await materials.inputValue()}\n${newMaterial}（电子材料）`)
	const promise = page.getByLabel('承诺时限（工作日）')
	const oldDays = await promise.inputValue()
	await promise.fill('20')
	await page.getByRole('button', { name: '预览并查看变更' }).click()
	const diff = page.getByRole('region', { name: '变更内容' })
	await expect(diff.getByText(`材料新增：${newMaterial}（电子材料）`)).toBeVisible()
	await expect(diff.getByText(`承诺时限 ${oldDays}→20 个工作日`)).toBeVisible()
	await expect(page.getByRole('region', { name: '课程预览' })).toContainText(newMaterial)

	// A change that breaks a rule is refused, naming the rule and the field.
	await promise.fill('')
	await page.getByLabel('发布原因').fill('市局通知：时限压缩')
	await page.getByRole('button', { name: '发布', exact: true }).click()
	await expect(page.getByRole('alert')).toContainText('承诺时限：不符合规则「承诺件须有承诺时限」')

	await page.getByLabel('承诺时限（工作日）').fill('20')
	await page.getByLabel('发布原因').fill('市局通知：时限压缩')
	await page.getByRole('button', { name: '发布', exact: true }).click()
	// Publishing reloads the whole manual on this server before it answers (a few seconds).
	await expect(page.getByText('已发布。新版本已生效。')).toBeVisible({ timeout: 30_000 })
	publishedInBrowser(code, (f) => ({
		...f,
		promiseDays: 20,
		materials: [...f.materials, { name: newMaterial, form: '电子材料' }],
	}))

	// The clerk sees what changed, in the list and marked in the lesson, and recertifies briefly.
	await signInAs('clerk', '/certifications')
	await expect(page.getByText('需重新认证（变更 2 项）').first()).toBeVisible()
	await page.goto(`/quiz/${code}`)
	await expect(page.getByText(`材料新增：${newMaterial}（电子材料）`)).toBeVisible()
	await page.getByRole('link', { name: '在课程中查看标出的变更' }).click()
	await expect(
		page.locator('mark.lesson-change').filter({ hasText: newMaterial }).first(),
	).toBeVisible()
	await page.goto(`/quiz/${code}`)
	await page.getByRole('button', { name: '开始变更测验' }).click()
	await expect(page.getByRole('heading', { name: /第 1 题/ })).toBeVisible()
	await expect(page.getByText(/共 [345] 题|\/ [345]/).first()).toBeVisible()
	await takeQuiz(page, 'right')
	await expect(page.getByRole('heading', { name: '通过' })).toBeVisible()
	await page.goto(`/quiz/${code}`)
	await expect(page.getByText('有效', { exact: true })).toBeVisible()
	const after = await page.getByText(/认证版本：/).innerText()
	expect(after).not.toBe(before)
})
