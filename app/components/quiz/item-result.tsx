// One answered item beside its key and feedback: the attempt result page and daily reviews.
import { Link } from '@remix-run/react'
import { type ItemReview } from '#app/modules/quizzes/views.server.ts'
import { useT } from '#app/utils/use-root-data.ts'

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

/** `n`: the item's number in an attempt; a daily review has one item and no number. */
export function ItemResult({ item, n }: { item: ItemReview; n?: number }) {
	const t = useT()
	return (
		<li className={`card result-item ${item.correct ? 'is-right' : 'is-wrong'}`}>
			<h3>
				{n === undefined ? t('review.yourAnswer') : t('attempt.itemNumber', { n })}{' '}
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
								{t('attempt.decisionN', { n: i + 1 })}{' '}
								{decision.right
									? '✓'
									: decision.credit > 0
										? t('result.partCredit', { n: Math.round(decision.credit * 100) })
										: '✗'}
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
					<h4>{item.scenario.ended ? t('result.outcome') : t('result.outcomeUnfinished')}</h4>
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
