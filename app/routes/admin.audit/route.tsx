import { Pagination } from '#app/components/ui/pagination.tsx'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { auditActions, isAuditAction } from '#app/modules/audit/actions.ts'
import { listAuditEvents } from '#app/modules/audit/audit.server.ts'
import { describeAuditDetails } from '#app/modules/audit/describe.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { isoDate } from '#app/utils/schemas.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.audit')

const filterSchema = z.object({
	action: z.enum(auditActions).optional().catch(undefined),
	from: isoDate.optional().catch(undefined),
	to: isoDate.optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})

const pageSize = 50

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, ['admin', 'trainer'])
	// Trainers read the events of the sites they manage; admins read all.
	const sites = await managedSiteIds(user)
	const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const result = await listAuditEvents({
		action: filter.action,
		// Dates are the hall's days (UTC+8).
		from: filter.from ? new Date(`${filter.from}T00:00:00+08:00`) : undefined,
		to: filter.to
			? new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000)
			: undefined,
		page: filter.page,
		pageSize,
		siteIds: sites ?? undefined,
	})
	return {
		filter,
		hasMore: result.hasMore,
		rows: result.rows.map(({ details, ...row }) => ({
			...row,
			lines: describeAuditDetails(row.action, details),
		})),
	}
}

export default function Audit() {
	const t = useT()
	const language = useLanguage()
	const { filter, rows, hasMore } = useLoaderData<typeof loader>()
	return (
		<div className="page">
			<h1>{t('nav.audit')}</h1>
			<p className="muted">{t('audit.help')}</p>
			<Form method="get" className="filters">
				<div className="field">
					<label htmlFor="action">{t('audit.action')}</label>
					<select id="action" name="action" defaultValue={filter.action ?? ''}>
						<option value="">{t('form.all')}</option>
						{auditActions.map((a) => (
							<option key={a} value={a}>
								{t(`audit.${a}`)}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="from">{t('audit.from')}</label>
					<input id="from" name="from" type="date" defaultValue={filter.from ?? ''} />
				</div>
				<div className="field">
					<label htmlFor="to">{t('audit.to')}</label>
					<input id="to" name="to" type="date" defaultValue={filter.to ?? ''} />
				</div>
				<div>
					<button type="submit" className="button">
						{t('form.filter')}
					</button>
				</div>
			</Form>
			{rows.length === 0 ? (
				<p>{t('audit.none')}</p>
			) : (
				<div className="table-wrap" tabIndex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('audit.when')}</th>
								<th scope="col">{t('audit.who')}</th>
								<th scope="col">{t('audit.action')}</th>
								<th scope="col">{t('audit.details')}</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id}>
									<td>{formatDateTime(row.at, language)}</td>
									<td>{row.actorName ?? t('audit.system')}</td>
									<td>{isAuditAction(row.action) ? t(`audit.${row.action}`) : row.action}</td>
									<td>
										<ul className="audit-details">
											{row.lines.map((line, i) => (
												<li key={i}>{line}</li>
											))}
										</ul>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<Pagination page={filter.page} hasNext={hasMore} />
		</div>
	)
}
