// Brings the database in line with the loaded manual: one row per service with its current
// revision, and the normative data of every revision ever published (docs/decisions/005).
// Idempotent and safe when several app servers start at once.
import { eq, inArray, sql } from 'drizzle-orm'
import { serviceRevisions, services } from '#drizzle/schema/index.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { type Manual as Catalog } from './manual.server.ts'

export type SyncReport = {
	added: Array<string>
	revised: Array<{ code: string; from: string; to: string }>
	deactivated: Array<string>
	reactivated: Array<string>
}

export async function syncCatalog(catalog: Pick<Catalog, 'services'>): Promise<SyncReport> {
	const report: SyncReport = { added: [], revised: [], deactivated: [], reactivated: [] }
	await getDb().transaction(async (tx) => {
		// Serialise concurrent syncs (several servers starting together).
		await tx.execute(sql`select pg_advisory_xact_lock(${0x53796e63})`)
		const existing = new Map((await tx.select().from(services)).map((row) => [row.code, row]))
		const revisionRows = []
		const upserts = []
		for (const service of catalog.services.values()) {
			const row = existing.get(service.code)
			const f = service.frontmatter
			const next = {
				code: service.code,
				name: f.name,
				category: f.category,
				subcategory: f.subcategory,
				backOffice: f.backOffice,
				currentRevision: service.revision,
				active: service.active,
			}
			revisionRows.push({ serviceCode: service.code, revision: service.revision, normative: service.normative })
			if (!row) report.added.push(service.code)
			else if (row.currentRevision !== service.revision) report.revised.push({ code: service.code, from: row.currentRevision, to: service.revision })
			if (row && row.active && !service.active) report.deactivated.push(service.code)
			if (row && !row.active && service.active) report.reactivated.push(service.code)
			if (
				!row ||
				row.name !== next.name ||
				row.category !== next.category ||
				row.subcategory !== next.subcategory ||
				row.backOffice !== next.backOffice ||
				row.currentRevision !== next.currentRevision ||
				row.active !== next.active
			) {
				upserts.push(next)
			}
		}
		for (let i = 0; i < upserts.length; i += 500) {
			await tx
				.insert(services)
				.values(upserts.slice(i, i + 500))
				.onConflictDoUpdate({
					target: services.code,
					set: {
						name: sql`excluded.name`,
						category: sql`excluded.category`,
						subcategory: sql`excluded.subcategory`,
						backOffice: sql`excluded.back_office`,
						currentRevision: sql`excluded.current_revision`,
						active: sql`excluded.active`,
						updatedAt: sql`now()`,
					},
				})
		}
		const newRevisions = revisionRows.filter((r) => {
			const row = existing.get(r.serviceCode)
			return !row || row.currentRevision !== r.revision
		})
		for (let i = 0; i < newRevisions.length; i += 500) {
			await tx.insert(serviceRevisions).values(newRevisions.slice(i, i + 500)).onConflictDoNothing()
		}
		const removed = [...existing.values()].filter((row) => row.active && !catalog.services.has(row.code)).map((row) => row.code)
		if (removed.length > 0) {
			await tx.update(services).set({ active: false, updatedAt: new Date() }).where(inArray(services.code, removed))
			report.deactivated.push(...removed)
		}
		const changed = report.added.length + report.revised.length + report.deactivated.length + report.reactivated.length
		if (changed > 0) {
			await recordAudit(
				{
					actor: null,
					action: 'content.sync',
					targetType: 'content',
					details: {
						added: report.added.length,
						revised: report.revised,
						deactivated: report.deactivated,
						reactivated: report.reactivated,
					},
				},
				tx,
			)
		}
	})
	return report
}

/** The normative data of one revision of a service, from the history. */
export async function revisionHistory(code: string) {
	return getDb()
		.select()
		.from(serviceRevisions)
		.where(eq(serviceRevisions.serviceCode, code))
		.orderBy(serviceRevisions.firstSeenAt)
}
