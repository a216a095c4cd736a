// 变更重新认证: a passed short quiz on the changed fields carries a certification to the
// service's new revision, keeping the expiry it had. Written through grantCertification, so the
// stored standing follows in the same transaction.
import { and, desc, eq } from 'drizzle-orm'
import { certifications } from '#drizzle/schema/index.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { type Transaction } from '#app/utils/db.server.ts'
import { grantCertification } from './grant.server.ts'
import { type CertificationRules } from './rules.server.ts'

export async function carryForward(
	tx: Transaction,
	input: {
		userId: string
		serviceCode: string
		fromRevision: string
		toRevision: string
		attemptId: string
	},
	/** A fresh certification's validity applies only if the one carried cannot be found. */
	rules: CertificationRules,
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
	await grantCertification(
		tx,
		{
			userId: input.userId,
			serviceCode: input.serviceCode,
			revision: input.toRevision,
			source: 'micro',
			attemptId: input.attemptId,
			expiresAt: carried?.expiresAt,
		},
		rules,
	)
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
