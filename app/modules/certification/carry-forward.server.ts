// 变更重新认证: a passed short quiz on the changed fields carries a certification to the
// service's new revision, keeping the expiry it had. The one place that writes such a
// certification (the lead repoints it to grantCertification when that lands).
import { and, desc, eq, sql } from 'drizzle-orm'
import { certifications } from '#drizzle/schema/index.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { type Transaction } from '#app/utils/db.server.ts'

export async function carryForward(
	tx: Transaction,
	input: {
		userId: string
		serviceCode: string
		fromRevision: string
		toRevision: string
		attemptId: string
		/** Validity of a fresh certification, used only if the one carried cannot be found. */
		validityMonths: number
	},
): Promise<void> {
	const [carried] = await tx
		.select({ id: certifications.id, expiresAt: certifications.expiresAt })
		.from(certifications)
		.where(
			and(
				eq(certifications.userId, input.userId),
				eq(certifications.serviceCode, input.serviceCode),
				eq(certifications.revision, input.fromRevision),
			),
		)
		.orderBy(desc(certifications.earnedAt))
		.limit(1)
	await tx.insert(certifications).values({
		userId: input.userId,
		kind: 'service',
		serviceCode: input.serviceCode,
		revision: input.toRevision,
		attemptId: input.attemptId,
		earnedAt: sql`now()`,
		expiresAt: carried
			? carried.expiresAt
			: sql`now() + make_interval(months => ${input.validityMonths}::int)`,
	})
	await recordAudit(
		{
			actor: null,
			action: 'certification.carried',
			targetType: 'user',
			targetId: input.userId,
			details: {
				serviceCode: input.serviceCode,
				fromRevision: input.fromRevision,
				revision: input.toRevision,
				attemptId: input.attemptId,
				carriedCertification: carried?.id ?? null,
			},
		},
		tx,
	)
}
