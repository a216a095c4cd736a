import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import { alertKinds } from '#app/modules/readiness/alert-kinds.ts'
import { loadAlerts } from '#app/modules/readiness/drilldown.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.alerts')

const kindSchema = z.enum(alertKinds).catch('expiring')

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const kind = kindSchema.parse(new URL(request.url).searchParams.get('kind') ?? 'expiring')
	const lists = await Promise.all(
		alertKinds.map(async (k) => [k, await loadAlerts(k, scope)] as const),
	)
	const counts = Object.fromEntries(lists.map(([k, rows]) => [k, rows.length]))
	return { kind, counts, rows: lists.find(([k]) => k === kind)?.[1] ?? [] }
}

export default function Alerts() {
	const t = useT()
	const language = useLanguage()
	const { kind, counts, rows } = useLoaderData<typeof loader>()
	return (
		<div className="page">
			<Breadcrumbs trail={[{ to: '/board', label: t('nav.board') }]} current={t('board.alerts')} />
			<h1>{t('board.alerts')}</h1>
			<nav aria-label={t('board.alerts')}>
				<ul className="tabs">
					{alertKinds.map((k) => (
						<li key={k}>
							<Link to={`?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
								{t(`alerts.${k}`)}（{counts[k] ?? 0}）
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
								{kind !== 'never' ? <th scope="col">{t('board.service')}</th> : null}
								<th scope="col">{t(`alerts.${kind}.date`)}</th>
								{kind === 'outdated' || kind === 'failed' ? (
									<th scope="col">{t(`alerts.${kind}.detail`)}</th>
								) : null}
							</tr>
						</thead>
						<tbody>
							{rows.map((r, i) => (
								<tr key={`${r.userId}-${r.serviceCode ?? ''}-${i}`}>
									<th scope="row">
										<Link to={`/board/people/${r.userId}`}>{r.displayName}</Link>{' '}
										<span className="muted">{r.username}</span>
									</th>
									<td>{r.siteName}</td>
									{kind !== 'never' ? (
										<td>
											{r.serviceCode ? (
												<Link to={`/board/services/${r.serviceCode}`}>{r.serviceName}</Link>
											) : (
												'—'
											)}
										</td>
									) : null}
									<td>{r.date ? formatDate(r.date, language) : '—'}</td>
									{kind === 'outdated' || kind === 'failed' ? <td>{r.detail}</td> : null}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</div>
	)
}
