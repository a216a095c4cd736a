// Schemas for the manual's files: registries, service frontmatter. Error messages are in English
// because they are read by authors in the CLI (content:check) with file and line attached.
import { z } from 'zod'

const trimmed = z.string().trim().min(1, 'must not be empty')

export const serviceCodePattern = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/

export const categorySchema = z.strictObject({
	id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id must be lowercase latin letters, digits and "-"'),
	name: trimmed,
	order: z.number().int().positive(),
	subcategories: z.array(trimmed).min(1, 'a category needs at least one subcategory'),
})
export type Category = z.infer<typeof categorySchema>

export const unitKinds = ['直属单位', '业务科室'] as const
export const unitSchema = z.strictObject({
	id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id must be lowercase latin letters, digits and "-"'),
	name: trimmed,
	kind: z.enum(unitKinds),
	duty: trimmed,
})
export type Unit = z.infer<typeof unitSchema>

export const serviceTypes = [
	'行政许可',
	'行政确认',
	'行政给付',
	'行政裁决',
	'行政检查',
	'公共服务',
	'其他行政权力',
] as const
export const handlingModes = ['即办', '承诺'] as const
export const materialForms = ['原件', '复印件', '原件及复印件', '电子材料', '表格'] as const
export const dayUnits = ['工作日', '自然日'] as const
export const confidenceLevels = ['high', 'medium', 'low'] as const

export const materialSchema = z.strictObject({
	name: trimmed,
	form: z.enum(materialForms, { message: `form must be one of ${materialForms.join('、')}` }),
	note: trimmed.optional(),
})
export type Material = z.infer<typeof materialSchema>

export const legalDaysSchema = z.strictObject({
	value: z.number().int().positive('legalDays.value must be a positive whole number'),
	unit: z.enum(dayUnits, { message: 'legalDays.unit must be 工作日 or 自然日' }),
})
export type LegalDays = z.infer<typeof legalDaysSchema>

const normativeShape = {
	code: z.string().regex(serviceCodePattern, 'code must look like XY-YL-008'),
	name: trimmed,
	category: trimmed,
	subcategory: trimmed,
	type: z.enum(serviceTypes, { message: `type must be one of ${serviceTypes.join('、')}` }),
	backOffice: trimmed,
	mode: z.enum(handlingModes, { message: 'mode must be 即办 or 承诺' }),
	promiseDays: z.number().int().positive().nullable(),
	legalDays: legalDaysSchema.nullable(),
	eligibility: trimmed,
	materials: z.array(materialSchema).min(1, 'a service needs at least one material'),
	steps: z.array(trimmed).min(1, 'a service needs at least one step'),
	basis: z.array(trimmed).min(1, 'a service needs at least one legal basis'),
	pitfalls: z.array(trimmed),
	onlineAvailable: z.boolean(),
}

type NormativeShapeOutput = z.infer<z.ZodObject<typeof normativeShape>>

function checkNormativeRules(service: NormativeShapeOutput, ctx: z.RefinementCtx) {
	if (service.mode === '承诺' && service.promiseDays === null) {
		ctx.addIssue({
			code: 'custom',
			path: ['promiseDays'],
			message: 'a 承诺 service needs promiseDays (working days)',
		})
	}
	if (service.mode === '即办' && service.promiseDays !== null) {
		ctx.addIssue({
			code: 'custom',
			path: ['promiseDays'],
			message: 'a 即办 service has no promiseDays; use null',
		})
	}
	const seen = new Set<string>()
	service.materials.forEach((material, index) => {
		if (seen.has(material.name)) {
			ctx.addIssue({
				code: 'custom',
				path: ['materials', index, 'name'],
				message: `material "${material.name}" is listed twice`,
			})
		}
		seen.add(material.name)
	})
}

/** The normative procedure of a service: what the revision hash covers. */
export const normativeSchema = z.strictObject(normativeShape).superRefine(checkNormativeRules)
export type Normative = z.infer<typeof normativeSchema>

/** Frontmatter = normative procedure + editorial metadata that changes no revision. */
export const frontmatterSchema = z
	.strictObject({
		...normativeShape,
		confidence: z.enum(confidenceLevels, { message: 'confidence must be high, medium or low' }),
		nationalCode: z.string().trim().min(1).nullable().optional(),
		/** Editorial: hide from catalogue and readiness without deleting history. */
		active: z.boolean().optional(),
	})
	.superRefine(checkNormativeRules)
export type Frontmatter = z.infer<typeof frontmatterSchema>

export const normativeKeys = [
	'code',
	'name',
	'category',
	'subcategory',
	'type',
	'backOffice',
	'mode',
	'promiseDays',
	'legalDays',
	'eligibility',
	'materials',
	'steps',
	'basis',
	'pitfalls',
	'onlineAvailable',
] as const satisfies ReadonlyArray<keyof Normative>
export type NormativeKey = (typeof normativeKeys)[number]

/** The normative part of a frontmatter object, validated with the same cross-field rules. */
export function pickNormative(frontmatter: Frontmatter): Normative {
	const {
		code,
		name,
		category,
		subcategory,
		type,
		backOffice,
		mode,
		promiseDays,
		legalDays,
		eligibility,
		materials,
		steps,
		basis,
		pitfalls,
		onlineAvailable,
	} = frontmatter
	return {
		code,
		name,
		category,
		subcategory,
		type,
		backOffice,
		mode,
		promiseDays,
		legalDays,
		eligibility,
		materials,
		steps,
		basis,
		pitfalls,
		onlineAvailable,
	}
}
