// The 零拒绝 loop: a clerk records a case, the 政务服务科 makes it a work order and publishes a
// 处理标准 with its scenario, and a clerk meets the standard with the service's lesson.
import { test, expect } from './fixtures.ts'

const code = 'XY-YL-017'

test('a 零拒绝 case becomes a published standard that clerks meet', async ({ page, signInAs }) => {
	await signInAs('c1002', '/zero-refusal')
	const before = Number(await page.locator('dt:has-text("诉求") + dd').innerText())
	await page
		.getByLabel('群众诉求')
		.fill('退休前发现人事档案丢失，问能否认定 1983 年起的工龄。联系电话 13912345678')
	await page.getByLabel(/涉及事项/).fill(code)
	await page.getByLabel('缺少的材料或条件').fill('人事档案（已丢失）')
	await page.getByRole('button', { name: '登记', exact: true }).click()
	await expect(page.getByRole('alert')).toContainText('不能填写群众的手机号码')
	await page.getByLabel('群众诉求').fill('退休前发现人事档案丢失，问能否认定 1983 年起的工龄')
	await page.getByRole('button', { name: '登记', exact: true }).click()
	await expect(page.getByText(/已登记，编号 \d+/)).toBeVisible()
	await expect(page.locator('dt:has-text("诉求") + dd')).toHaveText(String(before + 1))

	await signInAs('admin', '/zero-refusal')
	await page
		.getByRole('link', { name: /退休前发现人事档案丢失/ })
		.first()
		.click()
	await page.getByLabel('工单说明（交办单位、会商安排）').fill('交养老保险管理局(中心)会商')
	await page.getByRole('button', { name: '转为工单' }).click()
	await expect(page.getByText('工单处理中')).toBeVisible()
	await page.getByLabel('标准名称').fill('档案丢失人员工作经历旁证认定')
	await page
		.getByLabel('处理标准', { exact: true })
		.fill('以养老保险手册、参保台账、人口普查表和买断协议相互印证，认定档案缺失期间的工作经历。')
	await page.getByRole('button', { name: '发布处理标准' }).click()
	// Publishing reloads the item bank on this server before it answers (a few seconds).
	await expect(page.getByText('处理标准已发布：档案丢失人员工作经历旁证认定')).toBeVisible({
		timeout: 30_000,
	})

	await signInAs('clerk', `/services/${code}`)
	const standards = page.getByRole('region', { name: '零拒绝处理标准' })
	await expect(standards).toContainText('档案丢失人员工作经历旁证认定')
	await expect(standards).toContainText('人口普查表')
	await page.goto('/zero-refusal')
	await expect(page.locator('dt:has-text("已发布标准") + dd')).not.toHaveText('0')
})
