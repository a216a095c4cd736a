// Which services a site offers: all for the hall, a chosen subset for a community point.
import { eq } from 'drizzle-orm'
import { sites, siteServices } from '#drizzle/schema/index.ts'
import { recordAudit, type AuditActor } from '#app/modules/audit/audit.server.ts'
import { getDb } from '#app/utils/db.server.ts'

export async function findSite(id: number) {
	const [site] = await getDb().select().from(sites).where(eq(sites.id, id))
	return site ?? null
}

export async function siteServiceCodes(siteId: number): Promise<Array<string>> {
	const rows = await getDb()
		.select({ code: siteServices.serviceCode })
		.from(siteServices)
		.where(eq(siteServices.siteId, siteId))
	return rows.map((r) => r.code)
}

export async function setSiteServices(
	siteId: number,
	codes: Array<string>,
	actor: AuditActor = null,
): Promise<number> {
	const unique = [...new Set(codes)]
	await getDb().transaction(async (tx) => {
		const before = new Set(
			(
				await tx
					.select({ code: siteServices.serviceCode })
					.from(siteServices)
					.where(eq(siteServices.siteId, siteId))
			).map((r) => r.code),
		)
		await tx.delete(siteServices).where(eq(siteServices.siteId, siteId))
		if (unique.length > 0)
			await tx.insert(siteServices).values(unique.map((serviceCode) => ({ siteId, serviceCode })))
		const added = unique.filter((code) => !before.has(code)).sort()
		const removed = [...before].filter((code) => !unique.includes(code)).sort()
		if (added.length + removed.length > 0) {
			const [site] = await tx.select({ name: sites.name }).from(sites).where(eq(sites.id, siteId))
			await recordAudit(
				{
					actor,
					action: 'site.services',
					targetType: 'site',
					targetId: String(siteId),
					siteId,
					details: { site: site?.name ?? String(siteId), added, removed, count: unique.length },
				},
				tx,
			)
		}
	})
	return unique.length
}
