import {
	data,
	redirect,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { loadRegister, recordFromForm } from './queries.server.ts'

export const meta: MetaFunction = () => [{ title: '零拒绝登记 · 一窗通学' }]

export async function loader({ request }: LoaderFunctionArgs) {
	return loadRegister(request)
}

export async function action({ request }: ActionFunctionArgs) {
	const result = await recordFromForm(request)
	if (result.ok) throw redirect(`/zero-refusal?recorded=${result.id}`)
	return data(result, { status: 400 })
}

export default function ZeroRefusalRegister() {
	const t = useT()
	const language = useLanguage()
	const { counts, cases, recorded } = useLoaderData<typeof loader>()
	const failed = useActionData<typeof action>()
	return (
		<div className="page">
			<h1>{t('zr.title')}</h1>
			<p className="muted">{t('zr.help')}</p>
			<section aria-labelledby="counts-title">
				<h2 id="counts-title">{t('zr.counts')}</h2>
				<dl className="cards">
					<div className="card">
						<dt>{t('zr.requests')}</dt>
						<dd>{counts.requests}</dd>
					</div>
					<div className="card">
						<dt>{t('zr.workOrders')}</dt>
						<dd>{counts.workOrders}</dd>
					</div>
					<div className="card">
						<dt>{t('zr.closedOnSpot')}</dt>
						<dd>{counts.closedOnSpot}</dd>
					</div>
					<div className="card">
						<dt>{t('zr.standards')}</dt>
						<dd>{counts.standards}</dd>
					</div>
				</dl>
			</section>
			{recorded ? <Notice tone="ok">{t('zr.recorded', { id: recorded })}</Notice> : null}
			<section aria-labelledby="record-title">
				<h2 id="record-title">{t('zr.record')}</h2>
				{failed ? (
					<div className="notice error" role="alert">
						<ul>
							{failed.problems.map((p) => (
								<li key={p.message}>{p.message}</li>
							))}
						</ul>
					</div>
				) : null}
				<Form method="post">
					<div className="field">
						<label htmlFor="question">{t('zr.question')}</label>
						<textarea
							id="question"
							name="question"
							rows={3}
							required
							maxLength={1000}
							defaultValue={failed?.values.question ?? ''}
						/>
					</div>
					<div className="field">
						<label htmlFor="services">{t('zr.services')}</label>
						<input
							id="services"
							name="services"
							required
							maxLength={200}
							defaultValue={failed?.values.services ?? ''}
						/>
					</div>
					<div className="field">
						<label htmlFor="lacking">{t('zr.lacking')}</label>
						<textarea
							id="lacking"
							name="lacking"
							rows={2}
							required
							maxLength={1000}
							defaultValue={failed?.values.lacking ?? ''}
						/>
					</div>
					<div className="field">
						<label>
							<input type="checkbox" name="closedOnSpot" value="yes" /> {t('zr.onSpot')}
						</label>
					</div>
					<button type="submit" className="button">
						{t('zr.submit')}
					</button>
				</Form>
			</section>
			<section aria-labelledby="list-title">
				<h2 id="list-title">{t('zr.list')}</h2>
				{cases.length === 0 ? (
					<p>{t('zr.none')}</p>
				) : (
					<div className="table-wrap" tabIndex={0}>
						<table>
							<thead>
								<tr>
									<th scope="col">{t('zr.when')}</th>
									<th scope="col">{t('zr.question')}</th>
									<th scope="col">{t('zr.status')}</th>
								</tr>
							</thead>
							<tbody>
								{cases.map((c) => (
									<tr key={c.id}>
										<td>{formatDateTime(c.createdAt, language)}</td>
										<td>
											<Link to={`/zero-refusal/${c.id}`}>{c.question.slice(0, 60)}</Link>
										</td>
										<td>{t(`zr.status.${c.status}`)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>
		</div>
	)
}
