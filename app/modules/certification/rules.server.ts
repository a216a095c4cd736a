// content/certification.yml: the rules of certification, validated.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { parseYamlWith, type ContentError } from '#app/modules/content/lesson-file.ts'
import { normativeKeys } from '#app/modules/content/schema.ts'

const percent = z.number().min(1, 'must be at least 1').max(100, 'must be at most 100')
const minutes = z
	.number()
	.int()
	.min(0)
	.max(60 * 24 * 30)
const months = z.number().int().min(1).max(120)

export const certificationRulesSchema = z.strictObject({
	service: z.strictObject({
		quizSize: z.number().int().min(1).max(50).default(8),
		passPercent: percent.default(80),
		requireCritical: z.boolean().default(true),
		retryWaitMinutes: minutes.default(10),
		validityMonths: months.default(12),
		maxScenarios: z.number().int().min(0).max(10).default(2),
	}),
	exam: z.strictObject({
		items: z.number().int().min(5).max(200).default(50),
		durationMinutes: z.number().int().min(5).max(480).default(60),
		passPercent: percent.default(85),
		validityMonths: months.default(12),
		retryWaitMinutes: minutes.default(60),
		maxScenarios: z.number().int().min(0).max(20).default(5),
	}),
	/** 每日复习: spaced repetition over the services a person is certified on. */
	review: z
		.strictObject({
			dailyLimit: z.number().int().min(1).max(200).default(20),
			newPerDay: z.number().int().min(0).max(200).default(10),
			retention: z.number().min(0.7).max(0.97).default(0.9),
			maximumIntervalDays: z.number().int().min(7).max(365).default(180),
		})
		.prefault({}),
	expiringSoonDays: z.number().int().min(1).max(365).default(30),
	/**
	 * 变更重新认证: when a service's procedure changes, a clerk certified on the previous
	 * revision takes a short quiz on the changed fields alone, unless the change is large.
	 */
	recertification: z
		.strictObject({
			/** More changes than this (one per "材料新增：…" line) ask for the full quiz. */
			maxChanges: z.number().int().min(0).max(20).default(3),
			/** A change to any of these fields asks for the full quiz. */
			fullQuizFields: z
				.array(z.enum(normativeKeys))
				.default(['eligibility', 'mode', 'backOffice', 'category', 'type']),
			/** Items of the short quiz (3–5; fewer items on the changed fields ask for the full quiz). */
			items: z.number().int().min(3).max(5).default(5),
		})
		.prefault({}),
})

export type CertificationRules = z.infer<typeof certificationRulesSchema>

export const defaultRules: CertificationRules = certificationRulesSchema.parse({
	service: {},
	exam: {},
})

export async function loadCertificationRules(
	root: string,
): Promise<
	| { ok: true; rules: CertificationRules }
	| { ok: false; rules: CertificationRules; errors: Array<ContentError> }
> {
	const file = 'certification.yml'
	if (!existsSync(path.join(root, file))) return { ok: true, rules: defaultRules }
	const parsed = parseYamlWith(
		await readFile(path.join(root, file), 'utf8'),
		certificationRulesSchema,
		file,
	)
	return parsed.ok
		? { ok: true, rules: parsed.value }
		: { ok: false, rules: defaultRules, errors: parsed.errors }
}
