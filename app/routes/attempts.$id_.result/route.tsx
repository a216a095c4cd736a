import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ItemResult } from '#app/components/quiz/item-result.tsx'
import { formatDate, formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { loadResult } from './queries.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
	pageTitle(matches, 'title.result', data ? data.attempt.title : undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadResult(request, params.id ?? '')
}

export default function AttemptResult() {
	const t = useT()
	const language = useLanguage()
	const { own, attempt, passPercent, certification, retryAt, items } =
		useLoaderData<typeof loader>()
	return (
		<div className="page reading">
			<h1>{t('result.title', { name: attempt.title })}</h1>
			<section
				className={`notice ${attempt.passed ? 'ok' : 'bad'}`}
				aria-labelledby="outcome-title"
			>
				<h2 id="outcome-title" style={{ marginTop: 0 }}>
					{attempt.passed ? t('result.passed') : t('result.failed')}
				</h2>
				<p>
					{t('result.score', {
						percent: attempt.percent,
						right: attempt.correctCount,
						total: attempt.total,
						pass: passPercent,
					})}
				</p>
				{attempt.criticalMissed > 0 ? <p>{t('result.criticalMissed')}</p> : null}
				{attempt.timedOut ? <p>{t('result.timedOut')}</p> : null}
				{attempt.kind === 'exam' ? (
					<p>{t('result.focusLosses', { n: attempt.focusLosses })}</p>
				) : null}
				{certification ? (
					<p>{t('result.certified', { date: formatDate(certification.expiresAt, language) })}</p>
				) : null}
				{own && retryAt ? (
					<p>{t('result.retryAt', { time: formatDateTime(retryAt, language) })}</p>
				) : null}
				<p className="muted">
					{attempt.submittedAt
						? t('result.submittedAt', { time: formatDateTime(attempt.submittedAt, language) })
						: null}
				</p>
				{own ? (
					<p>
						<Link to="/certifications">{t('nav.myCerts')}</Link>
						{attempt.serviceCode ? (
							<>
								{' · '}
								<Link to={`/quiz/${attempt.serviceCode}`}>{t('result.backToQuiz')}</Link>
							</>
						) : null}
					</p>
				) : null}
			</section>
			<h2>{t('result.items')}</h2>
			<ol className="result-list">
				{items.map((item, i) => (
					<ItemResult key={item.id} item={item} n={i + 1} />
				))}
			</ol>
		</div>
	)
}
