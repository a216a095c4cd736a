import {
	data,
	redirect,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { CertificationBadge } from '#app/components/certification-badge.tsx'
import { formatDate, formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { loadQuizStart, startQuiz } from './queries.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
	pageTitle(matches, 'title.quiz', data ? data.service.name : undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadQuizStart(request, params.code)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const outcome = await startQuiz(request, params.code)
	if (outcome.ok) throw redirect(`/attempts/${outcome.attemptId}`)
	return data({ retryAt: outcome.retryAt }, { status: 429 })
}

export default function QuizStart() {
	const t = useT()
	const language = useLanguage()
	const { service, rules, standing, retryAt, activeAttemptId, recent, recertification } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const waitUntil = actionData?.retryAt ?? retryAt
	return (
		<div className="page reading">
			<nav className="breadcrumbs" aria-label="breadcrumb">
				<ol>
					<li>
						<Link to="/certifications">{t('nav.myCerts')}</Link>
					</li>
					<li>
						<Link to={`/services/${service.code}`}>{service.name}</Link>
					</li>
				</ol>
			</nav>
			<h1>{t('quiz.title', { name: service.name })}</h1>
			<p>
				<CertificationBadge status={standing.status} changeCount={recertification?.changeCount} />
				{standing.certification ? (
					<span className="muted">
						{' '}
						{t('quiz.earnedOn', {
							date: formatDate(standing.certification.earnedAt, language),
							expires: formatDate(standing.certification.expiresAt, language),
						})}
					</span>
				) : null}
			</p>
			{standing.status === 'outdated' ? (
				<section className="notice warn" aria-labelledby="changes-title">
					<h2 id="changes-title" style={{ marginTop: 0 }}>
						{t('quiz.whatChanged')}
					</h2>
					{standing.changes && standing.changes.length > 0 ? (
						<ul>
							{standing.changes.map((change) => (
								<li key={change}>{change}</li>
							))}
						</ul>
					) : (
						<p>{t('quiz.changesUnknown')}</p>
					)}
					<p>
						<Link to={`/services/${service.code}`}>{t('quiz.studyAgain')}</Link>
						{recertification ? (
							<>
								{' · '}
								<Link to={`/services/${service.code}?changes=${recertification.fromRevision}`}>
									{t('recert.seeInLesson')}
								</Link>
							</>
						) : null}
					</p>
					{recertification ? (
						<p>
							<strong>{t('recert.title')}：</strong>
							{recertification.full
								? t(`recert.full.${recertification.full}`, { n: recertification.changeCount })
								: t('recert.micro', {
										n: recertification.changeCount,
										items: recertification.items,
									})}
						</p>
					) : null}
				</section>
			) : null}
			{standing.certification && standing.status !== 'outdated' ? (
				<p className="muted">
					{t('recert.revision', { revision: standing.certification.revision })}
				</p>
			) : null}
			<h2>{t('quiz.rules')}</h2>
			<ul>
				<li>{t('quiz.ruleItems', { n: rules.quizSize })}</li>
				<li>{t('quiz.rulePass', { n: rules.passPercent })}</li>
				{rules.requireCritical ? <li>{t('quiz.ruleCritical')}</li> : null}
				<li>{t('quiz.ruleWait', { n: rules.retryWaitMinutes })}</li>
				<li>{t('quiz.ruleValidity', { n: rules.validityMonths })}</li>
				<li>{t('quiz.ruleSaved')}</li>
			</ul>
			{waitUntil ? (
				<Notice tone="warn">{t('quiz.wait', { time: formatDateTime(waitUntil, language) })}</Notice>
			) : activeAttemptId ? (
				<Link to={`/attempts/${activeAttemptId}`} className="button">
					{t('quiz.resume')}
				</Link>
			) : (
				<Form method="post" className="actions">
					{recertification && !recertification.full ? (
						<button type="submit" name="intent" value="recert" className="button">
							{t('recert.start')}
						</button>
					) : null}
					<button
						type="submit"
						name="intent"
						value="full"
						className={recertification && !recertification.full ? 'button secondary' : 'button'}
					>
						{standing.status === 'none' ? t('quiz.start') : t('quiz.retake')}
					</button>
				</Form>
			)}
			{recent.length > 0 ? (
				<>
					<h2>{t('quiz.recent')}</h2>
					<div className="table-wrap" tabIndex={0}>
						<table>
							<thead>
								<tr>
									<th scope="col">{t('quiz.when')}</th>
									<th scope="col" className="num">
										{t('quiz.score')}
									</th>
									<th scope="col">{t('quiz.outcome')}</th>
								</tr>
							</thead>
							<tbody>
								{recent.map((a) => (
									<tr key={a.id}>
										<td>
											<Link to={`/attempts/${a.id}/result`}>
												{a.submittedAt ? formatDateTime(a.submittedAt, language) : ''}
											</Link>
										</td>
										<td className="num">{a.percent ?? 0}%</td>
										<td>
											{a.passed ? (
												<span className="badge badge-ok">{t('quiz.passed')}</span>
											) : (
												<span className="badge badge-bad">{t('quiz.failed')}</span>
											)}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</>
			) : null}
		</div>
	)
}
