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
import { pageTitle } from '#app/utils/meta.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { handlePractice, loadPractice } from './queries.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
	pageTitle(matches, 'nav.practice', data?.scope.name)

export async function loader({ request }: LoaderFunctionArgs) {
	return loadPractice(request)
}

export async function action({ request }: ActionFunctionArgs) {
	return handlePractice(request)
}

export default function Practice() {
	const t = useT()
	const { scope, current, serviceName } = useLoaderData<typeof loader>()
	const outcome = useActionData<typeof action>()
	const submitting = useNavigation().state === 'submitting'
	const feedback = useRef<HTMLHeadingElement>(null)
	const answered = outcome?.ok ? outcome : null
	useEffect(() => {
		if (answered) feedback.current?.focus()
	}, [answered])
	return (
		<div className="page reading">
			<h1>{t('practice.title', { name: scope.name })}</h1>
			<p className="muted">{t('practice.intro')}</p>
			{answered ? (
				<section aria-labelledby="practice-feedback">
					<h2 id="practice-feedback" tabIndex={-1} ref={feedback}>
						{answered.review.correct ? t('practice.right') : t('practice.wrong')}
					</h2>
					<ol className="result-list">
						<ItemResult item={answered.review} />
					</ol>
					<p className="page-actions">
						<Link to={`/practice?${scope.query}`} className="button" reloadDocument={false}>
							{t('practice.next')}
						</Link>
						{scope.code ? (
							<Link to={`/quiz/${scope.code}`} className="button secondary">
								{t('home.quiz')}
							</Link>
						) : null}
					</p>
				</section>
			) : current ? (
				<Form method="post" key={current.nonce} className="attempt-item">
					<h2>
						{serviceName}{' '}
						<span className="muted" style={{ fontSize: '0.9rem', fontWeight: 'normal' }}>
							{current.serviceCode}
						</span>
					</h2>
					<input type="hidden" name="nonce" value={current.nonce} />
					<input type="hidden" name="itemId" value={current.item.id} />
					<ItemFields item={current.item} answer={null} />
					{outcome && !outcome.ok ? (
						<Notice tone="bad">{t(`practice.error.${outcome.error}`)}</Notice>
					) : null}
					<p className="page-actions">
						<button type="submit" className="button" disabled={submitting}>
							{t('practice.check')}
						</button>
						<Link to={`/practice?${scope.query}`} className="button secondary">
							{t('practice.skip')}
						</Link>
					</p>
				</Form>
			) : (
				<Notice>{t('practice.empty')}</Notice>
			)}
			{scope.code ? (
				<p>
					<Link to={`/services/${scope.code}`}>{t('home.study')}</Link>
				</p>
			) : null}
		</div>
	)
}
