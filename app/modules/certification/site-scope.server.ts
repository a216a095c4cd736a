// The services a site offers, which its staff must be certified on: every active service for
// the hall, the chosen subset for a community point.
import { eq } from 'drizzle-orm'
import { sites, siteServices } from '#drizzle/schema/index.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { getDb } from '#app/utils/db.server.ts'

export async function siteServiceSet(
	siteId: number,
	catalog: Pick<Catalog, 'ordered'>,
): Promise<Set<string>> {
	const [site] = await getDb()
		.select({ offersAll: sites.offersAllServices })
		.from(sites)
		.where(eq(sites.id, siteId))
	if (!site) return new Set()
	if (site.offersAll) return new Set(catalog.ordered.map((s) => s.code))
	const rows = await getDb()
		.select({ code: siteServices.serviceCode })
		.from(siteServices)
		.where(eq(siteServices.siteId, siteId))
	const active = new Set(catalog.ordered.map((s) => s.code))
	return new Set(rows.map((r) => r.code).filter((code) => active.has(code)))
}
