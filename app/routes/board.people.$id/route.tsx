import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CertificationBadge } from '#app/components/certification-badge.tsx'
import { Notice } from '#app/components/ui/form.tsx'
import { formatDate, formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { issueFor, loadPerson } from './queries.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.person.displayName} · 就绪看板` : '就绪看板' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadPerson(request, params.id)
}

export async function action({ request, params }: ActionFunctionArgs) {
	return data(await issueFor(request, params.id), { status: 409 })
}

export default function PersonOnBoard() {
	const t = useT()
	const language = useLanguage()
	const { person, readiness, services, exams, issued, reviews, categories } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="page">
			<Breadcrumbs trail={[{ to: '/board', label: t('nav.board') }]} current={person.displayName} />
			<h1>
				{person.displayName}（{person.username}）
			</h1>
			<p className="muted">
				{person.siteName}
				{person.cohortName ? ` · ${person.cohortName}` : ''} · {t(`role.${person.role}`)}
			</p>
			<section className={`notice ${readiness.ready ? 'ok' : 'warn'}`}>
				<strong>{readiness.ready ? t('certs.ready') : t('certs.notReady')}</strong>
				<p style={{ margin: 0 }}>
					{t('certs.servicesLine', { certified: readiness.certified, total: readiness.total })} ·{' '}
					{t('certs.examLine')}{' '}
					{readiness.examOutcome === 'valid' ? (
						<CertificationBadge status={readiness.exam} />
					) : (
						<span className={readiness.examOutcome === 'absent' ? 'badge' : 'badge badge-bad'}>
							{t(`exam.outcome.${readiness.examOutcome}`)}
						</span>
					)}
					{readiness.examExpiresAt
						? ` ${t('exam.validUntil', { date: formatDate(readiness.examExpiresAt, language) })}`
						: ''}
				</p>
			</section>
			{actionData?.error ? <Notice tone="bad">{t(actionData.error)}</Notice> : null}
			<div className="page-actions">
				<Form method="post">
					<button
						type="submit"
						name="kind"
						value="readiness"
						className="button"
						disabled={!readiness.ready}
						aria-describedby={readiness.ready ? undefined : 'why-no-readiness'}
					>
						{t('board.issueReadiness')}
					</button>
					{readiness.ready ? null : (
						// A disabled button says why (issue #13): what is still missing.
						<p id="why-no-readiness" className="hint">
							{t('board.whyNot')}
							{[
								readiness.certified < readiness.total
									? t('board.whyServices', { n: readiness.total - readiness.certified })
									: null,
								readiness.exam === 'valid' || readiness.exam === 'expiring'
									? null
									: t('board.whyExam'),
							]
								.filter(Boolean)
								.join('；')}
						</p>
					)}
				</Form>
				<Form method="post">
					<button
						type="submit"
						name="kind"
						value="services"
						className="button secondary"
						disabled={readiness.certified === 0}
						aria-describedby={readiness.certified === 0 ? 'why-no-services' : undefined}
					>
						{t('board.issueServices')}
					</button>
					{readiness.certified === 0 ? (
						<p id="why-no-services" className="hint">
							{t('board.cannotIssueServices')}
						</p>
					) : null}
				</Form>
			</div>
			{issued.length > 0 ? (
				<ul>
					{issued.map((c) => (
						<li key={c.code}>
							<Link to={`/certificates/${c.code}`}>{c.code}</Link> ·{' '}
							{t(`certificate.kind.${c.kind}`)} · {formatDate(c.issuedAt, language)}
						</li>
					))}
				</ul>
			) : null}
			<h2>{t('review.summaryTitle')}</h2>
			<p>{t('review.summary', reviews)}</p>
			<h2>{t('board.exams')}</h2>
			{exams.length === 0 ? (
				<p>{t('board.noExams')}</p>
			) : (
				<div className="table-wrap" tabIndex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('quiz.when')}</th>
								<th scope="col" className="num">
									{t('quiz.score')}
								</th>
								<th scope="col">{t('quiz.outcome')}</th>
								<th scope="col" className="num">
									{t('board.focusLosses')}
								</th>
							</tr>
						</thead>
						<tbody>
							{exams.map((e) => (
								<tr key={e.id}>
									<td>
										<Link to={`/attempts/${e.id}/result`}>
											{formatDateTime(e.submittedAt, language)}
										</Link>
									</td>
									<td className="num">{e.percent}%</td>
									<td>
										{e.passed ? t('quiz.passed') : t('quiz.failed')}
										{e.timedOut ? ` · ${t('board.timedOut')}` : ''}
									</td>
									<td className="num">{e.focusLosses}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<h2>{t('board.everyService')}</h2>
			{categories.map((category) => {
				const list = services.filter((s) => s.category === category)
				if (list.length === 0) return null
				return (
					<details key={category} open={list.some((s) => s.status !== 'valid')}>
						<summary>
							{category}（
							{list.filter((s) => s.status === 'valid' || s.status === 'expiring').length}/
							{list.length}）
						</summary>
						<div className="table-wrap" tabIndex={0}>
							<table>
								<thead>
									<tr>
										<th scope="col">{t('board.service')}</th>
										<th scope="col">{t('board.status')}</th>
										<th scope="col">{t('board.earned')}</th>
										<th scope="col">{t('board.expires')}</th>
										<th scope="col">{t('board.revision')}</th>
										<th scope="col" className="num">
											{t('board.attempts')}
										</th>
									</tr>
								</thead>
								<tbody>
									{list.map((s) => (
										<tr key={s.code}>
											<th scope="row">
												<Link to={`/board/services/${s.code}`}>{s.name}</Link>
											</th>
											<td>
												<CertificationBadge status={s.status} changeCount={s.changeCount} />
											</td>
											<td>{s.earnedAt ? formatDate(s.earnedAt, language) : '—'}</td>
											<td>{s.expiresAt ? formatDate(s.expiresAt, language) : '—'}</td>
											<td>
												{s.revision ? (
													<code
														title={
															s.revision === s.currentRevision
																? t('board.currentRevision')
																: t('board.oldRevision')
														}
													>
														{s.revision.slice(0, 7)}
													</code>
												) : (
													'—'
												)}
												{s.attemptId ? (
													<>
														{' '}
														<Link to={`/attempts/${s.attemptId}/result`}>{t('board.attempt')}</Link>
													</>
												) : null}
											</td>
											<td className="num">
												{s.attempts}
												{s.failed > 0 ? (
													<span className="muted">（{t('board.failedN', { n: s.failed })}）</span>
												) : null}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</div>
					</details>
				)
			})}
		</div>
	)
}
