// Audit details as a trainer reads them: Chinese sentences, old → new, never raw JSON or the
// code's English values. Unknown shapes fall back to "字段：值" lines.
import { z } from 'zod'

const roleNames: Record<string, string> = { clerk: '窗口人员', trainer: '培训师', admin: '管理员' }
const siteKinds: Record<string, string> = { hall: '服务大厅', point: '社区服务点' }
const certificateKinds: Record<string, string> = {
	readiness: '综合窗口上岗证书',
	services: '事项认证证书',
}
const fieldNames: Record<string, string> = {
	displayName: '姓名',
	role: '角色',
	siteId: '所属站点',
	cohortId: '批次',
	manualEditor: '手册编辑权限',
}

const strings = z.array(z.string()).catch([])
const text = z.union([z.string(), z.number()]).transform(String).catch('')

function value(v: unknown): string {
	if (v === null || v === undefined || v === '') return '无'
	if (typeof v === 'boolean') return v ? '是' : '否'
	if (typeof v === 'string') return roleNames[v] ?? siteKinds[v] ?? v
	if (typeof v === 'number') return String(v)
	if (Array.isArray(v)) return v.map(value).join('、')
	return '（已记录）'
}

function fallback(details: Record<string, unknown>): Array<string> {
	return Object.entries(details).map(([key, v]) => `${fieldNames[key] ?? key}：${value(v)}`)
}

export function describeAuditDetails(action: string, raw: unknown): Array<string> {
	const details = z.record(z.string(), z.unknown()).catch({}).parse(raw)
	const d = (key: string) => text.parse(details[key])
	switch (action) {
		case 'user.create':
			return [`新建账号 ${d('username')}，角色：${value(details.role)}`]
		case 'user.role':
			return [`${d('username')} 的角色：${value(details.from)} → ${value(details.to)}`]
		case 'user.update': {
			const changed = z
				.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
				.catch({})
				.parse(details.changed)
			return [
				`修改 ${d('username')}`,
				...Object.entries(changed).map(
					([k, c]) => `${fieldNames[k] ?? k}：${value(c.from)} → ${value(c.to)}`,
				),
			]
		}
		case 'user.editor_right':
			return [
				details.granted === true
					? `授予 ${d('username')} 手册编辑权限`
					: `收回 ${d('username')} 的手册编辑权限`,
			]
		case 'user.deactivate':
			return [`停用账号 ${d('username')}`]
		case 'user.reactivate':
			return [`恢复账号 ${d('username')}`]
		case 'user.password_reset':
			return [`重置 ${d('username')} 的密码`]
		case 'user.import':
			return [`从文件 ${d('fileName')} 导入 ${d('count')} 人`]
		case 'site.create':
			return [`新建站点 ${d('name')}（${d('code')}，${value(details.kind)}）`]
		case 'site.services': {
			const added = strings.parse(details.added)
			const removed = strings.parse(details.removed)
			return [
				`${d('site')} 的受理事项（共 ${d('count')} 项）`,
				...(added.length > 0 ? [`新增：${added.join('、')}`] : []),
				...(removed.length > 0 ? [`移除：${removed.join('、')}`] : []),
			]
		}
		case 'cohort.create':
			return [`新建批次 ${d('name')}${d('startsOn') ? `，${d('startsOn')} 开始` : ''}`]
		case 'content.sync': {
			const revised = z
				.array(z.object({ code: z.string() }))
				.catch([])
				.parse(details.revised)
			return [
				`手册随部署更新：新增 ${d('added') || '0'} 项，修订 ${revised.length} 项`,
				...(revised.length > 0 ? [`修订事项：${revised.map((r) => r.code).join('、')}`] : []),
			]
		}
		case 'manual.publish': {
			const services = z
				.array(
					z.object({
						code: z.string(),
						name: z.string(),
						changes: strings,
						editorial: strings,
						bodyChanged: z.boolean().catch(false),
					}),
				)
				.catch([])
				.parse(details.services)
			return [
				`发布原因：${d('reason')}`,
				...services.flatMap((s) => [
					`${s.code} ${s.name}：`,
					...s.changes.map((c) => `\u3000${c}`),
					...s.editorial.map((c) => `\u3000${c}`),
					...(s.bodyChanged ? ['\u3000课程正文有修改'] : []),
				]),
			]
		}
		case 'settings.update': {
			const changes = z
				.array(z.object({ label: z.string(), from: z.unknown(), to: z.unknown() }))
				.catch([])
				.parse(details.changes)
			return [
				`认证规则第 ${d('version')} 版`,
				...changes.map((c) => `${c.label}：${value(c.from)} → ${value(c.to)}`),
			]
		}
		case 'certification.earned':
			return [`事项 ${d('serviceCode')} 测验通过（${d('percent')}%），版本 ${d('revision')}`]
		case 'certification.exam_passed':
			return [`综合窗口上岗考试通过（${d('percent')}%）`]
		case 'certification.carried':
			return [
				`事项 ${d('serviceCode')} 变更测验通过：认证由版本 ${d('fromRevision')} 沿用到 ${d('revision')}`,
			]
		case 'certificate.issued':
			return [`签发${certificateKinds[d('kind')] ?? '证书'}，编号 ${d('code')}`]
		case 'zero_refusal.case':
			return [
				`涉及事项：${strings.parse(details.services).join('、')}`,
				details.closedOnSpot === true ? '当场办结' : '待处理',
			]
		case 'zero_refusal.work_order':
			return [`转为工单${d('note') ? `：${d('note')}` : ''}`]
		case 'zero_refusal.standard':
			return [`处理标准：${d('title')}`, `涉及事项：${strings.parse(details.services).join('、')}`]
		default:
			return fallback(details)
	}
}
