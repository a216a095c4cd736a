// The service editor's form: one text field per normative field (lists one item per line), read
// back into frontmatter for the same schema as content:check. Problems are in Chinese.
import { z } from 'zod'
import { fieldLabel } from './revision.ts'
import { materialForms, type Frontmatter, type Material } from './schema.ts'

const text = (max: number) => z.string().max(max).default('')

export const editorFormSchema = z.object({
	name: text(200),
	category: text(100),
	subcategory: text(100),
	type: text(50),
	backOffice: text(100),
	mode: text(10),
	promiseDays: text(10),
	legalDaysValue: text(10),
	legalDaysUnit: text(10),
	onlineAvailable: z.enum(['yes', 'no']).default('no'),
	eligibility: text(4000),
	materials: text(20_000),
	steps: text(10_000),
	basis: text(10_000),
	pitfalls: text(10_000),
	confidence: text(10),
	body: z.string().max(200_000).default(''),
	reason: text(500),
	baseId: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
	intent: z.enum(['preview', 'publish']).default('preview'),
})
export type EditorForm = z.infer<typeof editorFormSchema>

export function lines(value: string): Array<string> {
	return value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '')
}

/** `居民身份证（原件）` or `劳动合同（复印件）：可共享核验的免交`. */
export function formatMaterialLine(material: Material): string {
	return `${material.name}（${material.form}）${material.note ? `：${material.note}` : ''}`
}

function parseMaterialLine(line: string): Material | null {
	const match = /^(.+?)[（(]([^（）()]+)[)）]\s*(?:[：:]\s*(.+))?$/.exec(line)
	const form = materialForms.find((f) => f === match?.[2]?.trim())
	if (!match?.[1] || !form) return null
	const note = match[3]?.trim()
	return { name: match[1].trim(), form, ...(note ? { note } : {}) }
}

export function frontmatterToForm(frontmatter: Frontmatter, body: string): Omit<EditorForm, 'reason' | 'baseId' | 'intent'> {
	return {
		name: frontmatter.name,
		category: frontmatter.category,
		subcategory: frontmatter.subcategory,
		type: frontmatter.type,
		backOffice: frontmatter.backOffice,
		mode: frontmatter.mode,
		promiseDays: frontmatter.promiseDays === null ? '' : String(frontmatter.promiseDays),
		legalDaysValue: frontmatter.legalDays ? String(frontmatter.legalDays.value) : '',
		legalDaysUnit: frontmatter.legalDays?.unit ?? '工作日',
		onlineAvailable: frontmatter.onlineAvailable ? 'yes' : 'no',
		eligibility: frontmatter.eligibility,
		materials: frontmatter.materials.map(formatMaterialLine).join('\n'),
		steps: frontmatter.steps.join('\n'),
		basis: frontmatter.basis.join('\n'),
		pitfalls: frontmatter.pitfalls.join('\n'),
		confidence: frontmatter.confidence,
		body,
	}
}

function numberOrNull(value: string): number | string | null {
	const trimmed = value.trim()
	if (trimmed === '') return null
	return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed
}

/**
 * The frontmatter the form states (unvalidated: the publish check decides), keeping the fields
 * the form does not edit (code, national code, active) from the current version.
 */
export function formToFrontmatter(
	form: EditorForm,
	current: Frontmatter,
): { frontmatter: Record<string, unknown>; problems: Array<{ field: string; rule: string; message: string }> } {
	const problems: Array<{ field: string; rule: string; message: string }> = []
	const materials = lines(form.materials).map((line, index) => {
		const material = parseMaterialLine(line)
		if (!material)
			problems.push({
				field: 'materials',
				rule: '材料须注明形式',
				message: `${fieldLabel('materials')}第 ${index + 1} 行：不符合规则「材料须注明形式」，请写成“名称（${materialForms.join('/')}）”，条件写在冒号后`,
			})
		return material
	})
	const legalValue = numberOrNull(form.legalDaysValue)
	return {
		problems,
		frontmatter: {
			...current,
			name: form.name.trim(),
			category: form.category.trim(),
			subcategory: form.subcategory.trim(),
			type: form.type.trim(),
			backOffice: form.backOffice.trim(),
			mode: form.mode.trim(),
			promiseDays: numberOrNull(form.promiseDays),
			legalDays: legalValue === null ? null : { value: legalValue, unit: form.legalDaysUnit.trim() },
			onlineAvailable: form.onlineAvailable === 'yes',
			eligibility: form.eligibility.trim(),
			materials: materials.filter((m) => m !== null),
			steps: lines(form.steps),
			basis: lines(form.basis),
			pitfalls: lines(form.pitfalls),
			confidence: form.confidence.trim(),
		},
	}
}
