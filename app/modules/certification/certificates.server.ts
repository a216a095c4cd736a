// Printable certificates with a public verification code: a clerk's general-counter readiness,
// or their list of service certifications. What was certified is frozen in a snapshot; whether it
// still holds is computed at verification time.
import { randomInt } from 'node:crypto'
import { eq } from 'drizzle-orm'
import QRCode from 'qrcode'
import { z } from 'zod'
import { certificates, sites, users } from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { readinessOf } from './certifications.server.ts'
import { countsAsCertified } from './status.ts'

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** 12 characters in three groups (XXXX-XXXX-XXXX): about 60 bits, unguessable, easy to read out. */
export function newVerificationCode(): string {
	const chars = Array.from({ length: 12 }, () => codeAlphabet[randomInt(codeAlphabet.length)])
	return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`
}

export const verificationCodePattern = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/

const snapshotSchema = z.object({
	name: z.string(),
	username: z.string(),
	siteName: z.string(),
	validUntil: z.string(),
	services: z.array(
		z.object({
			code: z.string(),
			name: z.string(),
			revision: z.string(),
			earnedAt: z.string(),
			expiresAt: z.string(),
		}),
	),
	examExpiresAt: z.string().nullable(),
})
export type CertificateSnapshot = z.infer<typeof snapshotSchema>

export class CertificateError extends Error {}

export async function issueCertificate(
	personId: string,
	kind: 'readiness' | 'services',
	issuer: SessionUser,
	catalog: Catalog = getCatalog(),
): Promise<string> {
	const [person] = await getDb()
		.select({
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			siteId: users.siteId,
			siteName: sites.name,
		})
		.from(users)
		.innerJoin(sites, eq(sites.id, users.siteId))
		.where(eq(users.id, personId))
	if (!person) throw new CertificateError('no such person')
	const readiness = await readinessOf(person, catalog)
	if (kind === 'readiness' && !readiness.ready) throw new CertificateError('not ready')
	const held = readiness.services.filter((s) => countsAsCertified(s.status) && s.certification)
	if (held.length === 0) throw new CertificateError('no certifications')
	const expiries = held.map((s) => s.certification?.expiresAt.getTime() ?? 0)
	const examExpiry = kind === 'readiness' ? (readiness.exam.certification?.expiresAt ?? null) : null
	if (examExpiry) expiries.push(examExpiry.getTime())
	const snapshot: CertificateSnapshot = {
		name: person.displayName,
		username: person.username,
		siteName: person.siteName,
		validUntil: new Date(Math.min(...expiries)).toISOString(),
		services: held.map((s) => ({
			code: s.code,
			name: catalog.services.get(s.code)?.frontmatter.name ?? s.code,
			revision: s.certification?.revision ?? '',
			earnedAt: s.certification?.earnedAt.toISOString() ?? '',
			expiresAt: s.certification?.expiresAt.toISOString() ?? '',
		})),
		examExpiresAt: examExpiry?.toISOString() ?? null,
	}
	const code = newVerificationCode()
	await getDb().transaction(async (tx) => {
		await tx
			.insert(certificates)
			.values({ code, userId: person.id, kind, issuedBy: issuer.id, snapshot })
		await recordAudit(
			{
				actor: issuer,
				action: 'certificate.issued',
				targetType: 'user',
				targetId: person.id,
				siteId: person.siteId,
				details: { code, kind, services: held.length },
			},
			tx,
		)
	})
	return code
}

export async function findCertificate(code: string) {
	if (!verificationCodePattern.test(code)) return null
	const [row] = await getDb().select().from(certificates).where(eq(certificates.code, code))
	if (!row) return null
	const snapshot = snapshotSchema.safeParse(row.snapshot)
	if (!snapshot.success) return null
	return { ...row, snapshot: snapshot.data }
}

/**
 * Whether a certificate still holds: before its date, and for readiness the person is still
 * cleared; for a list, every listed service still on the revision it was certified on.
 */
export async function certificateHolds(
	certificate: NonNullable<Awaited<ReturnType<typeof findCertificate>>>,
	catalog: Catalog = getCatalog(),
	now = new Date(),
): Promise<boolean> {
	if (new Date(certificate.snapshot.validUntil).getTime() <= now.getTime()) return false
	const [person] = await getDb()
		.select({ id: users.id, siteId: users.siteId, active: users.active })
		.from(users)
		.where(eq(users.id, certificate.userId))
	if (!person?.active) return false
	if (certificate.kind === 'readiness') return (await readinessOf(person, catalog, now)).ready
	return certificate.snapshot.services.every(
		(s) => catalog.services.get(s.code)?.revision === s.revision,
	)
}

export function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
}

export async function certificatesOf(userId: string) {
	return getDb()
		.select({ code: certificates.code, kind: certificates.kind, issuedAt: certificates.issuedAt })
		.from(certificates)
		.where(eq(certificates.userId, userId))
}
