import { test, expect } from './fixtures.ts'

function csvFile(name: string, rows: Array<string>) {
	return {
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from(`\uFEFF工号,姓名,站点,班级,角色\n${rows.join('\n')}\n`, 'utf8'),
	}
}

test('a CSV with bad rows lists every problem by row and imports nobody', async ({
	page,
	signInAs,
}) => {
	await signInAs('admin', '/people/import')
	const suffix = Date.now().toString(36)
	await page
		.getByLabel('选择文件')
		.setInputFiles(
			csvFile('bad.csv', [
				`e2e${suffix}a,张三,市人社服务大厅,2026年第3期新员工班,学员`,
				`e2e${suffix}b,,市人社服务大厅,,学员`,
				`e2e${suffix}c,李四,不存在的站点,,学员`,
				`clerk,王五,市人社服务大厅,,学员`,
			]),
		)
	await page.getByRole('button', { name: '检查并导入' }).click()
	const alert = page.getByRole('alert')
	await expect(alert).toContainText('没有导入任何人员')
	await expect(alert).toContainText('第 3 行')
	await expect(alert).toContainText('第 4 行')
	await expect(alert).toContainText('第 5 行')
	await expect(alert).toContainText('没有这个站点：不存在的站点')
	await expect(alert).toContainText('工号已存在：clerk')
	await page.goto(`/people?q=e2e${suffix}`)
	await expect(page.getByText('没有符合条件的人员。')).toBeVisible()
})

test('a good CSV imports everyone and shows each initial password once', async ({
	page,
	signInAs,
}) => {
	await signInAs('admin', '/people/import')
	const suffix = Date.now().toString(36)
	await page
		.getByLabel('选择文件')
		.setInputFiles(
			csvFile('good.csv', [
				`e2e${suffix}x,赵六,米公街道服务点,2026年第3期新员工班,`,
				`e2e${suffix}y,钱七,市人社服务大厅,,学员`,
			]),
		)
	await page.getByRole('button', { name: '检查并导入' }).click()
	await expect(page.getByText('已导入 2 人')).toBeVisible()
	await expect(page.locator('.secret')).toHaveCount(2)
	await page.goto(`/people?q=e2e${suffix}`)
	await expect(page.getByText('共 2 人')).toBeVisible()
})

test('an admin creates a clerk, who must change the initial password at first sign-in', async ({
	page,
	signInAs,
}) => {
	await signInAs('admin', '/people/new')
	const username = `e2e${Date.now().toString(36)}`
	await page.getByLabel('工号').fill(username)
	await page.getByLabel('姓名').fill('孙八')
	await page.getByLabel('站点').selectOption({ label: '古城社区服务点' })
	await page.getByRole('button', { name: '保存' }).click()
	const password = (await page.locator('.secret').innerText()).trim()
	expect(password).toHaveLength(10)
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible()
	await page.getByLabel('工号').fill(username)
	await page.getByLabel('密码').fill(password)
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).toHaveURL(/\/account\/password/)
	await page.getByLabel('当前密码').fill(password)
	await page.getByLabel('新密码', { exact: true }).fill('my-own-password')
	await page.getByLabel('再次输入新密码').fill('my-own-password')
	await page.getByRole('button', { name: '保存新密码' }).click()
	await expect(page).toHaveURL(/:\d+\/$/)
})
