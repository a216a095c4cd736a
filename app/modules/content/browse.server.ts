// Browsing the catalogue: filters by category, subcategory, back-office unit, handling mode and
// online availability, with the count each choice would give.
import { z } from 'zod'
import { type Manual as Catalog, type ManualService as CatalogService } from './manual.server.ts'

export const browseFilterSchema = z.object({
	category: z.string().max(40).optional().catch(undefined),
	sub: z.string().max(40).optional().catch(undefined),
	unit: z.string().max(40).optional().catch(undefined),
	mode: z.enum(['即办', '承诺']).optional().catch(undefined),
	online: z.enum(['1', '0']).optional().catch(undefined),
})
export type BrowseFilter = z.infer<typeof browseFilterSchema>

type Predicate = (s: CatalogService) => boolean

function predicates(catalog: Catalog, filter: BrowseFilter) {
	const category = catalog.categories.find((c) => c.id === filter.category)
	const unit = catalog.units.find((u) => u.id === filter.unit)
	const sub = category && filter.sub && category.subcategories.includes(filter.sub) ? filter.sub : undefined
	return {
		category: category ? (s: CatalogService) => s.frontmatter.category === category.name : null,
		sub: sub ? (s: CatalogService) => s.frontmatter.subcategory === sub : null,
		unit: unit ? (s: CatalogService) => s.frontmatter.backOffice === unit.name : null,
		mode: filter.mode ? (s: CatalogService) => s.frontmatter.mode === filter.mode : null,
		online: filter.online ? (s: CatalogService) => s.frontmatter.onlineAvailable === (filter.online === '1') : null,
		resolved: { category, sub, unit },
	}
}

export function browseCatalog(catalog: Catalog, filter: BrowseFilter) {
	const p = predicates(catalog, filter)
	const all = (except: Array<keyof typeof p>) => {
		const active = (['category', 'sub', 'unit', 'mode', 'online'] as const)
			.filter((k) => !except.includes(k))
			.map((k) => p[k])
			.filter((f): f is Predicate => f !== null)
		return catalog.ordered.filter((s) => active.every((f) => f(s)))
	}
	const results = all([])
	const forCategories = all(['category', 'sub'])
	const forSubs = all(['sub'])
	const forUnits = all(['unit'])
	const forModes = all(['mode'])
	const forOnline = all(['online'])
	const countBy = (list: Array<CatalogService>, key: (s: CatalogService) => string) => {
		const counts = new Map<string, number>()
		for (const s of list) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1)
		return counts
	}
	const categoryCounts = countBy(forCategories, (s) => s.frontmatter.category)
	const subCounts = countBy(forSubs, (s) => s.frontmatter.subcategory)
	const unitCounts = countBy(forUnits, (s) => s.frontmatter.backOffice)
	const modeCounts = countBy(forModes, (s) => s.frontmatter.mode)
	const onlineCounts = countBy(forOnline, (s) => (s.frontmatter.onlineAvailable ? '1' : '0'))
	return {
		filter: {
			category: p.resolved.category?.id,
			sub: p.resolved.sub,
			unit: p.resolved.unit?.id,
			mode: filter.mode,
			online: filter.online,
		},
		total: catalog.ordered.length,
		categories: catalog.categories.map((c) => ({
			id: c.id,
			name: c.name,
			count: categoryCounts.get(c.name) ?? 0,
			subcategories: c.subcategories.map((name) => ({ name, count: subCounts.get(name) ?? 0 })),
		})),
		units: catalog.units.map((u) => ({ id: u.id, name: u.name, count: unitCounts.get(u.name) ?? 0 })),
		modes: { 即办: modeCounts.get('即办') ?? 0, 承诺: modeCounts.get('承诺') ?? 0 },
		online: { yes: onlineCounts.get('1') ?? 0, no: onlineCounts.get('0') ?? 0 },
		results: results.map((s) => ({
			code: s.code,
			name: s.frontmatter.name,
			category: s.frontmatter.category,
			subcategory: s.frontmatter.subcategory,
			backOffice: s.frontmatter.backOffice,
			mode: s.frontmatter.mode,
			promiseDays: s.frontmatter.promiseDays,
			onlineAvailable: s.frontmatter.onlineAvailable,
			revision: s.revision,
		})),
	}
}
