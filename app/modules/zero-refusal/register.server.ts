// 零拒绝 register: a clerk records a case (no citizen's name, ID number or contact), the
// 政务服务科 makes it a work order and resolves it with a 处理标准, which publishes a scenario
// (the schema of content/cases) into every app server's item bank.
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { zeroRefusalCases, zeroRefusalStandards } from '#drizzle/schema/index.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { parseYamlWith } from '#app/modules/content/lesson-file.ts'
import { refreshCatalog } from '#app/modules/catalog/published.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import { scenarioSchema, type Scenario } from '#app/modules/quizzes/content-schema.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'

/** Personal data that must never be stored: an ID number, a mobile or landline number, an e-mail. */
const personalData: Array<{ pattern: RegExp; what: string }> = [
	{ pattern: /(?<![0-9])\d{17}[0-9Xx](?![0-9])|(?<![0-9])\d{15}(?![0-9])/, what: '身份证号码' },
	{ pattern: /(?<![0-9])1[3-9]\d{9}(?![0-9])/, what: '手机号码' },
	{ pattern: /(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])/, what: '固定电话' },
	{ pattern: /[\w.+-]+@[\w-]+\.[\w.]+/, what: '电子邮箱' },
]

export function personalDataIn(text: string): Array<string> {
	const normalised = text.normalize('NFKC').replace(/[\s-]/g, (c) => (c === '-' ? '-' : ''))
	return personalData.filter((p) => p.pattern.test(normalised)).map((p) => p.what)
}

const codeList = z
	.array(
		z
			.string()
			.trim()
			.regex(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/),
	)
	.min(1)
	.max(10)

export const caseInputSchema = z.object({
	question: z.string().trim().min(4).max(1000),
	services: codeList,
	lacking: z.string().trim().min(2).max(1000),
	closedOnSpot: z.boolean(),
})
export type CaseInput = z.infer<typeof caseInputSchema>

export type RegisterProblem = { field: string; message: string }

export async function recordCase(
	user: SessionUser,
	input: CaseInput,
): Promise<{ ok: true; id: number } | { ok: false; problems: Array<RegisterProblem> }> {
	const problems: Array<RegisterProblem> = []
	for (const [field, label, text] of [
		['question', '群众诉求', input.question],
		['lacking', '缺少的材料或条件', input.lacking],
	] as const) {
		const found = personalDataIn(text)
		if (found.length > 0)
			problems.push({
				field,
				message: `${label}：不能填写群众的${found.join('、')}等个人信息，请删去后再提交`,
			})
	}
	const catalog = getCatalog()
	const unknown = input.services.filter((code) => !catalog.services.has(code))
	if (unknown.length > 0)
		problems.push({
			field: 'services',
			message: `涉及事项：${unknown.join('、')} 不是手册中的事项`,
		})
	if (problems.length > 0) return { ok: false, problems }
	const id = await getDb().transaction(async (tx) => {
		const [row] = await tx
			.insert(zeroRefusalCases)
			.values({
				siteId: user.siteId,
				reportedBy: user.id,
				question: input.question,
				services: input.services,
				lacking: input.lacking,
				closedOnSpot: input.closedOnSpot,
				status: input.closedOnSpot ? 'closed' : 'registered',
			})
			.returning({ id: zeroRefusalCases.id })
		if (!row) throw new Error('case not recorded')
		await recordAudit(
			{
				actor: { id: user.id, displayName: user.displayName },
				action: 'zero_refusal.case',
				targetType: 'zero_refusal',
				targetId: String(row.id),
				siteId: user.siteId,
				details: { services: input.services, closedOnSpot: input.closedOnSpot },
			},
			tx,
		)
		return row.id
	})
	return { ok: true, id }
}

/** Whether this person works the register (the 政务服务科: trainers and admins). */
export function triages(user: Pick<SessionUser, 'role'>): boolean {
	return user.role === 'trainer' || user.role === 'admin'
}

async function visibleSites(user: SessionUser): Promise<Array<number> | null> {
	if (!triages(user)) return [user.siteId]
	return managedSiteIds(user)
}

/** Cases this person may see: their own site's as a clerk, the sites they manage otherwise. */
export async function listCases(user: SessionUser, limit = 100) {
	const sites = await visibleSites(user)
	return getDb()
		.select()
		.from(zeroRefusalCases)
		.where(
			and(
				sites ? inArray(zeroRefusalCases.siteId, sites) : undefined,
				triages(user) ? undefined : eq(zeroRefusalCases.reportedBy, user.id),
			),
		)
		.orderBy(desc(zeroRefusalCases.id))
		.limit(limit)
}

export async function findCase(user: SessionUser, id: number) {
	const sites = await visibleSites(user)
	const [row] = await getDb().select().from(zeroRefusalCases).where(eq(zeroRefusalCases.id, id))
	if (!row) return null
	if (sites && !sites.includes(row.siteId)) return null
	if (!triages(user) && row.reportedBy !== user.id) return null
	const standard = row.standardId
		? ((
				await getDb()
					.select()
					.from(zeroRefusalStandards)
					.where(eq(zeroRefusalStandards.id, row.standardId))
			)[0] ?? null)
		: null
	return { ...row, services: z.array(z.string()).catch([]).parse(row.services), standard }
}

/** The counts the hall reports: requests, work orders, closed on the spot, standards published. */
export async function registerCounts(user: SessionUser) {
	const sites = await visibleSites(user)
	const scope = sites
		? sql`where site_id in (${sql.join(
				sites.map((s) => sql`${s}`),
				sql`, `,
			)})`
		: sql``
	const [row] = await queryRows<{
		requests: string
		orders: string
		on_spot: string
		standards: string
	}>(sql`
		select count(*) as requests,
			count(*) filter (where triaged_at is not null) as orders,
			count(*) filter (where closed_on_spot) as on_spot,
			count(*) filter (where standard_id is not null) as standards
		from zero_refusal_cases ${scope}`)
	return {
		requests: Number(row?.requests ?? 0),
		workOrders: Number(row?.orders ?? 0),
		closedOnSpot: Number(row?.on_spot ?? 0),
		standards: Number(row?.standards ?? 0),
	}
}

export async function triageCase(actor: SessionUser, id: number, note: string): Promise<boolean> {
	const found = await findCase(actor, id)
	if (!found || !triages(actor) || found.status !== 'registered') return false
	await getDb().transaction(async (tx) => {
		await tx
			.update(zeroRefusalCases)
			.set({ status: 'work_order', triagedBy: actor.id, triagedAt: new Date(), triageNote: note })
			.where(and(eq(zeroRefusalCases.id, id), eq(zeroRefusalCases.status, 'registered')))
		await recordAudit(
			{
				actor: { id: actor.id, displayName: actor.displayName },
				action: 'zero_refusal.work_order',
				targetType: 'zero_refusal',
				targetId: String(id),
				siteId: found.siteId,
				details: { note },
			},
			tx,
		)
	})
	return true
}

/** A scenario written in the browser, checked as content:check checks content/cases. */
export function checkScenario(
	yaml: string,
): { ok: true; scenario: Scenario } | { ok: false; problems: Array<string> } {
	const parsed = parseYamlWith(yaml, scenarioSchema, 'scenario')
	if (!parsed.ok)
		return { ok: false, problems: parsed.errors.map((e) => `情景第 ${e.line} 行：${e.message}`) }
	const scenario = parsed.value
	const catalog = getCatalog()
	const units = new Set(catalog.units.map((u) => u.name))
	const problems: Array<string> = []
	for (const code of scenario.services)
		if (!catalog.services.has(code)) problems.push(`情景 services：${code} 不是手册中的事项`)
	const mentioned = [
		...(scenario.units ?? []),
		...scenario.decisions.flatMap((d) => d.options.flatMap((o) => (o.unit ? [o.unit] : []))),
	]
	for (const unit of mentioned)
		if (!units.has(unit)) problems.push(`情景：后台单位「${unit}」不在 units.yml 中`)
	if (!scenario.decisions.some((d) => d.branch))
		problems.push('情景须有分支：至少一个选项（next: <id>）通向展示后果的分支决定（branch: true）')
	return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario }
}

export async function publishStandard(
	actor: SessionUser,
	id: number,
	input: { title: string; standard: string; scenarioYaml: string },
): Promise<{ ok: true; standardId: number } | { ok: false; problems: Array<string> }> {
	const found = await findCase(actor, id)
	if (!found || !triages(actor)) return { ok: false, problems: ['没有找到该工单'] }
	if (found.standardId) return { ok: false, problems: ['该工单已发布处理标准'] }
	const problems: Array<string> = []
	if (input.title.trim().length < 4) problems.push('标准名称：至少 4 个字')
	if (input.standard.trim().length < 10) problems.push('处理标准：至少 10 个字')
	for (const text of [input.title, input.standard, input.scenarioYaml]) {
		const personal = personalDataIn(text)
		if (personal.length > 0) problems.push(`不能写入群众的${personal.join('、')}`)
	}
	const checked = checkScenario(input.scenarioYaml)
	if (!checked.ok) problems.push(...checked.problems)
	if (problems.length > 0 || !checked.ok) return { ok: false, problems }
	const standardId = await getDb().transaction(async (tx) => {
		const [row] = await tx
			.insert(zeroRefusalStandards)
			.values({
				caseId: id,
				title: input.title.trim(),
				standard: input.standard.trim(),
				scenario: checked.scenario,
				services: checked.scenario.services,
				publishedBy: actor.id,
				publishedByName: actor.displayName,
			})
			.returning({ id: zeroRefusalStandards.id })
		if (!row) throw new Error('standard not published')
		await tx
			.update(zeroRefusalCases)
			.set({
				status: 'closed',
				standardId: row.id,
				...(found.triagedAt ? {} : { triagedBy: actor.id, triagedAt: new Date() }),
			})
			.where(eq(zeroRefusalCases.id, id))
		await recordAudit(
			{
				actor: { id: actor.id, displayName: actor.displayName },
				action: 'zero_refusal.standard',
				targetType: 'zero_refusal',
				targetId: String(id),
				siteId: found.siteId,
				details: { title: input.title.trim(), services: checked.scenario.services },
			},
			tx,
		)
		return row.id
	})
	await refreshCatalog()
	return { ok: true, standardId }
}

/** The newest standard's id: app servers reload their item bank when it grows. */
export async function standardsVersion(): Promise<number> {
	const [row] = await queryRows<{ version: string | number | null }>(
		sql`select max(id) as version from zero_refusal_standards`,
	)
	return Number(row?.version ?? 0)
}

/** Published standards as scenarios of the item bank ("zr.<id>"). */
export async function standardScenarios() {
	return (await publishedStandards()).map((s) => ({ id: `zr.${s.id}`, scenario: s.scenario }))
}

/** Published standards, for the item bank (as scenarios) and the lesson pages. */
export async function publishedStandards() {
	const rows = await getDb().select().from(zeroRefusalStandards).orderBy(zeroRefusalStandards.id)
	return rows.flatMap((row) => {
		const scenario = scenarioSchema.safeParse(row.scenario)
		return scenario.success
			? [
					{
						id: row.id,
						title: row.title,
						standard: row.standard,
						scenario: scenario.data,
						publishedAt: row.publishedAt,
					},
				]
			: []
	})
}

/** The standards that concern one service, newest first (shown with its lesson). */
export async function standardsForService(code: string) {
	return getDb()
		.select({
			id: zeroRefusalStandards.id,
			title: zeroRefusalStandards.title,
			standard: zeroRefusalStandards.standard,
			publishedAt: zeroRefusalStandards.publishedAt,
		})
		.from(zeroRefusalStandards)
		.where(sql`${zeroRefusalStandards.services} @> ${JSON.stringify([code])}::jsonb`)
		.orderBy(desc(zeroRefusalStandards.id))
		.limit(20)
}
