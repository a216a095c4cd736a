import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CertificationBadge } from '#app/components/certification-badge.tsx'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import { serviceDetail } from '#app/modules/readiness/drilldown.server.ts'
import { serviceItemAnalysis } from '#app/modules/reports/item-analysis.server.ts'
import { formatDate, formatPercent } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.service.name} · 就绪看板` : '就绪看板' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const detail = await serviceDetail(params.code ?? '', scope)
	if (!detail) throw new Response('Not found', { status: 404 })
	const items = await serviceItemAnalysis(detail.service.code, scope)
	return { ...detail, items }
}

export default function ServiceOnBoard() {
	const t = useT()
	const language = useLanguage()
	const { service, attempts, passed, people, items } = useLoaderData<typeof loader>()
	const count = (status: string) => people.filter((p) => p.status === status).length
	const pct = (n: number) => formatPercent(n * 100, language)
	return (
		<div className="page">
			<Breadcrumbs
				trail={[
					{ to: '/board', label: t('nav.board') },
					{ to: '/board/items', label: t('board.itemAnalysis') },
				]}
				current={service.name}
			/>
			<h1>{service.name}</h1>
			<p>
				<Link to={`/services/${service.code}`}>{t('board.openLesson')}</Link> ·{' '}
				<code>{service.revision}</code>
			</p>
			<ul className="cards summary-cards">
				<li className="card">
					<strong>{count('valid') + count('expiring')}</strong> {t('board.certifiedPeople')}
				</li>
				<li className="card">
					<strong>{count('outdated')}</strong> {t('status.outdated')}
				</li>
				<li className="card">
					<strong>{count('none') + count('expired')}</strong> {t('board.notCertified')}
				</li>
				<li className="card">
					<strong>{attempts === 0 ? '—' : pct(passed / attempts)}</strong>{' '}
					{t('board.passRate', { attempts })}
				</li>
			</ul>
			<h2>{t('board.itemsTitle')}</h2>
			<p className="muted">{t('board.itemsHelp')}</p>
			{items.length === 0 ? (
				<p>{t('board.noData')}</p>
			) : (
				<div className="table-wrap" tabIndex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('board.item')}</th>
								<th scope="col" className="num">
									{t('board.responses')}
								</th>
								<th scope="col" className="num">
									{t('board.difficulty')}
								</th>
								<th scope="col" className="num">
									{t('board.discrimination')}
								</th>
								<th scope="col">{t('board.topWrong')}</th>
							</tr>
						</thead>
						<tbody>
							{items.map((item) => (
								<tr key={item.itemId} className={item.flagged ? 'flagged' : undefined}>
									<th scope="row">
										{item.flagged ? (
											<span className="badge badge-bad">{t('board.flagged')}</span>
										) : null}{' '}
										{item.stemHtml ? (
											<span
												className="markdown"
												dangerouslySetInnerHTML={{ __html: item.stemHtml }}
											/>
										) : (
											item.itemId
										)}
										<div className="muted small">
											{item.itemId}
											{item.retired ? ` · ${t('board.retiredItem')}` : ''}
										</div>
									</th>
									<td className="num">{item.responses}</td>
									<td className="num">{pct(item.difficulty)}</td>
									<td className="num">
										{item.discrimination === null ? '—' : item.discrimination.toFixed(2)}
									</td>
									<td>
										{item.topWrongHtml ? (
											<>
												<span
													className="markdown"
													dangerouslySetInnerHTML={{ __html: item.topWrongHtml }}
												/>
												（{item.topWrongChoice?.count ?? 0}）
											</>
										) : (
											'—'
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<h2>{t('board.peopleTitle')}</h2>
			<div className="table-wrap" tabIndex={0}>
				<table>
					<thead>
						<tr>
							<th scope="col">{t('people.displayName')}</th>
							<th scope="col">{t('people.site')}</th>
							<th scope="col">{t('board.status')}</th>
							<th scope="col">{t('board.expires')}</th>
						</tr>
					</thead>
					<tbody>
						{people.map((p) => (
							<tr key={p.id}>
								<th scope="row">
									<Link to={`/board/people/${p.id}`}>{p.displayName}</Link>{' '}
									<span className="muted">{p.username}</span>
								</th>
								<td>{p.siteName}</td>
								<td>
									<CertificationBadge status={p.status} />
								</td>
								<td>{p.expiresAt ? formatDate(p.expiresAt, language) : '—'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</div>
	)
}
