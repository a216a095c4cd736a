import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { ItemFields } from '#app/components/quiz/item-fields.tsx'
import { ItemResult } from '#app/components/quiz/item-result.tsx'
import { Notice } from '#app/components/ui/form.tsx'
import { formatDate } from '#app/utils/format.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { handleNotebook, loadNotebook } from './queries.server.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.notebook')

export async function loader({ request }: LoaderFunctionArgs) {
	return loadNotebook(request)
}

export async function action({ request }: ActionFunctionArgs) {
	return handleNotebook(request)
}

export default function Notebook() {
	const t = useT()
	const language = useLanguage()
	const { entries, current } = useLoaderData<typeof loader>()
	const outcome = useActionData<typeof action>()
	const submitting = useNavigation().state === 'submitting'
	const feedback = useRef<HTMLHeadingElement>(null)
	const answered = outcome?.ok ? outcome : null
	useEffect(() => {
		if (answered) feedback.current?.focus()
	}, [answered])
	return (
		<div className="page reading">
			<h1>{t('nav.notebook')}</h1>
			<p className="muted">{t('notebook.intro')}</p>
			{answered ? (
				<section aria-labelledby="notebook-feedback">
					<h2 id="notebook-feedback" tabIndex={-1} ref={feedback}>
						{answered.review.correct ? t('notebook.cleared') : t('notebook.again')}
					</h2>
					<ol className="result-list">
						<ItemResult item={answered.review} />
					</ol>
					<p>
						<Link to="/notebook" className="button">
							{t('notebook.continue')}
						</Link>
					</p>
				</section>
			) : current ? (
				<Form method="post" key={current.nonce} className="attempt-item">
					<h2>{current.serviceName}</h2>
					<input type="hidden" name="nonce" value={current.nonce} />
					<input type="hidden" name="itemId" value={current.item.id} />
					<ItemFields item={current.item} answer={null} />
					{outcome && !outcome.ok ? (
						<Notice tone="bad">{t(`practice.error.${outcome.error}`)}</Notice>
					) : null}
					<p>
						<button type="submit" className="button" disabled={submitting}>
							{t('practice.check')}
						</button>
					</p>
				</Form>
			) : (
				<Notice tone="ok">{t('notebook.empty')}</Notice>
			)}
			{entries.length > 0 ? (
				<section aria-labelledby="notebook-list">
					<h2 id="notebook-list">{t('notebook.list', { n: entries.length })}</h2>
					<ul className="service-list">
						{entries.map((e) => (
							<li key={e.ref}>
								<Link to={`/notebook?item=${e.ref}`}>{e.serviceName}</Link>{' '}
								<span className="muted">
									{e.sources.map((s) => t(`notebook.source.${s}`)).join('、')} ·{' '}
									{t('notebook.times', { n: e.times })} · {formatDate(e.lastWrongAt, language)}
								</span>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}
