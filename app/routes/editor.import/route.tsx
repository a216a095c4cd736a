import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { useT } from '#app/utils/use-root-data.ts'
import { importAction, loadImportPage } from './queries.server.ts'

export const meta: MetaFunction = () => [{ title: '导入办事指南 · 一窗通学' }]

export async function loader({ request }: LoaderFunctionArgs) {
	return loadImportPage(request)
}

export async function action({ request }: ActionFunctionArgs) {
	return importAction(request)
}

export default function ManualImport() {
	const t = useT()
	const { published } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	return (
		<div className="page reading">
			<h1>{t('manualImport.title')}</h1>
			<p className="muted">{t('manualImport.help')}</p>
			{published && !result ? (
				<Notice tone="ok">{t('manualImport.published', { n: published })}</Notice>
			) : null}
			<Form method="post" encType="multipart/form-data">
				<div className="field">
					<label htmlFor="file">{t('manualImport.file')}</label>
					<input id="file" name="file" type="file" accept=".csv,.xlsx" required />
				</div>
				<button type="submit" className="button">
					{t('manualImport.check')}
				</button>
			</Form>
			{result && result.problems.length > 0 ? (
				<div className="notice error" role="alert">
					<h2 style={{ marginTop: 0 }}>
						{t('manualImport.problems', { n: result.problems.length })}
					</h2>
					<ul>
						{result.problems.slice(0, 200).map((p, i) => (
							<li key={i}>
								{p.where}：{p.message}
							</li>
						))}
					</ul>
				</div>
			) : null}
			{result && result.problems.length === 0 ? (
				<section aria-labelledby="changes-title">
					<h2 id="changes-title">
						{t('manualImport.changes', { n: result.changes.length, same: result.unchanged })}
					</h2>
					{result.changes.map((c) => (
						<section key={c.code} className="card" aria-label={`${c.code} ${c.name}`}>
							<h3>
								{c.code} {c.name}
							</h3>
							<ul className="diff">
								{[...c.changes, ...c.editorial].map((line) => (
									<li key={line}>{line}</li>
								))}
							</ul>
						</section>
					))}
					{result.staged ? (
						<Form method="post">
							<input type="hidden" name="staged" value={result.staged} />
							<div className="field">
								<label htmlFor="reason">{t('editor.reason')}</label>
								<input id="reason" name="reason" maxLength={500} required />
							</div>
							<button type="submit" name="intent" value="publish" className="button">
								{t('manualImport.publish', { n: result.changes.length })}
							</button>
						</Form>
					) : null}
				</section>
			) : null}
		</div>
	)
}
