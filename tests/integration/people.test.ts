import { count, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { auditEvents, users } from '#drizzle/schema/index.ts'
import { action as importAction } from '#app/routes/people.import/route.tsx'
import { action as newAction } from '#app/routes/people.new/route.tsx'
import { action as personAction, loader as personLoader } from '#app/routes/people.$id/route.tsx'
import { loader as peopleLoader } from '#app/routes/people._index/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeCohort, makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import {
	dataOf,
	loaderArgs,
	makeRequest,
	responseOf,
	sessionCookieFor,
} from '#tests/utils/requests.ts'

setupTestDatabase()

async function setup() {
	const hall = await makeSite({ name: '大厅', code: 'hall' })
	const point = await makeSite({ name: '社区点', code: 'point', kind: 'point' })
	await makeCohort({ name: '新员工班' })
	const admin = await makeUser({ username: 'boss', role: 'admin', siteId: hall.id })
	const trainer = await makeUser({ username: 'coach', role: 'trainer', siteId: point.id })
	const clerk = await makeUser({ username: 'c1', siteId: point.id })
	return {
		hall,
		point,
		admin,
		trainer,
		clerk,
		adminCookie: await sessionCookieFor(admin.id),
		trainerCookie: await sessionCookieFor(trainer.id),
	}
}

function upload(cookie: string, name: string, text: string) {
	const form = new FormData()
	form.set('file', new File([`\uFEFF${text}`], name, { type: 'text/csv' }))
	return importAction(loaderArgs(makeRequest('/people/import', { cookie, form })))
}

function uploadBytes(cookie: string, name: string, bytes: Uint8Array<ArrayBuffer>) {
	const form = new FormData()
	form.set('file', new File([bytes], name))
	return importAction(loaderArgs(makeRequest('/people/import', { cookie, form })))
}

async function xlsx(
	rows: Array<Array<ExcelJS.CellValue>>,
	style?: (sheet: ExcelJS.Worksheet) => void,
) {
	const book = new ExcelJS.Workbook()
	const sheet = book.addWorksheet('人员')
	for (const row of rows) sheet.addRow(row)
	style?.(sheet)
	return new Uint8Array(await book.xlsx.writeBuffer())
}

async function userCount() {
	const [row] = await getDb().select({ n: count() }).from(users)
	return row?.n ?? 0
}

describe('bulk import', () => {
	test('bad rows are all reported with their row numbers and nothing is written', async () => {
		const { adminCookie } = await setup()
		const before = await userCount()
		const { status, value } = await dataOf(() =>
			upload(
				adminCookie,
				'clerks.csv',
				'工号,姓名,站点,班级,角色\nn1,甲,大厅,新员工班,学员\nn2,,大厅,,\nn1,丙,大厅,,\nn4,丁,火星站,,\nn5,戊,大厅,不存在班,\nn6,己,大厅,,经理\n',
			),
		)
		expect(status).toBe(422)
		expect(value.ok).toBe(false)
		if (value.ok) return
		expect(value.errors.map((e) => [e.row, e.code])).toEqual([
			[3, 'required'],
			[4, 'usernameDuplicateInFile'],
			[5, 'unknownSite'],
			[6, 'unknownCohort'],
			[7, 'unknownRole'],
		])
		expect(await userCount()).toBe(before)
	})

	test('a good file creates everyone with a one-time password that must be changed', async () => {
		const { adminCookie } = await setup()
		const { status, value } = await dataOf(() =>
			upload(
				adminCookie,
				'clerks.csv',
				'工号,姓名,站点,班级,角色\nn1,甲,大厅,新员工班,\nn2,乙,point,,培训师\n',
			),
		)
		expect(status).toBe(201)
		expect(value.ok && value.created.map((c) => [c.username, c.role, c.password.length])).toEqual([
			['n1', 'clerk', 10],
			['n2', 'trainer', 10],
		])
		const [event] = await getDb().select().from(auditEvents)
		expect(event?.action).toBe('user.import')
	})

	test('a trainer may import clerks of their own sites only', async () => {
		const { trainerCookie } = await setup()
		const { value } = await dataOf(() =>
			upload(
				trainerCookie,
				'x.csv',
				'工号,姓名,站点,班级,角色\nt1,甲,大厅,,\nt2,乙,社区点,,培训师\n',
			),
		)
		expect(value.ok === false && value.errors.map((e) => e.code)).toEqual([
			'siteOutOfScope',
			'roleNotAllowed',
		])
	})

	test('an unreadable or missing file is a clear 4xx', async () => {
		const { adminCookie } = await setup()
		const binary = new FormData()
		binary.set('file', new File([new Uint8Array([0xff, 0xfe, 0x00, 0xd8])], 'x.csv'))
		const unreadable = await dataOf(() =>
			importAction(
				loaderArgs(makeRequest('/people/import', { cookie: adminCookie, form: binary })),
			),
		)
		expect(unreadable.status).toBe(422)
		expect(unreadable.value.ok === false && unreadable.value.errors[0]?.code).toBe('unreadable')
		const none = await dataOf(() =>
			importAction(
				loaderArgs(makeRequest('/people/import', { cookie: adminCookie, form: new FormData() })),
			),
		)
		expect(none.status).toBe(400)
	})
})

describe('bulk import: spreadsheets read as Excel shows them, within limits', () => {
	test('rich text, a formula and a date are text as shown, not [object Object] or a Date', async () => {
		const { adminCookie } = await setup()
		await makeCohort({ name: '2026-01-02' })
		const bytes = await xlsx(
			[
				['工号', '姓名', '站点', '班级', '角色'],
				[
					{ formula: 'LOWER("X1001")', result: 'x1001' },
					{ richText: [{ text: '王' }, { font: { bold: true }, text: '小明' }] },
					'大厅',
					new Date(Date.UTC(2026, 0, 2)),
					{ formula: '"学"&"员"', result: '学员' },
				],
			],
			(sheet) => {
				sheet.getCell('D2').numFmt = 'yyyy-mm-dd'
			},
		)
		const { status, value } = await dataOf(() => uploadBytes(adminCookie, 'people.xlsx', bytes))
		expect(
			value.ok ? value.created.map((c) => [c.username, c.displayName, c.role]) : value,
		).toEqual([['x1001', '王小明', 'clerk']])
		expect(status).toBe(201)
		const [stored] = await getDb().select().from(users).where(eq(users.username, 'x1001'))
		expect(stored?.cohortId).not.toBeNull()
	})

	test('12,000 rows are refused at row 2,002, where reading stopped', async () => {
		const { adminCookie } = await setup()
		const rows: Array<Array<ExcelJS.CellValue>> = [['工号', '姓名', '站点', '班级', '角色']]
		for (let i = 0; i < 12_000; i++) rows.push([`u${i}`, '名字', '大厅', '', ''])
		const bytes = await xlsx(rows)
		const { status, value } = await dataOf(() => uploadBytes(adminCookie, 'many.xlsx', bytes))
		expect(status).toBe(422)
		expect(value.ok === false && value.errors).toEqual([
			{ row: 2002, column: 'A', code: 'tooManyRows', value: '2000' },
		])
	})

	test('a NUL in an 工号 or a name is a row error, not a database error', async () => {
		const { adminCookie } = await setup()
		const before = await userCount()
		const { status, value } = await dataOf(() =>
			upload(
				adminCookie,
				'nul.csv',
				'工号,姓名,站点,班级,角色\nn\u00001,甲,大厅,,\nn2,乙\u0000,大厅,,\n',
			),
		)
		expect(status).toBe(422)
		expect(value.ok === false && value.errors.map((e) => [e.row, e.code])).toEqual([
			[2, 'usernameFormat'],
			[3, 'controlCharacters'],
		])
		expect(await userCount()).toBe(before)
	})
})

describe('managing people', () => {
	test('a trainer lists and edits only clerks of their sites and cannot create an admin', async () => {
		const { trainerCookie, admin, clerk, point } = await setup()
		const { value } = await dataOf(() =>
			peopleLoader(loaderArgs(makeRequest('/people', { cookie: trainerCookie }))),
		)
		expect(value.rows.map((r) => r.username).sort()).toEqual(['c1', 'coach'])
		const forbidden = await responseOf(() =>
			personLoader(
				loaderArgs(makeRequest(`/people/${admin.id}`, { cookie: trainerCookie }), { id: admin.id }),
			),
		)
		expect(forbidden.status).toBe(403)
		const created = await dataOf(() =>
			newAction(
				loaderArgs(
					makeRequest('/people/new', {
						cookie: trainerCookie,
						form: {
							username: 'x1',
							displayName: '某',
							role: 'admin',
							siteId: String(point.id),
							cohortId: '',
						},
					}),
				),
			),
		)
		expect(created.status).toBe(400)
		expect(created.value.result.error?.role).toEqual(['form.invalid'])
		const ok = await dataOf(() =>
			newAction(
				loaderArgs(
					makeRequest('/people/new', {
						cookie: trainerCookie,
						form: {
							username: 'x2',
							displayName: '某',
							role: 'clerk',
							siteId: String(point.id),
							cohortId: '',
						},
					}),
				),
			),
		)
		expect(ok.status).toBe(201)
		expect(clerk.role).toBe('clerk')
	})

	test('role changes, password resets and deactivations are recorded in the audit trail', async () => {
		const { adminCookie, clerk, point } = await setup()
		const post = (form: Record<string, string>) =>
			personAction(
				loaderArgs(makeRequest(`/people/${clerk.id}`, { cookie: adminCookie, form }), {
					id: clerk.id,
				}),
			)
		await dataOf(() =>
			post({
				intent: 'save',
				displayName: clerk.displayName,
				role: 'trainer',
				siteId: String(point.id),
				cohortId: '',
			}),
		)
		const reset = await dataOf(() => post({ intent: 'reset-password' }))
		expect(reset.value.password).toHaveLength(10)
		await dataOf(() => post({ intent: 'deactivate' }))
		const actions = (await getDb().select().from(auditEvents)).map((e) => e.action).sort()
		expect(actions).toEqual(['user.deactivate', 'user.password_reset', 'user.role', 'user.update'])
		await expect(getDb().delete(auditEvents)).rejects.toThrow()
	})

	test('an admin cannot change their own role or deactivate themselves', async () => {
		const { adminCookie, admin } = await setup()
		const response = await responseOf(() =>
			personAction(
				loaderArgs(
					makeRequest(`/people/${admin.id}`, {
						cookie: adminCookie,
						form: { intent: 'deactivate' },
					}),
					{ id: admin.id },
				),
			),
		)
		expect(response.status).toBe(400)
	})
})
