import { Pagination } from '#app/components/ui/pagination.tsx'
import { FilterSelect } from '#app/components/ui/form.tsx'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '#app/modules/auth/require.server.ts'
import {
	listCohorts,
	listSites,
	listUsers,
	managedSiteIds,
} from '#app/modules/people/people.server.ts'
import { peopleFilterSchema } from '#app/modules/people/forms.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.people')

const pageSize = 50

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	const filter = peopleFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const [sites, cohorts, result] = await Promise.all([
		listSites(scope),
		listCohorts(),
		listUsers({ ...filter, siteId: filter.site, cohortId: filter.cohort, pageSize }, scope),
	])
	return { actorRole: actor.role, sites, cohorts, filter, ...result, pageSize }
}

export default function People() {
	const t = useT()
	const { sites, cohorts, filter, rows, total, pageSize } = useLoaderData<typeof loader>()
	return (
		<div className="page">
			<h1>{t('people.title')}</h1>
			<div className="page-actions">
				<Link to="/people/new" className="button">
					{t('people.new')}
				</Link>
				<Link to="/people/import" className="button secondary">
					{t('people.import')}
				</Link>
			</div>
			<Form method="get" className="filters" role="search">
				<div className="field grow">
					<label htmlFor="q">{t('people.search')}</label>
					<input id="q" name="q" type="search" defaultValue={filter.q ?? ''} />
				</div>
				<FilterSelect
					name="site"
					label={t('people.site')}
					value={filter.site}
					options={sites.map((x) => ({ value: x.id, label: x.name }))}
				/>
				<FilterSelect
					name="cohort"
					label={t('people.cohort')}
					value={filter.cohort}
					options={cohorts.map((x) => ({ value: x.id, label: x.name }))}
				/>
				<div className="field">
					<label htmlFor="role">{t('people.role')}</label>
					<select id="role" name="role" defaultValue={filter.role ?? ''}>
						<option value="">{t('form.all')}</option>
						<option value="clerk">{t('role.clerk')}</option>
						<option value="trainer">{t('role.trainer')}</option>
						<option value="admin">{t('role.admin')}</option>
					</select>
				</div>
				<div className="field">
					<label htmlFor="status">{t('people.status')}</label>
					<select id="status" name="status" defaultValue={filter.status ?? ''}>
						<option value="">{t('form.all')}</option>
						<option value="active">{t('people.active')}</option>
						<option value="inactive">{t('people.inactive')}</option>
					</select>
				</div>
				<div>
					<button type="submit" className="button">
						{t('form.filter')}
					</button>
				</div>
			</Form>
			<p aria-live="polite">{t('people.count', { count: total })}</p>
			{rows.length === 0 ? (
				<p>{t('people.none')}</p>
			) : (
				<div className="table-wrap" tabIndex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('people.username')}</th>
								<th scope="col">{t('people.displayName')}</th>
								<th scope="col">{t('people.role')}</th>
								<th scope="col">{t('people.site')}</th>
								<th scope="col">{t('people.cohort')}</th>
								<th scope="col">{t('people.status')}</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id}>
									<td>
										<Link to={`/people/${row.id}`}>{row.username}</Link>
									</td>
									<td>{row.displayName}</td>
									<td>{t(`role.${row.role}`)}</td>
									<td>{row.siteName}</td>
									<td>{row.cohortName ?? t('people.noCohort')}</td>
									<td>
										<span className={row.active ? 'badge badge-ok' : 'badge'}>
											{row.active ? t('people.active') : t('people.inactive')}
										</span>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<Pagination page={filter.page} hasNext={filter.page * pageSize < total} />
		</div>
	)
}
