import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import {
	auditEvents,
	certifications,
	manualRevisions,
	serviceRevisions,
	services,
} from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { standingOn } from '#app/modules/certification/certifications.server.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	loadPublishedCatalog,
	publishManual,
	refreshCatalog,
} from '#app/modules/catalog/published.server.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import { loadOwnAttempt, saveAnswer, submitAttempt } from '#app/modules/quizzes/attempts.server.ts'
import { correctAnswer } from '#app/modules/quizzes/items.ts'
import { recertificationOf, startRecertification } from '#app/modules/quizzes/recert.server.ts'
import { exportPublished } from '#app/modules/catalog/manual-export.server.ts'
import { loadContent } from '#app/modules/content/load.server.ts'
import { type Frontmatter } from '#app/modules/content/schema.ts'
import * as editorRoute from '#app/routes/editor.$code/route.tsx'
import * as importRoute from '#app/routes/editor.import/route.tsx'
import * as personRoute from '#app/routes/people.$id/route.tsx'
import { loader as boardLoader } from '#app/routes/board._index/route.tsx'
import { loader as boardPersonLoader } from '#app/routes/board.people.$id/route.tsx'
import { describeAuditDetails } from '#app/modules/audit/describe.ts'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { certify } from '#tests/utils/answers.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'
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
const editor = { id: 'editor-1', displayName: '王编辑' }

beforeEach(async () => {
	root = await copyFixtureContent()
	catalog = await loadPublishedCatalog({ root, cacheDir: `${root}/.cache`, concurrency: 1 })
	await syncCatalog(catalog)
})

async function clerk(): Promise<SessionUser> {
	const site = await makeSite({ kind: 'hall' })
	const user = await makeUser({ siteId: site.id })
	return { ...user, role: 'clerk' }
}

function edited(code: string, change: (f: Record<string, unknown>) => Record<string, unknown>) {
	const service = getCatalog().services.get(code)
	if (!service) throw new Error(code)
	return { code, frontmatter: change({ ...service.frontmatter }), body: service.body }
}

describe('publishing the manual', () => {
	test('a publish writes an immutable revision that the catalog serves, with who, when and why', async () => {
		const before = catalog.services.get('XY-SY-001')
		const result = await publishManual({
			actor: editor,
			reason: '省厅通知：增加失业登记表',
			entries: [
				edited('XY-SY-001', (f) => ({
					...f,
					materials: [...(f.materials as Array<unknown>), { name: '失业登记表', form: '表格' }],
				})),
			],
		})
		expect(result.ok).toBe(true)
		if (!result.ok) return
		expect(result.changes[0]?.changes).toEqual(['材料新增：失业登记表（表格）'])
		const after = getCatalog().services.get('XY-SY-001')
		expect(after?.revision).not.toBe(before?.revision)
		expect(after?.html).toContain('失业登记表')
		const [row] = await getDb().select().from(manualRevisions)
		expect(row).toMatchObject({
			serviceCode: 'XY-SY-001',
			reason: '省厅通知：增加失业登记表',
			publishedByName: '王编辑',
		})
		const [service] = await getDb().select().from(services).where(eq(services.code, 'XY-SY-001'))
		expect(service?.currentRevision).toBe(after?.revision)
		const history = await getDb()
			.select()
			.from(serviceRevisions)
			.where(eq(serviceRevisions.serviceCode, 'XY-SY-001'))
		expect(history.map((h) => h.revision)).toContain(after?.revision)
		await expect(getDb().delete(manualRevisions)).rejects.toThrow()
	})

	test('a change that breaks a content rule is refused in Chinese, naming the rule and the field, and changes nothing', async () => {
		const result = await publishManual({
			actor: editor,
			reason: '试一下',
			entries: [edited('XY-SY-001', (f) => ({ ...f, mode: '承诺', promiseDays: null }))],
		})
		expect(result.ok).toBe(false)
		if (result.ok) return
		expect(result.problems.map((p) => p.message)).toEqual([
			expect.stringMatching(/^承诺时限：不符合规则「承诺件须有承诺时限」/),
		])
		const body = await publishManual({
			actor: editor,
			reason: '试一下',
			entries: [{ ...edited('XY-SY-001', (f) => f), body: '\n## 事项概述\n\n<NoSuchThing />\n' }],
		})
		expect(body.ok).toBe(false)
		if (!body.ok) expect(body.problems.map((p) => p.field)).toContain('body')
		expect(await getDb().select().from(manualRevisions)).toHaveLength(0)
	})

	test('another app server picks the publish up when it refreshes', async () => {
		const revision = catalog.services.get('XY-SY-002')?.revision
		await publishManual({
			actor: editor,
			reason: '时限调整',
			entries: [
				edited('XY-SY-002', (f) => ({
					...f,
					pitfalls: [...(f.pitfalls as Array<string>), '新增易错点：核对离职日期'],
				})),
			],
		})
		// A second server: loads the baseline plus what is published.
		const other = await loadPublishedCatalog({ root, cacheDir: `${root}/.cache`, concurrency: 1 })
		expect(other.services.get('XY-SY-002')?.revision).not.toBe(revision)
		expect(await refreshCatalog()).toBe(false)
	})
})

describe('micro-recertification', () => {
	test('a clerk certified before a small change takes a short quiz on the changed fields and keeps the certification on the new revision', async () => {
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		const [earned] = await getDb().select().from(certifications)
		await publishManual({
			actor: editor,
			reason: '增加材料，明确法定时限',
			entries: [
				edited('XY-SY-001', (f) => ({
					...f,
					materials: [...(f.materials as Array<unknown>), { name: '失业登记表', form: '表格' }],
					legalDays: { value: 15, unit: '工作日' },
				})),
			],
		})
		const plan = await recertificationOf(user.id, 'XY-SY-001')
		expect(plan?.changeCount).toBe(2)
		expect(plan?.full).toBeNull()
		const attempt = await startRecertification(user, 'XY-SY-001')
		const { items } = await loadOwnAttempt(attempt.id, user, 's')
		expect(items.length).toBeGreaterThanOrEqual(3)
		expect(items.length).toBeLessThanOrEqual(5)
		const changedFieldItems = new Set(plan?.candidates.map((i) => i.id))
		expect(items.every((i) => changedFieldItems.has(i.id))).toBe(true)
		expect(
			plan?.candidates.every((i) => i.fields?.some((f) => f === 'materials' || f === 'legalDays')),
		).toBe(true)
		for (const item of items)
			await saveAnswer({
				attemptId: attempt.id,
				user,
				sessionId: 's',
				itemId: item.id,
				answer: correctAnswer(item),
			})
		expect((await submitAttempt(attempt.id, user, 's')).passed).toBe(true)
		const standing = await standingOn(user.id, 'XY-SY-001')
		expect(standing?.status).toBe('valid')
		expect(standing?.certification?.revision).toBe(getCatalog().services.get('XY-SY-001')?.revision)
		expect(standing?.certification?.expiresAt.getTime()).toBe(earned?.expiresAt.getTime())
	})

	test("the trainer's board and person page say 需重新认证（变更 N 项） after a small change", async () => {
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		const trainer = await makeUser({ role: 'trainer', siteId: user.siteId })
		const cookie = await sessionCookieFor(trainer.id)
		await publishManual({
			actor: editor,
			reason: '增加材料，明确法定时限',
			entries: [
				edited('XY-SY-001', (f) => ({
					...f,
					materials: [...(f.materials as Array<unknown>), { name: '失业登记表', form: '表格' }],
					legalDays: { value: 15, unit: '工作日' },
				})),
			],
		})
		// The same count 我的认证 and the short quiz use.
		expect((await recertificationOf(user.id, 'XY-SY-001'))?.changeCount).toBe(2)
		const person = await dataOf(() =>
			boardPersonLoader(
				loaderArgs(makeRequest(`/board/people/${user.id}`, { cookie }), { id: user.id }),
			),
		)
		expect(person.value.services.find((s) => s.code === 'XY-SY-001')).toMatchObject({
			status: 'outdated',
			changeCount: 2,
		})
		expect(person.value.services.filter((s) => s.changeCount > 0)).toHaveLength(1)
		const board = await dataOf(() => boardLoader(loaderArgs(makeRequest('/board', { cookie }))))
		expect(board.value.rows.find((r) => r.id === user.id)).toMatchObject({
			outdated: 1,
			outdatedChanges: 2,
		})
	})

	test('a change to eligibility asks for the full quiz', async () => {
		const user = await clerk()
		await certify(user, 'XY-SY-001', catalog)
		await publishManual({
			actor: editor,
			reason: '条件调整',
			entries: [
				edited('XY-SY-001', (f) => ({
					...f,
					eligibility: `${String(f.eligibility)}（新增：须本人到场）`,
				})),
			],
		})
		const plan = await recertificationOf(user.id, 'XY-SY-001')
		expect(plan?.full).toBe('key-field')
		await expect(startRecertification(user, 'XY-SY-001')).rejects.toThrow()
	})
})

describe('manual:export', () => {
	test('writes the published manual back to content/ files that load to the same revision', async () => {
		await publishManual({
			actor: editor,
			reason: '增加材料',
			entries: [
				edited('XY-SY-001', (f) => ({
					...f,
					materials: [...(f.materials as Array<unknown>), { name: '失业登记表', form: '表格' }],
				})),
			],
		})
		const revision = getCatalog().services.get('XY-SY-001')?.revision
		const { written } = await exportPublished(root)
		expect(written).toEqual(['XY-SY-001'])
		const fromFiles = await loadContent(root)
		expect(fromFiles.services.find((s) => s.code === 'XY-SY-001')?.revision).toBe(revision)
		expect((await exportPublished(root)).written).toEqual([])
	})
})

describe('uploading a 办事指南 spreadsheet', () => {
	const header =
		'事项编码,事项名称,所属分类,子分类,事项类型,责任单位,办件类型,法定办结时限,承诺办结时限,受理条件,申请材料,办理流程,设定依据,常见问题,是否网办'

	function csvRow(f: Frontmatter, materials: string) {
		return [
			f.code,
			f.name,
			f.category,
			f.subcategory,
			f.type,
			f.backOffice,
			f.mode,
			f.legalDays ? `${f.legalDays.value}个${f.legalDays.unit}` : '',
			f.promiseDays ? `${f.promiseDays}个工作日` : '',
			f.eligibility,
			materials,
			f.steps.join('\n'),
			f.basis.join('\n'),
			f.pitfalls.join('\n'),
			f.onlineAvailable ? '是' : '否',
		]
			.map((v) => `"${v.replace(/"/g, '""')}"`)
			.join(',')
	}

	test('a GBK CSV shows the diff of every changed service, then publishes them with one reason', async () => {
		const admin = await makeUser({ siteId: (await makeSite({ kind: 'hall' })).id, role: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		const f = getCatalog().services.get('XY-SY-001')?.frontmatter
		if (!f) throw new Error('fixture')
		const materials = [
			...f.materials.map((m) => `${m.name}（${m.form}${m.note ? `，${m.note}` : ''}）`),
			'失业登记表（表格）',
		].join('；')
		const text = `${header}\n${csvRow(f, materials)}\n`
		const gbk = new Uint8Array(iconvGbk(text))
		const form = new FormData()
		form.append('file', new File([gbk], '办事指南.csv', { type: 'text/csv' }))
		const reviewed = await dataOf(() =>
			importRoute.action(loaderArgs(makeRequest('/editor/import', { cookie, form }))),
		)
		expect(reviewed.value.problems).toEqual([])
		expect(reviewed.value.changes.map((c) => [c.code, c.changes])).toEqual([
			['XY-SY-001', ['材料新增：失业登记表（表格）']],
		])
		expect(await getDb().select().from(manualRevisions)).toHaveLength(0)

		const published = await responseOf(() =>
			importRoute.action(
				loaderArgs(
					makeRequest('/editor/import', {
						cookie,
						form: {
							intent: 'publish',
							reason: '2026 版办事指南',
							staged: reviewed.value.staged ?? '',
						},
					}),
				),
			),
		)
		expect(published.status).toBe(302)
		const rows = await getDb().select().from(manualRevisions)
		expect(rows.map((r) => [r.serviceCode, r.reason])).toEqual([['XY-SY-001', '2026 版办事指南']])
	})

	test('a clerk may not publish', async () => {
		const clerkUser = await clerk()
		const cookie = await sessionCookieFor(clerkUser.id)
		const response = await responseOf(() =>
			importRoute.loader(loaderArgs(makeRequest('/editor/import', { cookie }))),
		)
		expect(response.status).toBe(403)
	})
})

/** GBK bytes for the test's text (Node has no GBK encoder): from a GB18030 round trip table. */
function iconvGbk(text: string): Array<number> {
	const decoder = new TextDecoder('gb18030')
	const table = new Map<string, Array<number>>()
	for (let hi = 0x81; hi <= 0xfe; hi++)
		for (let lo = 0x40; lo <= 0xfe; lo++) {
			if (lo === 0x7f) continue
			const ch = decoder.decode(new Uint8Array([hi, lo]))
			if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
		}
	return [...text].flatMap((ch) => {
		const code = ch.codePointAt(0) ?? 0
		if (code < 0x80) return [code]
		const bytes = table.get(ch)
		if (!bytes) throw new Error(`no GBK for ${ch}`)
		return bytes
	})
}

describe('the editing right', () => {
	test('a trainer may edit only once an admin grants it, and the grant is audited', async () => {
		const site = await makeSite({ kind: 'hall' })
		const admin = await makeUser({ siteId: site.id, role: 'admin' })
		const trainer = await makeUser({ siteId: site.id, role: 'trainer' })
		const trainerCookie = await sessionCookieFor(trainer.id)
		const open = () =>
			responseOf(() =>
				editorRoute.loader(
					loaderArgs(makeRequest('/editor/XY-SY-001', { cookie: trainerCookie }), {
						code: 'XY-SY-001',
					}),
				),
			)
		expect((await open()).status).toBe(403)
		const adminCookie = await sessionCookieFor(admin.id)
		await personRoute.action(
			loaderArgs(
				makeRequest(`/people/${trainer.id}`, {
					cookie: adminCookie,
					form: { intent: 'editor-right', granted: 'yes' },
				}),
				{ id: trainer.id },
			),
		)
		const loaded = await dataOf(() =>
			editorRoute.loader(
				loaderArgs(makeRequest('/editor/XY-SY-001', { cookie: trainerCookie }), {
					code: 'XY-SY-001',
				}),
			),
		)
		expect(loaded.value.code).toBe('XY-SY-001')
		const events = await getDb().select().from(auditEvents)
		expect(events.map((e) => describeAuditDetails(e.action, e.details))).toContainEqual([
			`授予 ${trainer.username} 手册编辑权限`,
		])
	})
})

describe('a broken spreadsheet', () => {
	test('is refused in Chinese with the row and column, and nothing is published', async () => {
		const admin = await makeUser({ siteId: (await makeSite({ kind: 'hall' })).id, role: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		const form = new FormData()
		form.append(
			'file',
			new File(['事项编码,事项名称\nXY-SY-001,失业保险金申领\n'], 'guide.csv', {
				type: 'text/csv',
			}),
		)
		const reviewed = await dataOf(() =>
			importRoute.action(loaderArgs(makeRequest('/editor/import', { cookie, form }))),
		)
		expect(reviewed.status).toBe(400)
		expect(reviewed.value.problems[0]?.message).toMatch(/^表头缺少必需的列/)
		expect(await getDb().select().from(manualRevisions)).toHaveLength(0)
	})
})
