import ExcelJS from 'exceljs'
import { beforeEach, describe, expect, test } from 'vitest'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import {
	certificateHolds,
	findCertificate,
	issueCertificate,
} from '#app/modules/certification/certificates.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	loadOwnAttempt,
	saveAnswer,
	startExamAttempt,
	submitAttempt,
} from '#app/modules/quizzes/attempts.server.ts'
import { correctAnswer } from '#app/modules/quizzes/items.ts'
import { loader as alertsLoader } from '#app/routes/board.alerts/route.tsx'
import { loader as exportLoader } from '#app/routes/board.export/route.tsx'
import { loader as itemsLoader } from '#app/routes/board.items/route.tsx'
import { loader as personLoader } from '#app/routes/board.people.$id/route.tsx'
import { loader as serviceLoader } from '#app/routes/board.services.$code/route.tsx'
import { loader as boardLoader } from '#app/routes/board._index/route.tsx'
import { loader as verifyLoader } from '#app/routes/verify.$code/route.tsx'
import { makeSite, makeUser, offerServices } from '#tests/factories/people.ts'
import { copyFixtureContent, editService, loadTestCatalog } from '#tests/utils/content.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { certify } from '#tests/utils/answers.ts'
import {
	dataOf,
	loaderArgs,
	makeRequest,
	responseOf,
	sessionCookieFor,
} from '#tests/utils/requests.ts'

setupTestDatabase()

let root: string
let catalog: Catalog
let world: Awaited<ReturnType<typeof makeWorld>>

async function makeWorld() {
	const hall = await makeSite({ name: '大厅', kind: 'hall' })
	const point = await makeSite({ name: '社区点', kind: 'point' })
	await offerServices(point.id, ['XY-SBK-004', 'XY-SBK-005'])
	const trainerA = await makeUser({ username: 'trainer-a', role: 'trainer', siteId: hall.id })
	const trainerB = await makeUser({ username: 'trainer-b', role: 'trainer', siteId: point.id })
	const admin = await makeUser({ username: 'boss', role: 'admin', siteId: hall.id })
	const hallClerk = await makeUser({
		username: 'hall-clerk',
		displayName: '大厅学员',
		siteId: hall.id,
	})
	const pointClerk = await makeUser({
		username: 'point-clerk',
		displayName: '社区学员',
		siteId: point.id,
	})
	const asSession = (u: typeof hallClerk): SessionUser => ({ ...u, role: u.role })
	// The point clerk is ready: both of the point's services and the exam.
	for (const code of ['XY-SBK-004', 'XY-SBK-005'])
		await certify(asSession(pointClerk), code, catalog)
	const exam = await startExamAttempt(asSession(pointClerk), 'sx', catalog)
	const { items } = await loadOwnAttempt(exam.id, pointClerk, 'sx')
	for (const item of items)
		await saveAnswer({
			attemptId: exam.id,
			user: pointClerk,
			sessionId: 'sx',
			itemId: item.id,
			answer: correctAnswer(item),
		})
	await submitAttempt(exam.id, pointClerk, 'sx')
	await certify(asSession(hallClerk), 'XY-SY-001', catalog)
	const cookies = {
		trainerA: await sessionCookieFor(trainerA.id),
		trainerB: await sessionCookieFor(trainerB.id),
		admin: await sessionCookieFor(admin.id),
		clerk: await sessionCookieFor(hallClerk.id),
	}
	return { hall, point, trainerA, admin, hallClerk, pointClerk, cookies }
}

beforeEach(async () => {
	root = await copyFixtureContent()
	catalog = await loadTestCatalog(root)
	world = await makeWorld()
})

const board = (cookie: string, query = '') =>
	dataOf(() => boardLoader(loaderArgs(makeRequest(`/board${query}`, { cookie }))))

describe('permissions', () => {
	test('a trainer sees their own site only; an admin sees all', async () => {
		expect((await board(world.cookies.trainerA)).value.rows.map((r) => r.username)).toEqual([
			'hall-clerk',
		])
		expect((await board(world.cookies.trainerB)).value.rows.map((r) => r.username)).toEqual([
			'point-clerk',
		])
		expect((await board(world.cookies.admin)).value.rows.map((r) => r.username).sort()).toEqual([
			'hall-clerk',
			'point-clerk',
		])
		const other = await responseOf(() =>
			personLoader(
				loaderArgs(
					makeRequest(`/board/people/${world.pointClerk.id}`, { cookie: world.cookies.trainerA }),
					{ id: world.pointClerk.id },
				),
			),
		)
		expect(other.status).toBe(403)
		const { value } = await dataOf(() =>
			serviceLoader(
				loaderArgs(makeRequest('/board/services/XY-SBK-004', { cookie: world.cookies.trainerA }), {
					code: 'XY-SBK-004',
				}),
			),
		)
		expect(value.people.map((p) => p.username)).toEqual(['hall-clerk'])
	})

	test('a clerk sees nothing of the board, its drill-downs, alerts, item analysis or exports', async () => {
		const cookie = world.cookies.clerk
		const calls = [
			() => boardLoader(loaderArgs(makeRequest('/board', { cookie }))),
			() =>
				personLoader(
					loaderArgs(makeRequest(`/board/people/${world.hallClerk.id}`, { cookie }), {
						id: world.hallClerk.id,
					}),
				),
			() =>
				serviceLoader(
					loaderArgs(makeRequest('/board/services/XY-SY-001', { cookie }), { code: 'XY-SY-001' }),
				),
			() => alertsLoader(loaderArgs(makeRequest('/board/alerts', { cookie }))),
			() => itemsLoader(loaderArgs(makeRequest('/board/items', { cookie }))),
			() =>
				exportLoader(
					loaderArgs(makeRequest('/board/export?what=certifications&format=csv', { cookie })),
				),
		]
		for (const call of calls) expect((await responseOf(call)).status).toBe(403)
	})

	test("exports hold the trainer's own sites only", async () => {
		const response = await exportLoader(
			loaderArgs(
				makeRequest('/board/export?what=certifications&format=csv', {
					cookie: world.cookies.trainerA,
				}),
			),
		)
		const bytes = new Uint8Array(await response.arrayBuffer())
		// UTF-8 with a BOM, so Excel opens the Chinese correctly.
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const text = new TextDecoder().decode(bytes)
		expect(text.startsWith('工号,姓名,站点')).toBe(true)
		expect(text).toContain('hall-clerk')
		expect(text).not.toContain('point-clerk')
	})
})

describe('the board', () => {
	test('shows readiness per person with the gate, status filters and totals per site', async () => {
		const { value } = await board(world.cookies.admin)
		const point = value.rows.find((r) => r.username === 'point-clerk')
		expect(point?.status).toBe('ready')
		expect(point?.certified).toBe(2)
		expect(point?.required).toBe(2)
		const hall = value.rows.find((r) => r.username === 'hall-clerk')
		expect(hall).toMatchObject({ status: 'almost', certified: 1, required: catalog.ordered.length })
		const unemployment = value.categories.indexOf('社会保险')
		expect(hall?.cells[unemployment]).toMatchObject({ certified: 1, required: 2 })
		expect(value.siteTotals.find((s) => s.name === '社区点')).toMatchObject({ people: 1, ready: 1 })
		expect(
			(await board(world.cookies.admin, '?status=ready')).value.rows.map((r) => r.username),
		).toEqual(['point-clerk'])
	})

	test('the comprehensive exam reads 未参加 for who never sat it and 未通过 for who failed it', async () => {
		const person = (id: string) =>
			dataOf(() =>
				personLoader(
					loaderArgs(makeRequest(`/board/people/${id}`, { cookie: world.cookies.admin }), { id }),
				),
			)
		const examOf = async (username: string) =>
			(await board(world.cookies.admin)).value.rows.find((r) => r.username === username)?.exam
		expect(await examOf('point-clerk')).toBe('valid')
		expect(await examOf('hall-clerk')).toBe('absent')
		expect((await person(world.hallClerk.id)).value.readiness.examOutcome).toBe('absent')
		// The hall clerk sits the exam and hands it in blank: failed, no longer "not taken".
		const hallClerk: SessionUser = { ...world.hallClerk, role: 'clerk' }
		const exam = await startExamAttempt(hallClerk, 'sh', catalog)
		expect((await submitAttempt(exam.id, hallClerk, 'sh')).passed).toBe(false)
		expect(await examOf('hall-clerk')).toBe('failed')
		expect((await person(world.hallClerk.id)).value.readiness.examOutcome).toBe('failed')
		expect((await person(world.pointClerk.id)).value.readiness.examOutcome).toBe('valid')
	})

	test('a revision change makes people outdated and the alert names what changed', async () => {
		await editService(root, 'XY-SBK-004', (f) => ({
			...f,
			materials: [...f.materials, { name: '挂失申请表', form: '表格' }],
		}))
		catalog = await loadTestCatalog(root)
		const { value } = await board(world.cookies.admin)
		expect(value.rows.find((r) => r.username === 'point-clerk')?.status).toBe('outdated')
		const alerts = await dataOf(() =>
			alertsLoader(
				loaderArgs(makeRequest('/board/alerts?kind=outdated', { cookie: world.cookies.admin })),
			),
		)
		expect(alerts.value.rows).toEqual([
			expect.objectContaining({
				username: 'point-clerk',
				serviceCode: 'XY-SBK-004',
				detail: '材料新增：挂失申请表（表格）',
			}),
		])
	})

	test('the XLSX export opens and matches the board', async () => {
		const response = await exportLoader(
			loaderArgs(
				makeRequest('/board/export?what=board&format=xlsx', { cookie: world.cookies.admin }),
			),
		)
		expect(response.headers.get('Content-Type')).toContain('spreadsheetml')
		expect(response.headers.get('Content-Disposition')).toContain(
			"filename*=UTF-8''%E5%B0%B1%E7%BB%AA%E7%9C%8B%E6%9D%BF",
		)
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(await response.arrayBuffer())
		const sheet = workbook.worksheets[0]
		const rows: Array<Array<string>> = []
		sheet?.eachRow((row) => rows.push((row.values as Array<unknown>).slice(1).map(String)))
		expect(rows[0]?.slice(0, 5)).toEqual(['工号', '姓名', '站点', '班级', '状态'])
		const { value } = await board(world.cookies.admin)
		expect(rows.slice(1).map((r) => [r[0], r[4], r[5], r[6]])).toEqual(
			value.rows.map((r) => [
				r.username,
				{ ready: '可上综合窗口', almost: '接近就绪', outdated: '有需重新认证', progress: '学习中' }[
					r.status
				],
				String(r.certified),
				String(r.required),
			]),
		)
	})
})

describe('certificates', () => {
	test('the public verification page shows name, site, status and dates and nothing else', async () => {
		const code = await issueCertificate(
			world.pointClerk.id,
			'readiness',
			{ ...world.admin, role: 'admin' },
			catalog,
		)
		const { value } = await dataOf(() =>
			verifyLoader(loaderArgs(makeRequest(`/verify/${code}`), { code })),
		)
		expect(Object.keys(value).sort()).toEqual([
			'code',
			'found',
			'holds',
			'issuedAt',
			'kind',
			'name',
			'site',
			'validUntil',
		])
		expect(value).toMatchObject({ found: true, name: '社区学员', site: '社区点', holds: true })
		const unknown = await dataOf(() =>
			verifyLoader(loaderArgs(makeRequest('/verify/AAAA-BBBB-CCCC'), { code: 'AAAA-BBBB-CCCC' })),
		)
		expect(unknown.value.found).toBe(false)
	})

	test('a readiness certificate cannot be issued to someone not ready, and lapses when readiness is lost', async () => {
		await expect(
			issueCertificate(world.hallClerk.id, 'readiness', { ...world.admin, role: 'admin' }, catalog),
		).rejects.toThrow('not ready')
		const code = await issueCertificate(
			world.pointClerk.id,
			'readiness',
			{ ...world.admin, role: 'admin' },
			catalog,
		)
		await editService(root, 'XY-SBK-005', (f) => ({ ...f, steps: [...f.steps, '回访确认'] }))
		catalog = await loadTestCatalog(root)
		const certificate = await findCertificate(code)
		if (!certificate) throw new Error('certificate stored')
		expect(await certificateHolds(certificate, catalog)).toBe(false)
	})
})
