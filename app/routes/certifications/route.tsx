import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CertificationBadge } from '#app/components/certification-badge.tsx'
import { formatDate, formatTime } from '#app/utils/format.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { loadMyCertifications } from './queries.server.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.myCerts')

export async function loader({ request }: LoaderFunctionArgs) {
	return loadMyCertifications(request)
}

function Progress({ value, total, label }: { value: number; total: number; label: string }) {
	const percent = total === 0 ? 0 : Math.round((value / total) * 100)
	return (
		<div>
			<div
				className="progress"
				role="progressbar"
				aria-valuemin={0}
				aria-valuemax={total}
				aria-valuenow={value}
				aria-label={label}
			>
				<span style={{ width: `${percent}%` }} />
			</div>
		</div>
	)
}

function ServiceLinks({ code }: { code: string }) {
	const t = useT()
	return (
		<>
			<Link to={`/services/${code}`}>{t('certs.study')}</Link>
			{' · '}
			<Link to={`/quiz/${code}`}>{t('certs.quiz')}</Link>
		</>
	)
}

export default function MyCertifications() {
	const t = useT()
	const language = useLanguage()
	const data = useLoaderData<typeof loader>()
	const missingByCategory = data.missing.reduce<Record<string, typeof data.missing>>(
		(groups, s) => {
			;(groups[s.category] ??= []).push(s)
			return groups
		},
		{},
	)
	return (
		<div className="page">
			<h1>{t('nav.myCerts')}</h1>
			{data.reviewsLeftToday > 0 ? (
				<p className="notice">
					<Link to="/review">{t('review.todayLink', { n: data.reviewsLeftToday })}</Link>
				</p>
			) : null}
			<section className={`notice ${data.ready ? 'ok' : 'warn'}`} aria-labelledby="gate-title">
				<h2 id="gate-title" style={{ marginTop: 0 }}>
					{data.ready ? t('certs.ready') : t('certs.notReady')}
				</h2>
				<p>{t('certs.gateRule')}</p>
				<ul>
					<li>
						{t('certs.servicesLine', { certified: data.certified, total: data.total })}{' '}
						{data.certified === data.total
							? '✓'
							: t('certs.remaining', { n: data.total - data.certified })}
					</li>
					<li>
						{t('certs.examLine')}{' '}
						{data.runningExam ? (
							<>
								<strong>
									{t('certs.examRunning', {
										time: formatTime(data.runningExam.deadlineAt, language),
									})}
								</strong>{' '}
								· <Link to={`/attempts/${data.runningExam.id}`}>{t('certs.examResume')}</Link>
							</>
						) : (
							<>
								<CertificationBadge status={data.exam.status} />
								{data.exam.expiresAt
									? ` ${t('exam.validUntil', { date: formatDate(data.exam.expiresAt, language) })}`
									: ''}{' '}
								· <Link to="/exam">{t('certs.toExam')}</Link>
							</>
						)}
					</li>
				</ul>
			</section>
			<h2>{t('certs.progress')}</h2>
			<p>
				<strong>
					{data.certified} / {data.total}
				</strong>
			</p>
			<Progress value={data.certified} total={data.total} label={t('certs.progress')} />
			<div className="table-wrap" tabIndex={0}>
				<table>
					<caption>{t('certs.byCategory')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('certs.category')}</th>
							<th scope="col" className="num">
								{t('certs.certifiedCount')}
							</th>
							<th scope="col">{t('certs.bar')}</th>
						</tr>
					</thead>
					<tbody>
						{data.byCategory.map((c) => (
							<tr key={c.name}>
								<th scope="row">{c.name}</th>
								<td className="num">
									{c.certified} / {c.total}
								</td>
								<td style={{ minWidth: '8rem' }}>
									<Progress value={c.certified} total={c.total} label={c.name} />
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{data.outdated.length > 0 ? (
				<section aria-labelledby="outdated-title">
					<h2 id="outdated-title">
						{t('certs.outdated')}（{data.outdated.length}）
					</h2>
					<ul className="service-list">
						{data.outdated.map((s) => (
							<li key={s.code}>
								<strong>{s.name}</strong>{' '}
								<CertificationBadge status="outdated" changeCount={s.changes.length} />
								<ul>
									{s.changes.map((change) => (
										<li key={change}>{change}</li>
									))}
								</ul>
								<ServiceLinks code={s.code} />
							</li>
						))}
					</ul>
				</section>
			) : null}
			{data.expiring.length > 0 ? (
				<section aria-labelledby="expiring-title">
					<h2 id="expiring-title">
						{t('certs.expiring')}（{data.expiring.length}）
					</h2>
					<ul className="service-list">
						{data.expiring.map((s) => (
							<li key={s.code}>
								{s.name} <CertificationBadge status="expiring" />{' '}
								{s.expiresAt ? (
									<span className="muted">
										{t('certs.expiresOn', { date: formatDate(s.expiresAt, language) })}
									</span>
								) : null}{' '}
								· <ServiceLinks code={s.code} />
							</li>
						))}
					</ul>
				</section>
			) : null}
			{data.expired.length > 0 ? (
				<section aria-labelledby="expired-title">
					<h2 id="expired-title">
						{t('certs.expired')}（{data.expired.length}）
					</h2>
					<ul className="service-list">
						{data.expired.map((s) => (
							<li key={s.code}>
								{s.name} <CertificationBadge status="expired" /> · <ServiceLinks code={s.code} />
							</li>
						))}
					</ul>
				</section>
			) : null}
			{data.missing.length > 0 ? (
				<section aria-labelledby="missing-title">
					<h2 id="missing-title">
						{t('certs.missing')}（{data.missing.length}）
					</h2>
					{Object.entries(missingByCategory).map(([category, list]) => (
						<details key={category}>
							<summary>
								{category}（{list.length}）
							</summary>
							<ul className="service-list">
								{list.map((s) => (
									<li key={s.code}>
										{s.name}{' '}
										{s.studied ? (
											<span className="badge badge-ok">{t('lesson.studied')}</span>
										) : null}{' '}
										· <ServiceLinks code={s.code} />
									</li>
								))}
							</ul>
						</details>
					))}
				</section>
			) : null}
		</div>
	)
}
