// Certification rules changed in the browser: validated by the schema of certification.yml,
// each save a new version (audited), in force on every app server within seconds.
import { desc, sql } from 'drizzle-orm'
import { certificationSettings } from '#drizzle/schema/index.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import {
	certificationRulesSchema,
	type CertificationRules,
} from '#app/modules/certification/rules.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { refreshCatalog } from '#app/modules/catalog/published.server.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'

export type SettingField = {
	/** "service.quizSize" */
	path: string
	label: string
	kind: 'integer' | 'number' | 'boolean'
}

/** The rules an admin may change, with their Chinese names (certification.yml's comments). */
export const settingFields: Array<SettingField> = [
	{ path: 'service.quizSize', label: '事项测验题数', kind: 'integer' },
	{ path: 'service.passPercent', label: '事项测验及格线（%）', kind: 'number' },
	{ path: 'service.requireCritical', label: '关键题须全部答对', kind: 'boolean' },
	{ path: 'service.retryWaitMinutes', label: '事项测验未通过后等待（分钟）', kind: 'integer' },
	{ path: 'service.validityMonths', label: '事项认证有效期（月）', kind: 'integer' },
	{ path: 'service.maxScenarios', label: '事项测验最多情景题数', kind: 'integer' },
	{ path: 'exam.items', label: '上岗考试题数', kind: 'integer' },
	{ path: 'exam.durationMinutes', label: '上岗考试时长（分钟）', kind: 'integer' },
	{ path: 'exam.passPercent', label: '上岗考试及格线（%）', kind: 'number' },
	{ path: 'exam.validityMonths', label: '上岗考试有效期（月）', kind: 'integer' },
	{ path: 'exam.retryWaitMinutes', label: '上岗考试未通过后等待（分钟）', kind: 'integer' },
	{ path: 'exam.maxScenarios', label: '上岗考试最多情景题数', kind: 'integer' },
	{ path: 'review.dailyLimit', label: '每日复习最多事项数', kind: 'integer' },
	{ path: 'review.newPerDay', label: '每日首次复习事项数', kind: 'integer' },
	{ path: 'review.retention', label: '期望记住的比例（0.7–0.97）', kind: 'number' },
	{ path: 'review.maximumIntervalDays', label: '最长复习间隔（天）', kind: 'integer' },
	{ path: 'expiringSoonDays', label: '到期前提醒（天）', kind: 'integer' },
	{ path: 'recertification.maxChanges', label: '变更测验最多变更项数', kind: 'integer' },
	{ path: 'recertification.items', label: '变更测验题数（3–5）', kind: 'integer' },
]

function getPath(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((node, key) => {
		if (node && typeof node === 'object' && key in node)
			return Object.entries(node).find(([k]) => k === key)?.[1]
		return undefined
	}, value)
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
	const keys = path.split('.')
	const last = keys.pop() ?? path
	let node = target
	for (const key of keys) {
		const next = node[key]
		const copy: Record<string, unknown> = next && typeof next === 'object' ? { ...next } : {}
		node[key] = copy
		node = copy
	}
	node[last] = value
}

export function settingsForm(rules: CertificationRules): Record<string, string> {
	return Object.fromEntries(
		settingFields.map((f) => {
			const v = getPath(rules, f.path)
			return [f.path, f.kind === 'boolean' ? (v === true ? 'yes' : 'no') : String(v ?? '')]
		}),
	)
}

export async function savedRules(): Promise<CertificationRules | null> {
	const [row] = await getDb()
		.select({ rules: certificationSettings.rules })
		.from(certificationSettings)
		.orderBy(desc(certificationSettings.id))
		.limit(1)
	if (!row) return null
	const parsed = certificationRulesSchema.safeParse(row.rules)
	return parsed.success ? parsed.data : null
}

export async function settingsVersion(): Promise<number> {
	const [row] = await queryRows<{ version: string | number | null }>(
		sql`select max(id) as version from certification_settings`,
	)
	return Number(row?.version ?? 0)
}

export type SettingsProblem = { field: string; message: string }

export async function saveSettings(
	actor: SessionUser,
	form: Record<string, string>,
): Promise<{ ok: true; version: number } | { ok: false; problems: Array<SettingsProblem> }> {
	const current = getCatalog().rules
	const candidate: Record<string, unknown> = JSON.parse(JSON.stringify(current))
	const problems: Array<SettingsProblem> = []
	for (const field of settingFields) {
		const raw = (form[field.path] ?? '').trim()
		if (field.kind === 'boolean') {
			setPath(candidate, field.path, raw === 'yes')
			continue
		}
		const value = Number(raw)
		if (raw === '' || !Number.isFinite(value)) {
			problems.push({ field: field.path, message: `${field.label}：须填写数字` })
			continue
		}
		setPath(candidate, field.path, value)
	}
	if (problems.length > 0) return { ok: false, problems }
	const parsed = certificationRulesSchema.safeParse(candidate)
	if (!parsed.success) {
		return {
			ok: false,
			problems: parsed.error.issues.map((issue) => {
				const path = issue.path.join('.')
				const label = settingFields.find((f) => f.path === path)?.label ?? path
				const bound =
					issue.code === 'too_small'
						? `不能小于 ${String(issue.minimum)}`
						: issue.code === 'too_big'
							? `不能大于 ${String(issue.maximum)}`
							: issue.code === 'invalid_type' && issue.expected === 'int'
								? '须为整数'
								: '取值不符合规则'
				return { field: path, message: `${label}：${bound}` }
			}),
		}
	}
	const rules = parsed.data
	const changes = settingFields.flatMap((f) => {
		const from = getPath(current, f.path)
		const to = getPath(rules, f.path)
		return from === to ? [] : [{ label: f.label, from, to }]
	})
	if (changes.length === 0)
		return { ok: false, problems: [{ field: '-', message: '没有任何修改' }] }
	const version = await getDb().transaction(async (tx) => {
		const [row] = await tx
			.insert(certificationSettings)
			.values({ rules, changedBy: actor.id, changedByName: actor.displayName })
			.returning({ id: certificationSettings.id })
		if (!row) throw new Error('settings not saved')
		await recordAudit(
			{
				actor: { id: actor.id, displayName: actor.displayName },
				action: 'settings.update',
				targetType: 'settings',
				targetId: String(row.id),
				details: { version: row.id, changes },
			},
			tx,
		)
		return row.id
	})
	await refreshCatalog()
	return { ok: true, version }
}

export async function settingsHistory(limit = 10) {
	return getDb()
		.select({
			id: certificationSettings.id,
			changedByName: certificationSettings.changedByName,
			changedAt: certificationSettings.changedAt,
		})
		.from(certificationSettings)
		.orderBy(desc(certificationSettings.id))
		.limit(limit)
}
