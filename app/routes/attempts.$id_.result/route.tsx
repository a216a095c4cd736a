import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ItemReview } from '#app/modules/quizzes/views.server.ts'
import { formatDate, formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { loadResult } from './queries.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.attempt.title} · 结果 · 一窗通学` : '一窗通学' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadResult(request, params.id ?? '')
}

function Html({ html, as: Tag = 'div' }: { html: string; as?: 'div' | 'span' }) {
	return <Tag className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
}

function Mark({ right, chosen }: { right: boolean; chosen: boolean }) {
	const t = useT()
	if (right && chosen) return <span className="badge badge-ok">{t('result.yourRightChoice')}</span>
	if (right) return <span className="badge badge-info">{t('result.rightAnswer')}</span>
	if (chosen) return <span className="badge badge-bad">{t('result.yourWrongChoice')}</span>
	return null
}

function ItemResult({ item, n }: { item: ItemReview; n: number }) {
	const t = useT()
	return (
		<li className={`card result-item ${item.correct ? 'is-right' : 'is-wrong'}`}>
			<h3>
				{t('attempt.itemNumber', { n })}{' '}
				{item.correct ? (
					<span className="badge badge-ok">{t('result.right')}</span>
				) : item.answered ? (
					<span className="badge badge-bad">
						{item.kind === 'scenario'
							? t('result.partly', { n: Math.round(item.score * 100) })
							: t('result.wrong')}
					</span>
				) : (
					<span className="badge badge-bad">{t('result.unanswered')}</span>
				)}
				{item.critical ? (
					<span className="badge badge-warn" style={{ marginLeft: '0.5rem' }}>
						{t('attempt.critical')}
					</span>
				) : null}
			</h3>
			{item.scenario ? (
				<>
					<p>
						<strong>{item.scenario.title}</strong>：{item.scenario.citizen}
					</p>
					<Html html={item.stemHtml} />
					{item.scenario.decisions.map((decision, i) => (
						<div key={decision.id} className="decision">
							<h4>
								{t('attempt.decisionN', { n: i + 1 })} {decision.right ? '✓' : '✗'}
							</h4>
							<Html html={decision.promptHtml} />
							<ul className="result-options">
								{decision.options
									.filter((o) => o.chosen || o.right)
									.map((o) => (
										<li key={o.id}>
											<Mark right={o.right} chosen={o.chosen} /> <Html html={o.html} as="span" />
											<Html html={o.feedbackHtml} />
										</li>
									))}
							</ul>
						</div>
					))}
					<h4>{t('result.outcome')}</h4>
					<Html html={item.scenario.outcomeHtml} />
				</>
			) : (
				<>
					<Html html={item.stemHtml} />
					{item.sequence ? (
						<div className="cards">
							<div>
								<h4>{t('result.yourOrder')}</h4>
								{item.sequence.given.length > 0 ? (
									<ol>
										{item.sequence.given.map((s, i) => (
											<li key={i}>{s}</li>
										))}
									</ol>
								) : (
									<p>{t('result.unanswered')}</p>
								)}
							</div>
							<div>
								<h4>{t('result.rightOrder')}</h4>
								<ol>
									{item.sequence.right.map((s, i) => (
										<li key={i}>{s}</li>
									))}
								</ol>
							</div>
						</div>
					) : (
						<ul className="result-options">
							{item.options.map((o) => (
								<li key={o.id}>
									<Html html={o.html} as="span" /> <Mark right={o.right} chosen={o.chosen} />
								</li>
							))}
						</ul>
					)}
					<div className="notice">
						<Html html={item.feedbackHtml} />
					</div>
				</>
			)}
			<p>
				<Link to={item.lessonHref}>{t('result.toLesson')}</Link>
			</p>
		</li>
	)
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
