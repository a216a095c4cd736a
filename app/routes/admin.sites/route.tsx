import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Notice } from '#app/components/ui/form.tsx'
import { requireRole } from '#app/modules/auth/require.server.ts'
import {
	createCohort,
	createSite,
	listCohorts,
	listSitesWithCounts,
} from '#app/modules/people/people.server.ts'
import { translateLoose } from '#app/utils/i18n/index.ts'
import { hasControlCharacters, isoDate } from '#app/utils/schemas.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.sites')

const siteSchema = z.object({
	intent: z.literal('site'),
	code: z
		.string({ message: 'form.required' })
		.trim()
		.regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'sites.codeFormat'),
	name: z
		.string({ message: 'form.required' })
		.trim()
		.min(1, 'form.required')
		.max(40, 'form.tooLong')
		.refine((v) => !hasControlCharacters(v), 'form.invalid'),
	kind: z.enum(['hall', 'point'], { message: 'form.required' }),
})
const cohortSchema = z.object({
	intent: z.literal('cohort'),
	name: z
		.string({ message: 'form.required' })
		.trim()
		.min(1, 'form.required')
		.max(40, 'form.tooLong')
		.refine((v) => !hasControlCharacters(v), 'form.invalid'),
	startsOn: isoDate.optional(),
})
const schema = z.discriminatedUnion('intent', [siteSchema, cohortSchema])

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['admin'])
	const [sites, cohorts] = await Promise.all([listSitesWithCounts(null), listCohorts()])
	return { sites, cohorts }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, ['admin'])
	const submission = parseWithZod(await request.formData(), { schema })
	if (submission.status !== 'success')
		return data({ result: submission.reply(), message: null }, { status: 400 })
	const value = submission.value
	if (value.intent === 'site') {
		const created = await createSite(value, actor)
		if (!created.ok)
			return data(
				{ result: submission.reply({ formErrors: ['sites.exists'] }), message: null },
				{ status: 409 },
			)
		return data(
			{ result: submission.reply({ resetForm: true }), message: 'sites.created' as const },
			{ status: 201 },
		)
	}
	const created = await createCohort(value.name, value.startsOn ?? null, actor)
	if (!created.ok)
		return data(
			{ result: submission.reply({ formErrors: ['cohorts.exists'] }), message: null },
			{ status: 409 },
		)
	return data(
		{ result: submission.reply({ resetForm: true }), message: 'cohorts.created' as const },
		{ status: 201 },
	)
}

export default function Sites() {
	const t = useT()
	const { sites, cohorts } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData?.result.error ? Object.values(actionData.result.error).flat() : []
	return (
		<div className="page">
			<h1>{t('sites.title')}</h1>
			{actionData?.message ? <Notice tone="ok">{t(actionData.message)}</Notice> : null}
			{errors.length > 0 ? (
				<div className="error-message" role="alert">
					{errors.map((e) => (
						<p key={e} style={{ margin: 0 }}>
							{translateLoose(t, e ?? '')}
						</p>
					))}
				</div>
			) : null}
			<div className="table-wrap" tabIndex={0}>
				<table>
					<thead>
						<tr>
							<th scope="col">{t('sites.name')}</th>
							<th scope="col">{t('sites.code')}</th>
							<th scope="col">{t('sites.kind')}</th>
							<th scope="col" className="num">
								{t('sites.people')}
							</th>
							<th scope="col">{t('sites.services')}</th>
						</tr>
					</thead>
					<tbody>
						{sites.map((site) => (
							<tr key={site.id}>
								<td>{site.name}</td>
								<td>{site.code}</td>
								<td>{t(`siteKind.${site.kind}`)}</td>
								<td className="num">{site.people}</td>
								<td>
									{site.offersAllServices ? (
										t('sites.allServices')
									) : (
										<Link to={`/admin/sites/${site.id}/services`}>
											{t('sites.serviceCount', { count: site.services })} ·{' '}
											{t('sites.editServices')}
										</Link>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<h2>{t('sites.new')}</h2>
			<Form method="post" className="form">
				<input type="hidden" name="intent" value="site" />
				<div className="field">
					<label htmlFor="site-name">{t('sites.name')}</label>
					<input id="site-name" name="name" type="text" required maxLength={40} />
				</div>
				<div className="field">
					<label htmlFor="site-code">{t('sites.code')}</label>
					<span className="hint" id="site-code-hint">
						{t('sites.codeFormat')}
					</span>
					<input
						id="site-code"
						name="code"
						type="text"
						required
						pattern="[a-z0-9][a-z0-9\-]{1,31}"
						aria-describedby="site-code-hint"
					/>
				</div>
				<div className="field">
					<label htmlFor="site-kind">{t('sites.kind')}</label>
					<select id="site-kind" name="kind" defaultValue="point">
						<option value="point">{t('siteKind.point')}</option>
						<option value="hall">{t('siteKind.hall')}</option>
					</select>
				</div>
				<div>
					<button type="submit" className="button">
						{t('sites.new')}
					</button>
				</div>
			</Form>
			<h2>{t('cohorts.title')}</h2>
			<ul>
				{cohorts.map((c) => (
					<li key={c.id}>
						{c.name}
						{c.startsOn ? <span className="muted">（{c.startsOn}）</span> : null}
					</li>
				))}
			</ul>
			<Form method="post" className="form">
				<input type="hidden" name="intent" value="cohort" />
				<div className="field">
					<label htmlFor="cohort-name">{t('cohorts.name')}</label>
					<input id="cohort-name" name="name" type="text" required maxLength={40} />
				</div>
				<div className="field">
					<label htmlFor="cohort-start">{t('cohorts.startsOn')}</label>
					<input id="cohort-start" name="startsOn" type="date" />
				</div>
				<div>
					<button type="submit" className="button">
						{t('cohorts.new')}
					</button>
				</div>
			</Form>
		</div>
	)
}
