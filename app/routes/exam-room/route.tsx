import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { translateLoose } from '#app/utils/i18n/index.ts'
import { formatDateTime, formatTime } from '#app/utils/format.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { handleExamRoom, loadExamRoom } from './queries.server.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'examRoom.title')

export async function loader({ request }: LoaderFunctionArgs) {
	return loadExamRoom(request)
}

export async function action({ request }: ActionFunctionArgs) {
	return handleExamRoom(request)
}

export default function ExamRoom() {
	const t = useT()
	const language = useLanguage()
	const { exams } = useLoaderData<typeof loader>()
	const outcome = useActionData<typeof action>()
	return (
		<div className="page">
			<h1>{t('examRoom.title')}</h1>
			<p className="muted">{t('examRoom.help')}</p>
			{outcome?.ok ? (
				<Notice tone="ok">
					{outcome.intent === 'move' ? t('examRoom.moved') : t('examRoom.granted')}
				</Notice>
			) : outcome ? (
				<Notice tone="bad">{translateLoose(t, outcome.error)}</Notice>
			) : null}
			{exams.length === 0 ? (
				<p>{t('examRoom.none')}</p>
			) : (
				<ul className="exam-room">
					{exams.map((exam) => {
						const headingId = `exam-${exam.attemptId}`
						return (
							<li key={exam.attemptId} className="card" aria-labelledby={headingId}>
								<h2 id={headingId}>
									{exam.displayName}{' '}
									<span className="muted">
										（{exam.username} · {exam.siteName}）
									</span>
								</h2>
								<dl className="facts">
									<dt>{t('examRoom.started')}</dt>
									<dd>{formatDateTime(exam.startedAt, language)}</dd>
									<dt>{t('examRoom.answered')}</dt>
									<dd>{t('examRoom.answeredOf', { n: exam.answered, total: exam.total })}</dd>
									<dt>{t('examRoom.timeLeft')}</dt>
									<dd>
										{t('examRoom.minutesLeft', { n: Math.ceil(exam.secondsLeft / 60) })} ·{' '}
										{t('examRoom.endsAt', { time: formatTime(exam.deadlineAt, language) })}
										{exam.extraMinutes > 0
											? ` · ${t('examRoom.extraGiven', { n: exam.extraMinutes })}`
											: ''}
									</dd>
									<dt>{t('examRoom.focusLosses')}</dt>
									<dd>{exam.focusLosses}</dd>
									<dt>{t('examRoom.signIn')}</dt>
									<dd>
										{exam.newSignInAt
											? t('examRoom.newSignIn', { time: formatTime(exam.newSignInAt, language) })
											: t('examRoom.noNewSignIn')}
									</dd>
								</dl>
								{outcome && !outcome.ok && outcome.attemptId === exam.attemptId ? (
									<p className="field-error" role="alert">
										{translateLoose(t, outcome.error)}
									</p>
								) : null}
								<div className="exam-room-actions">
									<Form method="post">
										<input type="hidden" name="attemptId" value={exam.attemptId} />
										<button
											type="submit"
											name="intent"
											value="move"
											className="button secondary"
											aria-describedby={`move-help-${exam.attemptId}`}
										>
											{t('examRoom.move')}
										</button>
										<p id={`move-help-${exam.attemptId}`} className="muted">
											{t('examRoom.moveHelp')}
										</p>
									</Form>
									<Form method="post" className="inline-form">
										<input type="hidden" name="attemptId" value={exam.attemptId} />
										<div className="field">
											<label htmlFor={`minutes-${exam.attemptId}`}>{t('examRoom.minutes')}</label>
											<input
												id={`minutes-${exam.attemptId}`}
												name="minutes"
												type="number"
												min={1}
												max={60}
												defaultValue={10}
												required
											/>
										</div>
										<div className="field">
											<label htmlFor={`reason-${exam.attemptId}`}>{t('examRoom.reason')}</label>
											<input
												id={`reason-${exam.attemptId}`}
												name="reason"
												type="text"
												minLength={2}
												maxLength={200}
												required
											/>
										</div>
										<button
											type="submit"
											name="intent"
											value="extra-time"
											className="button secondary"
										>
											{t('examRoom.grant')}
										</button>
									</Form>
								</div>
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}
