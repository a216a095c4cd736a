// The one way a certification is written: a service quiz, the exam, a micro-recertification,
// demo data. Expiry is calendar months on the database clock (31 Jan + 1 month = 28/29 Feb), the
// same arithmetic for every source. Standing tables follow in the same transaction (triggers).
import { sql } from 'drizzle-orm'
import { certifications } from '#drizzle/schema/index.ts'
import { type Queryable } from '#app/utils/db.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { type CertificationRules } from './rules.server.ts'

export type CertificationSource = (typeof certifications.$inferInsert)['source'] & string

export type GrantInput = {
	userId: string
	/** null: the comprehensive counter exam. */
	serviceCode: string | null
	revision: string
	source: CertificationSource
	attemptId?: string | null
	/** When it was earned; the database's now() when absent. */
	grantedAt?: Date
	/** Keep this expiry instead of counting months (a micro-recertification carries the old one). */
	expiresAt?: Date
}

function months(input: GrantInput, rules: CertificationRules): number {
	return input.serviceCode === null ? rules.exam.validityMonths : rules.service.validityMonths
}

/** Several at once (demo data, imports): one multi-row insert per 1,000. */
export async function grantCertifications(
	tx: Queryable,
	inputs: ReadonlyArray<GrantInput>,
	rules: CertificationRules = getCatalog().rules,
) {
	const written: Array<typeof certifications.$inferSelect> = []
	for (let i = 0; i < inputs.length; i += 1000) {
		const rows = inputs.slice(i, i + 1000).map((input) => {
			const earned = input.grantedAt
				? sql`${input.grantedAt.toISOString()}::timestamptz`
				: sql`now()`
			return {
				userId: input.userId,
				kind: input.serviceCode === null ? ('exam' as const) : ('service' as const),
				serviceCode: input.serviceCode,
				revision: input.revision,
				source: input.source,
				attemptId: input.attemptId ?? null,
				earnedAt: earned,
				expiresAt: input.expiresAt
					? sql`${input.expiresAt.toISOString()}::timestamptz`
					: sql`${earned} + make_interval(months => ${months(input, rules)}::int)`,
			}
		})
		if (rows.length > 0) written.push(...(await tx.insert(certifications).values(rows).returning()))
	}
	return written
}

export async function grantCertification(
	tx: Queryable,
	input: GrantInput,
	rules: CertificationRules = getCatalog().rules,
) {
	const [row] = await grantCertifications(tx, [input], rules)
	if (!row) throw new Error('certification not written')
	return row
}
