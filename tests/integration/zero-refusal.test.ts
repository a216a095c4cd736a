import { beforeEach, describe, expect, test } from 'vitest'
import { zeroRefusalCases } from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { loadPublishedCatalog, setOverlaySources } from '#app/modules/catalog/published.server.ts'
import { syncCatalog } from '#app/modules/content/sync.server.ts'
import {
	personalDataIn,
	publishStandard,
	recordCase,
	registerCounts,
	standardScenarios,
	standardsVersion,
	triageCase,
} from '#app/modules/zero-refusal/register.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'

setupTestDatabase()

beforeEach(async () => {
	const root = await copyFixtureContent()
	setOverlaySources({ scenarios: { version: standardsVersion, load: standardScenarios } })
	await syncCatalog(
		await loadPublishedCatalog({ root, cacheDir: `${root}/.cache`, concurrency: 1 }),
	)
})

async function person(role: SessionUser['role']): Promise<SessionUser> {
	const site = await makeSite({ kind: 'hall' })
	return { ...(await makeUser({ siteId: site.id, role })), role }
}

const scenario = `title: 档案丢失的失业人员申领失业保险金
services: [XY-SY-001]
units: [失业保险管理局]
citizen: 一位 45 岁的失业人员，原单位已注销
story: 他的解除劳动关系证明随单位注销找不到了。
documents:
  - 居民身份证（原件）
decisions:
  - id: first
    section: intake
    prompt: 没有解除劳动关系证明，你怎么做？
    options:
      - id: a
        action: refuse
        text: 不予受理
        feedback: 错误。按处理标准，用参保缴费记录核验。
        next: sent-away
      - id: b
        action: accept
        correct: true
        text: 按处理标准，以系统参保停缴记录和单位注销信息代替证明
        feedback: 正确。
  - id: second
    section: materials
    prompt: 受理时还要他提供什么？
    options:
      - id: a
        action: request
        correct: true
        text: 只要身份证件，其余由系统核验
        feedback: 正确。
      - id: b
        action: request
        text: 要他去原单位主管部门开证明
        feedback: 错误。能共享核验的不让群众跑。
  - id: third
    section: steps
    prompt: 受理后告诉他什么？
    options:
      - id: a
        action: inform
        correct: true
        text: 告知核定结果和发放时间
        feedback: 正确。
      - id: b
        action: inform
        text: 告知回家等电话
        feedback: 错误。要告知时限。
  - id: sent-away
    branch: true
    section: lookalikes
    prompt: 他第二天又来了，怎么办？
    options:
      - id: a
        action: accept
        correct: true
        text: 按处理标准受理
        feedback: 正确。
      - id: b
        action: inform
        text: 让他去找原单位
        feedback: 错误。单位已注销。
outcome: 当天受理，次月领到失业保险金。
`

describe('零拒绝 register', () => {
	test('refuses an ID number or a phone number, storing nothing', async () => {
		expect(personalDataIn('身份证 110101199003071234 的张三')).toEqual(['身份证号码'])
		expect(personalDataIn('电话 13912345678')).toEqual(['手机号码'])
		const clerk = await person('clerk')
		const result = await recordCase(clerk, {
			question: '群众 13912345678 问档案丢失怎么领失业金',
			services: ['XY-SY-001'],
			lacking: '解除劳动关系证明',
			closedOnSpot: false,
		})
		expect(result.ok).toBe(false)
		if (!result.ok) expect(result.problems[0]?.message).toContain('手机号码')
		expect(await getDb().select().from(zeroRefusalCases)).toHaveLength(0)
	})

	test('a case becomes a work order and a standard whose scenario joins the service pool', async () => {
		const clerk = await person('clerk')
		const trainer = await person('admin')
		const recorded = await recordCase(clerk, {
			question: '单位已注销，找不到解除劳动关系证明，能否申领失业保险金',
			services: ['XY-SY-001'],
			lacking: '解除劳动关系证明',
			closedOnSpot: false,
		})
		if (!recorded.ok) throw new Error('not recorded')
		await recordCase(clerk, {
			question: '当场解决的咨询',
			services: ['XY-SY-001'],
			lacking: '无',
			closedOnSpot: true,
		})
		expect(await triageCase(trainer, recorded.id, '交失业保险管理局会商')).toBe(true)
		const broken = await publishStandard(trainer, recorded.id, {
			title: '单位注销无离职证明',
			standard: '以系统参保停缴记录和市场监管注销信息代替解除劳动关系证明。',
			scenarioYaml: scenario.replace('units: [失业保险管理局]', 'units: [不存在的单位]'),
		})
		expect(broken.ok).toBe(false)
		if (!broken.ok)
			expect(broken.problems).toEqual(['情景：后台单位「不存在的单位」不在 units.yml 中'])
		const published = await publishStandard(trainer, recorded.id, {
			title: '单位注销无离职证明',
			standard: '以系统参保停缴记录和市场监管注销信息代替解除劳动关系证明。',
			scenarioYaml: scenario,
		})
		expect(published.ok).toBe(true)
		if (!published.ok) return
		const pool = getCatalog().bank.byService.get('XY-SY-001') ?? []
		expect(pool).toContain(`zr.${published.standardId}`)
		expect(await registerCounts(trainer)).toEqual({
			requests: 2,
			workOrders: 1,
			closedOnSpot: 1,
			standards: 1,
		})
	})
})
