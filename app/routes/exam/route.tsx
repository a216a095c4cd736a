import {
	data,
	redirect,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CertificationBadge } from '#app/components/certification-badge.tsx'
import { Notice } from '#app/components/ui/form.tsx'
import { formatDate, formatDateTime, formatTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { loadExamPage, startExam } from './queries.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.exam')

export async function loader({ request }: LoaderFunctionArgs) {
	return loadExamPage(request)
}

export async function action({ request }: ActionFunctionArgs) {
	const outcome = await startExam(request)
	if (outcome.ok) throw redirect(`/attempts/${outcome.attemptId}`)
	return data(outcome, { status: outcome.error === 'cooldown' ? 429 : 409 })
}

export default function Exam() {
	const t = useT()
	const language = useLanguage()
	const { rules, exam, certified, total, retryAt, running, recent } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const wait = actionData && !actionData.ok && actionData.retryAt ? actionData.retryAt : retryAt
	return (
		<div className="page reading">
			<h1>{t('exam.title')}</h1>
			<p>
				<CertificationBadge status={exam.status} />
				{exam.expiresAt ? (
					<span className="muted">
						{' '}
						{t('exam.validUntil', { date: formatDate(exam.expiresAt, language) })}
					</span>
				) : null}
			</p>
			<h2>{t('quiz.rules')}</h2>
			<ul>
				<li>{t('exam.ruleItems', { n: rules.items })}</li>
				<li>{t('exam.ruleTime', { n: rules.durationMinutes })}</li>
				<li>{t('quiz.rulePass', { n: rules.passPercent })}</li>
				<li>{t('exam.ruleOneSession')}</li>
				<li>{t('exam.ruleFocus')}</li>
				<li>{t('quiz.ruleWait', { n: rules.retryWaitMinutes })}</li>
			</ul>
			{certified < total ? (
				<Notice tone="warn">{t('exam.notAllCertified', { certified, total })}</Notice>
			) : null}
			{actionData && !actionData.ok && actionData.error === 'other-session' ? (
				<Notice tone="bad">{t('exam.otherSession')}</Notice>
			) : null}
			{running ? (
				running.here ? (
					<Link to={`/attempts/${running.id}`} className="button">
						{t('exam.resume', {
							time: running.deadlineAt ? formatTime(running.deadlineAt, language) : '',
						})}
					</Link>
				) : (
					<Notice tone="bad">{t('exam.otherSession')}</Notice>
				)
			) : wait ? (
				<Notice tone="warn">{t('quiz.wait', { time: formatDateTime(wait, language) })}</Notice>
			) : (
				<Form method="post">
					<button type="submit" className="button">
						{t('exam.start')}
					</button>
				</Form>
			)}
			{recent.length > 0 ? (
				<>
					<h2>{t('quiz.recent')}</h2>
					<ul>
						{recent.map((a) => (
							<li key={a.id}>
								<Link to={`/attempts/${a.id}/result`}>
									{a.submittedAt ? formatDateTime(a.submittedAt, language) : ''}
								</Link>{' '}
								· {a.percent ?? 0}% · {a.passed ? t('quiz.passed') : t('quiz.failed')} ·{' '}
								{t('result.focusLosses', { n: a.focusLosses })}
							</li>
						))}
					</ul>
				</>
			) : null}
		</div>
	)
}
