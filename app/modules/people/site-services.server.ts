// Which services a site offers: all for the hall, a chosen subset for a community point.
import { eq } from 'drizzle-orm'
import { sites, siteServices } from '#drizzle/schema/index.ts'
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

export async function setSiteServices(siteId: number, codes: Array<string>): Promise<number> {
	const unique = [...new Set(codes)]
	await getDb().transaction(async (tx) => {
		await tx.delete(siteServices).where(eq(siteServices.siteId, siteId))
		if (unique.length > 0)
			await tx.insert(siteServices).values(unique.map((serviceCode) => ({ siteId, serviceCode })))
	})
	return unique.length
}
