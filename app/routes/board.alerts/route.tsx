import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import { alertKinds } from '#app/modules/readiness/alert-kinds.ts'
import {
	alertPageSize,
	loadAlertPage,
	standingAlertCounts,
	type AlertKind,
} from '#app/modules/readiness/drilldown.server.ts'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { formatDate } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.alerts')

const querySchema = z.object({
	kind: z.enum(alertKinds).catch('expiring'),
	page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const params = new URL(request.url).searchParams
	const { kind, page } = querySchema.parse({
		kind: params.get('kind') ?? 'expiring',
		page: params.get('page') ?? 1,
	})
	// One page of people for the list shown; the tabs' counts from the stored standing (the
	// never-attempted and failed lists are counted when shown).
	const [list, standing] = await Promise.all([
		loadAlertPage(kind, scope, page),
		standingAlertCounts(scope, undefined, kind),
	])
	const counts: Partial<Record<AlertKind, { items: number; people: number }>> = {
		...standing,
		[kind]: { items: list.items, people: list.people },
	}
	return {
		kind,
		page,
		pages: Math.max(1, Math.ceil(list.people / alertPageSize)),
		counts,
		rows: list.rows,
	}
}

export default function Alerts() {
	const t = useT()
	const language = useLanguage()
	const { kind, page, pages, counts, rows } = useLoaderData<typeof loader>()
	// One row per person, with how many and which services (the list was hundreds of lines).
	const people: Array<{ first: (typeof rows)[number]; items: typeof rows }> = []
	const byPerson = new Map<string, (typeof people)[number]>()
	for (const row of rows) {
		const entry = byPerson.get(row.userId)
		if (entry) entry.items.push(row)
		else {
			const created = { first: row, items: [row] }
			byPerson.set(row.userId, created)
			people.push(created)
		}
	}
	return (
		<div className="page">
			<Breadcrumbs trail={[{ to: '/board', label: t('nav.board') }]} current={t('board.alerts')} />
			<h1>{t('board.alerts')}</h1>
			<nav aria-label={t('board.alerts')}>
				<ul className="tabs">
					{alertKinds.map((k) => (
						<li key={k}>
							<Link to={`?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
								{t(`alerts.${k}`)}
								{counts[k]
									? `（${t('alerts.countPeople', { n: counts[k]?.items ?? 0, people: counts[k]?.people ?? 0 })}）`
									: ''}
							</Link>
						</li>
					))}
				</ul>
			</nav>
			<p className="muted">{t(`alerts.${kind}.help`)}</p>
			<p className="page-actions">
				<a href={`/board/export?what=alerts&kind=${kind}&format=xlsx`}>{t('board.exportXlsx')}</a>
				<a href={`/board/export?what=alerts&kind=${kind}&format=csv`}>{t('board.exportCsv')}</a>
			</p>
			{rows.length === 0 ? (
				<p>{t('alerts.none')}</p>
			) : (
				<div className="table-wrap" tabIndex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('people.displayName')}</th>
								<th scope="col">{t('people.site')}</th>
								<th scope="col" className="num">
									{t('alerts.count')}
								</th>
								<th scope="col">
									{kind === 'never' ? t(`alerts.${kind}.date`) : t('board.service')}
								</th>
							</tr>
						</thead>
						<tbody>
							{people.map(({ first, items }) => (
								<tr key={first.userId}>
									<th scope="row">
										<Link to={`/board/people/${first.userId}`}>{first.displayName}</Link>{' '}
										<span className="muted">{first.username}</span>
									</th>
									<td>{first.siteName}</td>
									<td className="num">{items.length}</td>
									<td>
										{kind === 'never' ? (
											first.date ? (
												formatDate(first.date, language)
											) : (
												'—'
											)
										) : (
											<ul className="alert-items">
												{items.map((r, i) => (
													<li key={`${r.serviceCode ?? ''}-${i}`}>
														{r.serviceCode ? (
															<Link to={`/board/services/${r.serviceCode}`}>{r.serviceName}</Link>
														) : (
															'—'
														)}
														<span className="muted small">
															{' '}
															{t(`alerts.${kind}.date`)}{' '}
															{r.date ? formatDate(r.date, language) : '—'}
															{(kind === 'outdated' || kind === 'failed') && r.detail
																? ` · ${t(`alerts.${kind}.detail`)}：${r.detail}`
																: ''}
														</span>
													</li>
												))}
											</ul>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<Pagination page={page} hasNext={page < pages} pages={pages} />
		</div>
	)
}
