// Procedure revisions: a stable hash of a service's normative data, and the field-level
// difference between two revisions ("材料新增：…", "承诺时限 20→15 个工作日").
import { createHash } from 'node:crypto'
import { normativeKeys, type LegalDays, type Material, type Normative } from './schema.ts'

/** JSON with sorted keys and NFC-normalised strings, so formatting never changes a hash. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		return JSON.stringify(typeof value === 'string' ? value.normalize('NFC') : value)
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
	const entries = Object.entries(value)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** 12 hex digits of SHA-256 over the canonical normative data. */
export function revisionOf(normative: Normative): string {
	const picked = Object.fromEntries(normativeKeys.map((key) => [key, normative[key]]))
	return createHash('sha256').update(canonicalJson(picked)).digest('hex').slice(0, 12)
}

export type RevisionChange =
	| { field: 'materials'; added: Array<Material>; removed: Array<Material>; changed: Array<{ before: Material; after: Material }> }
	| { field: 'basis' | 'pitfalls'; added: Array<string>; removed: Array<string> }
	| { field: 'steps'; before: Array<string>; after: Array<string> }
	| { field: 'promiseDays'; before: number | null; after: number | null }
	| { field: 'legalDays'; before: LegalDays | null; after: LegalDays | null }
	| { field: 'onlineAvailable'; before: boolean; after: boolean }
	| {
			field: 'name' | 'category' | 'subcategory' | 'type' | 'backOffice' | 'mode' | 'eligibility' | 'code'
			before: string
			after: string
	  }

function listDiff(before: Array<string>, after: Array<string>) {
	return {
		added: after.filter((item) => !before.includes(item)),
		removed: before.filter((item) => !after.includes(item)),
	}
}

/** Field-level changes from `before` to `after`, in the order of the normative fields. */
export function diffNormative(before: Normative, after: Normative): Array<RevisionChange> {
	const changes: Array<RevisionChange> = []
	for (const field of normativeKeys) {
		if (canonicalJson(before[field]) === canonicalJson(after[field])) continue
		switch (field) {
			case 'materials': {
				const beforeByName = new Map(before.materials.map((m) => [m.name, m]))
				const afterByName = new Map(after.materials.map((m) => [m.name, m]))
				changes.push({
					field,
					added: after.materials.filter((m) => !beforeByName.has(m.name)),
					removed: before.materials.filter((m) => !afterByName.has(m.name)),
					changed: after.materials.flatMap((m) => {
						const old = beforeByName.get(m.name)
						return old && canonicalJson(old) !== canonicalJson(m) ? [{ before: old, after: m }] : []
					}),
				})
				break
			}
			case 'basis':
			case 'pitfalls':
				changes.push({ field, ...listDiff(before[field], after[field]) })
				break
			case 'steps':
				changes.push({ field, before: before.steps, after: after.steps })
				break
			case 'promiseDays':
				changes.push({ field, before: before.promiseDays, after: after.promiseDays })
				break
			case 'legalDays':
				changes.push({ field, before: before.legalDays, after: after.legalDays })
				break
			case 'onlineAvailable':
				changes.push({ field, before: before.onlineAvailable, after: after.onlineAvailable })
				break
			default:
				changes.push({ field, before: before[field], after: after[field] })
		}
	}
	return changes
}

export function formatMaterial(material: Material): string {
	return `${material.name}（${material.form}）${material.note ? `：${material.note}` : ''}`
}

function formatDays(days: number | null, unit = '工作日'): string {
	return days === null ? '无' : `${days} 个${unit}`
}

function formatLegal(days: LegalDays | null): string {
	return days === null ? '无' : `${days.value} 个${days.unit}`
}

const fieldLabels: Record<RevisionChange['field'], string> = {
	code: '事项编码',
	name: '事项名称',
	category: '所属分类',
	subcategory: '子分类',
	type: '事项类型',
	backOffice: '后台责任单位',
	mode: '办件类型',
	promiseDays: '承诺时限',
	legalDays: '法定时限',
	eligibility: '受理条件',
	materials: '申请材料',
	steps: '办理流程',
	basis: '设定依据',
	pitfalls: '易错点',
	onlineAvailable: '网上办理',
}

const editorialLabels: Record<string, string> = {
	confidence: '可信度',
	nationalCode: '国家事项编码',
	active: '是否启用',
	body: '课程正文',
}

/** The Chinese name of a frontmatter field (or "body"), for messages; unknown keys as they are. */
export function fieldLabel(field: string): string {
	return (
		Object.entries(fieldLabels).find(([key]) => key === field)?.[1] ?? editorialLabels[field] ?? field
	)
}

/** One Chinese sentence per change, as learners and trainers read it (content language). */
export function describeChange(change: RevisionChange): Array<string> {
	const label = fieldLabels[change.field]
	switch (change.field) {
		case 'materials':
			return [
				...change.added.map((m) => `材料新增：${formatMaterial(m)}`),
				...change.removed.map((m) => `材料删除：${formatMaterial(m)}`),
				...change.changed.map((c) => `材料变更：${formatMaterial(c.before)} → ${formatMaterial(c.after)}`),
			]
		case 'basis':
		case 'pitfalls':
			return [
				...change.added.map((item) => `${label}新增：${item}`),
				...change.removed.map((item) => `${label}删除：${item}`),
			]
		case 'steps':
			return [`${label}调整：${change.before.join(' → ')} 改为 ${change.after.join(' → ')}`]
		case 'promiseDays':
			return change.before !== null && change.after !== null
				? [`${label} ${change.before}→${change.after} 个工作日`]
				: [`${label} ${formatDays(change.before)} → ${formatDays(change.after)}`]
		case 'legalDays':
			return [`${label} ${formatLegal(change.before)} → ${formatLegal(change.after)}`]
		case 'onlineAvailable':
			return [`${label} ${change.before ? '可以' : '不可以'} → ${change.after ? '可以' : '不可以'}`]
		default:
			return [`${label}：${change.before} → ${change.after}`]
	}
}

export function describeChanges(changes: Array<RevisionChange>): Array<string> {
	return changes.flatMap(describeChange)
}
