import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { caseAction, loadCase } from './queries.server.ts'

export const meta: MetaFunction = () => [{ title: '零拒绝诉求 · 一窗通学' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadCase(request, params.id)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const result = await caseAction(request, params.id)
	return data(result, { status: result.ok ? 200 : 400 })
}

export default function ZeroRefusalCase() {
	const t = useT()
	const language = useLanguage()
	const { item, standard, canTriage, template } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const failed = result && !result.ok ? result : null
	const values = failed?.values && failed.values.intent === 'standard' ? failed.values : null
	return (
		<div className="page reading">
			<nav className="breadcrumbs" aria-label="breadcrumb">
				<ol>
					<li>
						<Link to="/zero-refusal">{t('zr.title')}</Link>
					</li>
				</ol>
			</nav>
			<h1>{t('zr.case', { id: item.id })}</h1>
			<dl>
				<dt>{t('zr.when')}</dt>
				<dd>{formatDateTime(item.createdAt, language)}</dd>
				<dt>{t('zr.status')}</dt>
				<dd>{t(`zr.status.${item.status}`)}</dd>
				<dt>{t('zr.question')}</dt>
				<dd>{item.question}</dd>
				<dt>{t('zr.services')}</dt>
				<dd>
					{item.services.map((code) => (
						<Link key={code} to={`/services/${code}`} style={{ marginRight: '0.5em' }}>
							{code}
						</Link>
					))}
				</dd>
				<dt>{t('zr.lacking')}</dt>
				<dd>{item.lacking}</dd>
				{item.triageNote ? (
					<>
						<dt>{t('zr.triageNote')}</dt>
						<dd>{item.triageNote}</dd>
					</>
				) : null}
			</dl>
			{standard ? (
				<section className="notice ok" aria-labelledby="standard-title">
					<h2 id="standard-title" style={{ marginTop: 0 }}>
						{t('zr.published', { title: standard.title })}
					</h2>
					<p>{standard.text}</p>
					{canTriage ? (
						<ul>
							{item.services.map((code) => (
								<li key={code}>
									<Link
										to={`/editor/${code}?reason=${encodeURIComponent(`零拒绝处理标准：${standard.title}`)}`}
									>
										{t('zr.editService', { code })}
									</Link>
								</li>
							))}
						</ul>
					) : null}
				</section>
			) : null}
			{failed ? (
				<div className="notice error" role="alert">
					<ul>
						{failed.problems.map((p) => (
							<li key={p}>{p}</li>
						))}
					</ul>
				</div>
			) : null}
			{canTriage && item.status === 'registered' ? (
				<Form method="post">
					<h2>{t('zr.triage')}</h2>
					<div className="field">
						<label htmlFor="note">{t('zr.triageNote')}</label>
						<textarea id="note" name="note" rows={2} maxLength={1000} />
					</div>
					<button type="submit" name="intent" value="triage" className="button">
						{t('zr.triage')}
					</button>
				</Form>
			) : null}
			{canTriage && !standard ? (
				<Form method="post">
					<h2>{t('zr.resolve')}</h2>
					<div className="field">
						<label htmlFor="title">{t('zr.standardTitle')}</label>
						<input id="title" name="title" maxLength={200} defaultValue={values?.title ?? ''} />
					</div>
					<div className="field">
						<label htmlFor="standard">{t('zr.standardText')}</label>
						<textarea
							id="standard"
							name="standard"
							rows={4}
							maxLength={5000}
							defaultValue={values?.standard ?? ''}
						/>
					</div>
					<div className="field">
						<label htmlFor="scenario">{t('zr.scenario')}</label>
						<textarea
							id="scenario"
							name="scenario"
							rows={20}
							className="mono"
							defaultValue={values?.scenario ?? template}
							aria-describedby="scenario-help"
						/>
						<p id="scenario-help" className="muted small">
							{t('zr.scenarioHelp')}
						</p>
					</div>
					<button type="submit" name="intent" value="standard" className="button">
						{t('zr.publish')}
					</button>
				</Form>
			) : null}
			{result?.ok ? <Notice tone="ok">✓</Notice> : null}
		</div>
	)
}
