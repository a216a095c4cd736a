// The readiness board page: filtered people × categories, totals per site and cohort, a
// category heatmap per site and the readiness trend.
import { requireRole } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/content/catalog.server.ts'
import { listCohorts, listSites, managedSiteIds } from '#app/modules/people/people.server.ts'
import { boardFilterSchema, loadBoard, totalsBy } from '#app/modules/readiness/board.server.ts'
import { ensureTodaySnapshot, readinessTrend } from '#app/modules/readiness/trend.server.ts'

export const boardPageSize = 50

export async function loadBoardPage(request: Request) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const filter = boardFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const catalog = getCatalog()
	const categories = catalog.categories.map((c) => c.name)
	await ensureTodaySnapshot({ expiringSoonDays: catalog.rules.expiringSoonDays, categories })
	const [rows, sites, cohorts, siteTrend, cohortTrend] = await Promise.all([
		loadBoard({ scope, filter, expiringSoonDays: catalog.rules.expiringSoonDays, categories }),
		listSites(scope),
		listCohorts(),
		readinessTrend('site', scope),
		readinessTrend('cohort', scope),
	])
	const heat = sites
		.map((site) => {
			const people = rows.filter((r) => r.siteId === site.id)
			return {
				site: site.name,
				cells: categories.map((category) => {
					const required = people.reduce((n, r) => n + (r.cells[category]?.required ?? 0), 0)
					const certified = people.reduce((n, r) => n + (r.cells[category]?.certified ?? 0), 0)
					return { category, required, share: required === 0 ? null : certified / required }
				}),
			}
		})
		.filter((row) => row.cells.some((c) => c.required > 0))
	const start = (filter.page - 1) * boardPageSize
	return {
		filter,
		categories,
		sites: sites.map((s) => ({ id: s.id, name: s.name })),
		cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
		total: rows.length,
		counts: {
			ready: rows.filter((r) => r.status === 'ready').length,
			almost: rows.filter((r) => r.status === 'almost').length,
			outdated: rows.filter((r) => r.status === 'outdated').length,
			progress: rows.filter((r) => r.status === 'progress').length,
		},
		siteTotals: totalsBy(rows, 'site'),
		cohortTotals: totalsBy(rows, 'cohort'),
		rows: rows.slice(start, start + boardPageSize).map((r) => ({
			id: r.id,
			username: r.username,
			displayName: r.displayName,
			siteName: r.siteName,
			cohortName: r.cohortName,
			status: r.status,
			certified: r.certified,
			required: r.required,
			outdated: r.outdated,
			expiring: r.expiring,
			examValid: r.examValid,
			cells: categories.map((c) => r.cells[c] ?? null),
		})),
		heat,
		siteTrend,
		cohortTrend,
	}
}
