// The readiness board page: filtered people × categories, totals per site and cohort, a
// category heatmap per site and the readiness trend.
import { requireRole } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { listCohorts, listSites, managedSiteIds } from '#app/modules/people/people.server.ts'
import {
	boardFilterSchema,
	examsInProgress,
	expiresThisWeek,
	hasLapsed,
	lastExamPassed,
	loadBoardCells,
	loadBoardSummaries,
	loadHeat,
	selectRows,
	totalsBy,
	withCells,
} from '#app/modules/readiness/board.server.ts'
import { examOutcome } from '#app/modules/readiness/exam-outcome.ts'
import { outdatedChangeCounts } from '#app/modules/readiness/drilldown.server.ts'
import { readinessTrend } from '#app/modules/readiness/trend.server.ts'

export const boardPageSize = 50

export async function loadBoardPage(request: Request) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const params = new URL(request.url).searchParams
	const filter = boardFilterSchema.parse(Object.fromEntries(params))
	const showHeat = params.get('heat') === '1'
	const catalog = getCatalog()
	const categories = catalog.categories.map((c) => c.name)
	const [everyone, sites, cohorts, siteTrend, cohortTrend, heatRows, inExam] = await Promise.all([
		loadBoardSummaries({ scope, filter: { ...filter, status: undefined, need: undefined } }),
		listSites(scope),
		listCohorts(),
		readinessTrend('site', scope),
		readinessTrend('cohort', scope),
		showHeat ? loadHeat({ scope, filter }) : Promise.resolve(null),
		examsInProgress(scope),
	])
	const rows = selectRows(everyone, filter)
	// Today, per site: who may staff a general counter, who is sitting the exam, who lapses soon.
	const today = sites
		.map((site) => {
			const people = everyone.filter((r) => r.siteId === site.id)
			return {
				siteId: site.id,
				site: site.name,
				people: people.length,
				cleared: people.filter((r) => r.ready).length,
				inExam: inExam.get(site.id) ?? 0,
				lapsed: people.filter((r) => hasLapsed(r)).length,
				expiringThisWeek: people.filter((r) => expiresThisWeek(r) && !hasLapsed(r)).length,
			}
		})
		.filter((s) => s.people > 0 || s.inExam > 0)
	const heat = heatRows
		? sites
				.map((site) => ({
					site: site.name,
					cells: categories.map((category) => {
						const cell = heatRows.find((h) => h.siteId === site.id && h.category === category)
						const required = cell?.required ?? 0
						return {
							category,
							required,
							share: required === 0 ? null : (cell?.certified ?? 0) / required,
						}
					}),
				}))
				.filter((row) => row.cells.some((c) => c.required > 0))
		: null
	const start = (filter.page - 1) * boardPageSize
	const pageSummaries = rows.slice(start, start + boardPageSize)
	const [changeCounts, lastExams] = await Promise.all([
		outdatedChangeCounts(
			pageSummaries.filter((r) => r.outdated > 0).map((r) => r.id),
			catalog,
		),
		lastExamPassed(pageSummaries.filter((r) => !r.examValid).map((r) => r.id)),
	])
	const page = withCells(
		pageSummaries,
		await loadBoardCells(
			pageSummaries.map((r) => r.id),
			catalog.rules.expiringSoonDays,
		),
	)
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
		today,
		now: new Date().toISOString(),
		rows: page.map((r) => ({
			id: r.id,
			expired: r.expired,
			nextExpiry: r.nextExpiry,
			username: r.username,
			displayName: r.displayName,
			siteName: r.siteName,
			cohortName: r.cohortName,
			status: r.status,
			certified: r.certified,
			required: r.required,
			outdated: r.outdated,
			/** 需重新认证（变更 N 项）: changes to learn over the outdated services. */
			outdatedChanges: changeCounts.get(r.id) ?? 0,
			expiring: r.expiring,
			examValid: r.examValid,
			/** 考试有效 / 未参加 / 未通过 / 已过期. */
			exam: examOutcome({ valid: r.examValid, lastPassed: lastExams.get(r.id) ?? null }),
			cells: categories.map((c) => r.cells[c] ?? null),
		})),
		heat,
		siteTrend,
		cohortTrend,
	}
}
