// A person's certifications and readiness: the facts read from the database, judged by the
// rule in status.ts (the board reads the same rule from the stored standing, standing.server.ts).
import { and, eq } from 'drizzle-orm'
import { certifications, serviceRevisions } from '#drizzle/schema/index.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	describeChanges,
	diffNormative,
	type RevisionChange,
} from '#app/modules/content/revision.ts'
import { normativeSchema } from '#app/modules/content/schema.ts'
import { getDb } from '#app/utils/db.server.ts'
import { requiredServices } from './standing.server.ts'
import {
	certificationStatus,
	computeReadiness,
	governingCertification,
	type CertificationFact,
} from './status.ts'

export async function certificationsOf(userId: string) {
	const rows = await getDb().select().from(certifications).where(eq(certifications.userId, userId))
	return {
		service: rows.filter((r) => r.kind === 'service'),
		exam: rows.filter((r) => r.kind === 'exam'),
	}
}

export async function readinessOf(
	user: { id: string; siteId: number },
	catalog: Catalog = getCatalog(),
	now = new Date(),
) {
	const [required, certs] = await Promise.all([
		requiredServices(user.siteId),
		certificationsOf(user.id),
	])
	// Catalogue order for people to read; the set and revisions are the database's (as the board's).
	const order = new Map(catalog.ordered.map((s, i) => [s.code, i]))
	required.sort(
		(a, b) =>
			(order.get(a.code) ?? Infinity) - (order.get(b.code) ?? Infinity) ||
			(a.code < b.code ? -1 : 1),
	)
	return computeReadiness({
		services: required.map((s) => ({ code: s.code, revision: s.revision })),
		certifications: certs.service,
		examCertifications: certs.exam,
		now,
		expiringSoonDays: catalog.rules.expiringSoonDays,
	})
}

/** The normative changes of a service since the given revision (null: the old one is unknown). */
export async function revisionChanges(
	code: string,
	fromRevision: string,
	catalog: Catalog = getCatalog(),
): Promise<Array<RevisionChange> | null> {
	const service = catalog.services.get(code)
	if (!service) return null
	if (service.revision === fromRevision) return []
	const [old] = await getDb()
		.select({ normative: serviceRevisions.normative })
		.from(serviceRevisions)
		.where(and(eq(serviceRevisions.serviceCode, code), eq(serviceRevisions.revision, fromRevision)))
	const parsed = normativeSchema.safeParse(old?.normative)
	return parsed.success ? diffNormative(parsed.data, service.normative) : null
}

/** What changed in a service's procedure since the given revision, one sentence per change. */
export async function changesSince(
	code: string,
	fromRevision: string,
	catalog: Catalog = getCatalog(),
): Promise<Array<string> | null> {
	const changes = await revisionChanges(code, fromRevision, catalog)
	return changes && describeChanges(changes)
}

export async function standingOn(
	userId: string,
	code: string,
	catalog: Catalog = getCatalog(),
	now = new Date(),
) {
	const service = catalog.services.get(code)
	if (!service) return null
	const rows = await getDb()
		.select()
		.from(certifications)
		.where(and(eq(certifications.userId, userId), eq(certifications.serviceCode, code)))
	const certification = governingCertification<CertificationFact & { id: number }>(
		rows,
		service.revision,
	)
	const status = certificationStatus(
		certification,
		service.revision,
		now,
		catalog.rules.expiringSoonDays,
	)
	const changes =
		certification && status === 'outdated'
			? await changesSince(code, certification.revision, catalog)
			: null
	return { status, certification, changes }
}
