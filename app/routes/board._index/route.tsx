import { Pagination } from '#app/components/ui/pagination.tsx'
import { FilterSelect } from '#app/components/ui/form.tsx'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { LineChart } from '#app/components/charts/line-chart.tsx'
import { formatDate, formatDay, formatPercent } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { boardPageSize, loadBoardPage } from './queries.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.board')

export async function loader({ request }: LoaderFunctionArgs) {
	return loadBoardPage(request)
}

/** Colour bands for a share, always shown with the number (never colour alone). */
function band(share: number | null): string {
	if (share === null) return 'cell-none'
	if (share >= 1) return 'cell-full'
	if (share >= 0.8) return 'cell-high'
	if (share >= 0.4) return 'cell-mid'
	return 'cell-low'
}

const statusBadge: Record<string, string> = {
	ready: 'badge badge-ok',
	almost: 'badge badge-info',
	outdated: 'badge badge-bad',
	progress: 'badge',
}

export default function Board() {
	const t = useT()
	const language = useLanguage()
	const data = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const exportQuery = (format: string) => {
		const next = new URLSearchParams(searchParams)
		next.delete('page')
		next.set('what', 'board')
		next.set('format', format)
		return `/board/export?${next.toString()}`
	}
	const pct = (n: number) => formatPercent(n * 100, language)
	const pages = Math.max(1, Math.ceil(data.total / boardPageSize))
	return (
		<div className="page">
			<h1>{t('nav.board')}</h1>
			<nav className="page-actions" aria-label={t('board.tools')}>
				<Link to="/board/alerts">{t('board.alerts')}</Link>
				<Link to="/board/items">{t('board.itemAnalysis')}</Link>
				<a href={exportQuery('xlsx')}>{t('board.exportXlsx')}</a>
				<a href={exportQuery('csv')}>{t('board.exportCsv')}</a>
				<a href="/board/export?what=certifications&format=xlsx">{t('board.exportRecords')}</a>
			</nav>
			<section aria-labelledby="today-heading">
				<h2 id="today-heading">{t('board.today')}</h2>
				<p className="muted">{t('board.todayHelp')}</p>
				<ul className="cards today-panel">
					{data.today.map((site) => (
						<li className="card" key={site.siteId}>
							<h3>{site.site}</h3>
							<dl className="today-facts">
								<div>
									<dt>{t('board.today.cleared')}</dt>
									<dd>
										<Link to={`?site=${site.siteId}&status=ready`}>
											{site.cleared} / {site.people}
										</Link>
									</dd>
								</div>
								<div>
									<dt>{t('board.today.inExam')}</dt>
									<dd>{site.inExam}</dd>
								</div>
								<div>
									<dt>{t('board.today.lapsed')}</dt>
									<dd>
										<Link
											to={`?site=${site.siteId}&need=lost`}
											aria-label={`${site.site} ${t('board.today.lapsed')} ${site.lapsed}`}
										>
											{site.lapsed}
										</Link>
									</dd>
								</div>
								<div>
									<dt>{t('board.today.week')}</dt>
									<dd>
										<Link
											to={`?site=${site.siteId}&need=week`}
											aria-label={`${site.site} ${t('board.today.week')} ${site.expiringThisWeek}`}
										>
											{site.expiringThisWeek}
										</Link>
									</dd>
								</div>
							</dl>
						</li>
					))}
				</ul>
			</section>
			<Form method="get" className="filters">
				<div className="field grow">
					<label htmlFor="q">{t('people.search')}</label>
					<input id="q" name="q" type="search" defaultValue={data.filter.q ?? ''} />
				</div>
				<FilterSelect
					name="site"
					label={t('people.site')}
					value={data.filter.site}
					options={data.sites.map((x) => ({ value: x.id, label: x.name }))}
				/>
				<FilterSelect
					name="cohort"
					label={t('people.cohort')}
					value={data.filter.cohort}
					options={data.cohorts.map((x) => ({ value: x.id, label: x.name }))}
				/>
				<div className="field">
					<label htmlFor="role">{t('people.role')}</label>
					<select id="role" name="role" defaultValue={data.filter.role}>
						<option value="clerk">{t('role.clerk')}</option>
						<option value="trainer">{t('role.trainer')}</option>
						<option value="all">{t('form.all')}</option>
					</select>
				</div>
				<div className="field">
					<label htmlFor="status">{t('board.status')}</label>
					<select id="status" name="status" defaultValue={data.filter.status ?? ''}>
						<option value="">{t('form.all')}</option>
						<option value="ready">{t('board.status.ready')}</option>
						<option value="almost">{t('board.status.almost')}</option>
						<option value="outdated">{t('board.status.outdated')}</option>
						<option value="progress">{t('board.status.progress')}</option>
					</select>
				</div>
				<div className="field">
					<label htmlFor="need">{t('board.need')}</label>
					<select id="need" name="need" defaultValue={data.filter.need ?? ''}>
						<option value="">{t('form.all')}</option>
						<option value="lost">{t('board.need.lost')}</option>
						<option value="week">{t('board.need.week')}</option>
					</select>
				</div>
				<div className="field">
					<label htmlFor="sort">{t('board.sort')}</label>
					<select id="sort" name="sort" defaultValue={data.filter.sort}>
						<option value="action">{t('board.sortAction')}</option>
						<option value="readiness">{t('board.sortReadyFirst')}</option>
						<option value="-readiness">{t('board.sortLeastFirst')}</option>
						<option value="name">{t('board.sortName')}</option>
					</select>
				</div>
				<div>
					<button type="submit" className="button">
						{t('form.filter')}
					</button>
				</div>
			</Form>
			<ul className="cards summary-cards" aria-label={t('board.summary')}>
				<li className="card">
					<strong>{data.counts.ready}</strong> {t('board.status.ready')}
				</li>
				<li className="card">
					<strong>{data.counts.almost}</strong> {t('board.status.almost')}
				</li>
				<li className="card">
					<strong>{data.counts.outdated}</strong> {t('board.status.outdated')}
				</li>
				<li className="card">
					<strong>{data.counts.progress}</strong> {t('board.status.progress')}
				</li>
			</ul>
			<h2>{t('board.matrix', { count: data.total })}</h2>
			<p className="muted">{t('board.legend')}</p>
			<div
				className="table-wrap board-wrap"
				tabIndex={0}
				aria-label={t('board.matrix', { count: data.total })}
			>
				<table className="board-table">
					<thead>
						<tr>
							<th scope="col">{t('people.displayName')}</th>
							<th scope="col">{t('board.gate')}</th>
							{data.categories.map((c) => (
								<th scope="col" key={c} className="num">
									{c}
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{data.rows.map((row) => (
							<tr key={row.id}>
								<th scope="row">
									<Link to={`/board/people/${row.id}`}>{row.displayName}</Link>
									<div className="muted small">
										{row.username} · {row.siteName}
										{row.cohortName ? ` · ${row.cohortName}` : ''}
									</div>
								</th>
								<td>
									<span className={statusBadge[row.status]}>{t(`board.status.${row.status}`)}</span>
									<div className="muted small">
										{t('board.servicesCount', { certified: row.certified, required: row.required })}
										{' · '}
										{t(`board.exam.${row.exam}`)}
										{row.expired > 0 ? ` · ${t('board.expiredCount', { n: row.expired })}` : ''}
										{row.outdated > 0
											? ` · ${
													row.outdatedChanges > 0
														? t('board.outdatedChanges', {
																n: row.outdated,
																m: row.outdatedChanges,
															})
														: t('board.outdatedCount', { n: row.outdated })
												}`
											: ''}
										{row.nextExpiry &&
										new Date(row.nextExpiry).getTime() - Date.parse(data.now) <= 7 * 86_400_000
											? ` · ${t('board.expiresOn', { date: formatDate(row.nextExpiry, language) })}`
											: ''}
									</div>
								</td>
								{row.cells.map((cell, i) => {
									const share = cell && cell.required > 0 ? cell.certified / cell.required : null
									return (
										<td key={data.categories[i]} className={`num heat ${band(share)}`}>
											{cell && cell.required > 0 ? (
												<>
													<span>{pct(share ?? 0)}</span>
													<span className="small">
														{' '}
														{cell.certified}/{cell.required}
													</span>
												</>
											) : (
												'—'
											)}
										</td>
									)
								})}
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<Pagination page={data.filter.page} hasNext={data.filter.page < pages} pages={pages} />
			<h2>{t('board.totals')}</h2>
			<div className="cards">
				{(['site', 'cohort'] as const).map((kind) => (
					<div className="table-wrap" key={kind} tabIndex={0}>
						<table>
							<caption>{kind === 'site' ? t('board.bySite') : t('board.byCohort')}</caption>
							<thead>
								<tr>
									<th scope="col">{kind === 'site' ? t('people.site') : t('people.cohort')}</th>
									<th scope="col" className="num">
										{t('board.people')}
									</th>
									<th scope="col" className="num">
										{t('board.status.ready')}
									</th>
									<th scope="col" className="num">
										{t('board.status.almost')}
									</th>
									<th scope="col" className="num">
										{t('board.certifiedShare')}
									</th>
								</tr>
							</thead>
							<tbody>
								{(kind === 'site' ? data.siteTotals : data.cohortTotals).map((g) => (
									<tr key={`${g.id}`}>
										<th scope="row">{g.name || t('people.noCohort')}</th>
										<td className="num">{g.people}</td>
										<td className="num">{g.ready}</td>
										<td className="num">{g.almost}</td>
										<td className="num">{pct(g.share)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				))}
			</div>
			<h2>{t('board.heatmap')}</h2>
			{data.heat ? (
				<>
					<div className="table-wrap" tabIndex={0}>
						<table className="heatmap">
							<caption className="sr-only">{t('board.heatmap')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('people.site')}</th>
									{data.categories.map((c) => (
										<th scope="col" key={c}>
											{c}
										</th>
									))}
								</tr>
							</thead>
							<tbody>
								{data.heat.map((row) => (
									<tr key={row.site}>
										<th scope="row">{row.site}</th>
										{row.cells.map((cell) => (
											<td key={cell.category} className={`num heat ${band(cell.share)}`}>
												{cell.share === null ? '—' : pct(cell.share)}
											</td>
										))}
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</>
			) : (
				<p>
					<a href="?heat=1">{t('board.showHeatmap')}</a>
				</p>
			)}
			<h2>{t('board.trend')}</h2>
			<div className="chart-stack">
				<LineChart
					title={t('board.trendBySite')}
					xLabel={t('board.trendX')}
					yLabel={t('board.trendY')}
					format={(y) => pct(y)}
					formatX={(day) => formatDay(day, language)}
					formatXLong={(day) => formatDate(`${day}T12:00:00+08:00`, language)}
					empty={t('board.trendEmpty')}
					series={data.siteTrend.map((s) => ({
						name: s.name,
						points: s.points.map((p) => ({ x: p.day, y: p.share })),
					}))}
				/>
				<LineChart
					title={t('board.trendByCohort')}
					xLabel={t('board.trendX')}
					yLabel={t('board.trendY')}
					format={(y) => pct(y)}
					formatX={(day) => formatDay(day, language)}
					formatXLong={(day) => formatDate(`${day}T12:00:00+08:00`, language)}
					empty={t('board.trendEmpty')}
					series={data.cohortTrend.map((s) => ({
						name: s.name || t('people.noCohort'),
						points: s.points.map((p) => ({ x: p.day, y: p.share })),
					}))}
				/>
			</div>
		</div>
	)
}
