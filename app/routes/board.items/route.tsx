import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import { serviceFailureRates } from '#app/modules/reports/item-analysis.server.ts'
import { formatPercent } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.items')

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	return { services: await serviceFailureRates(await managedSiteIds(actor)) }
}

export default function ItemAnalysisOverview() {
	const t = useT()
	const language = useLanguage()
	const { services } = useLoaderData<typeof loader>()
	return (
		<div className="page">
			<Breadcrumbs
				trail={[{ to: '/board', label: t('nav.board') }]}
				current={t('board.itemAnalysis')}
			/>
			<h1>{t('board.itemAnalysis')}</h1>
			<p>{t('board.failuresHelp')}</p>
			{services.length === 0 ? (
				<p>{t('board.noData')}</p>
			) : (
				<div className="table-wrap" tabIndex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('board.service')}</th>
								<th scope="col" className="num">
									{t('board.attempts')}
								</th>
								<th scope="col" className="num">
									{t('board.people')}
								</th>
								<th scope="col" className="num">
									{t('board.passRateShort')}
								</th>
							</tr>
						</thead>
						<tbody>
							{services.map((s) => (
								<tr key={s.code}>
									<th scope="row">
										<Link to={`/board/services/${s.code}`}>{s.name}</Link>
									</th>
									<td className="num">{s.attempts}</td>
									<td className="num">{s.people}</td>
									<td className="num">{formatPercent(s.passRate * 100, language)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</div>
	)
}
