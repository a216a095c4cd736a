// A clerk's home: what to do next. Others go to their own home (board, people).
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CertificationBadge } from '#app/components/certification-badge.tsx'
import { requireUserSession } from '#app/modules/auth/require.server.ts'
import { clerkHome } from '#app/modules/path/home.server.ts'
import { homeFor } from '#app/routes/login/login.server.ts'
import { getOptionalUser } from '#app/modules/auth/require.server.ts'
import { formatDate, formatTime } from '#app/utils/format.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getOptionalUser(request)
	if (!user) throw redirect('/login')
	if (user.role !== 'clerk') throw redirect(homeFor(user.role))
	// requireUserSession also sends a first sign-in to change the password.
	const { user: clerk } = await requireUserSession(request)
	return clerkHome(clerk)
}

function Bar({ value, total, label }: { value: number; total: number; label: string }) {
	const percent = total === 0 ? 0 : Math.round((value / total) * 100)
	return (
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
	)
}

export default function ClerkHome() {
	const t = useT()
	const language = useLanguage()
	const home = useLoaderData<typeof loader>()
	const [next, ...later] = home.next
	return (
		<div className="page">
			<h1>{t('home.title')}</h1>
			{home.runningExam ? (
				<p className="notice warn">
					{t('certs.examRunning', { time: formatTime(home.runningExam.deadlineAt, language) })}{' '}
					<Link to={`/attempts/${home.runningExam.id}`}>{t('certs.examResume')}</Link>
				</p>
			) : null}
			{home.reminders.length > 0 ? (
				<section aria-labelledby="reminders-title" className="notice warn">
					<h2 id="reminders-title" style={{ marginTop: 0 }}>
						{t('home.reminders')}
					</h2>
					<ul>
						{home.reminders.map((r) => (
							<li key={r.code}>
								{r.urgent ? <strong>{t('home.urgent')} </strong> : null}
								{t('home.lapsesIn', {
									name: r.name,
									n: Math.max(0, r.days),
									date: r.expiresAt ? formatDate(r.expiresAt, language) : '',
								})}{' '}
								<Link to={`/quiz/${r.code}`}>{t('home.recertify')}</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}
			{home.goal ? (
				<section aria-labelledby="goal-title" className="card">
					<h2 id="goal-title">{t('home.goal', { name: home.goal.name })}</h2>
					<ul>
						<li>
							{t('home.goalCore', {
								date: formatDate(`${home.goal.coreBy}T00:00:00+08:00`, language),
							})}
							{' · '}
							{home.goal.coreLeft === 0
								? t('home.goalDone')
								: t('home.goalLeft', { n: home.goal.coreLeft, days: home.goal.coreDays })}
						</li>
						<li>
							{t('home.goalAll', {
								date: formatDate(`${home.goal.allBy}T00:00:00+08:00`, language),
							})}
							{' · '}
							{home.goal.allLeft === 0
								? t('home.goalDone')
								: t('home.goalLeft', { n: home.goal.allLeft, days: home.goal.allDays })}
						</li>
					</ul>
				</section>
			) : null}
			<section aria-labelledby="next-title">
				<h2 id="next-title">{t('home.next')}</h2>
				{next ? (
					<div className="card next-up">
						<h3>
							{next.name} {next.core ? <span className="badge">{t('home.core')}</span> : null}{' '}
							<CertificationBadge status={next.status} />
						</h3>
						<p className="muted">
							{next.code} · {next.category}
						</p>
						<p className="page-actions">
							<Link to={`/services/${next.code}`} className="button">
								{t('home.study')}
							</Link>
							<Link to={`/practice?service=${next.code}`} className="button secondary">
								{t('home.practice')}
							</Link>
							<Link to={`/quiz/${next.code}`} className="button secondary">
								{t('home.quiz')}
							</Link>
						</p>
					</div>
				) : (
					<p>{t('home.allDone')}</p>
				)}
				{later.length > 0 ? (
					<>
						<h3>{t('home.after')}</h3>
						<ol className="service-list">
							{later.map((s) => (
								<li key={s.code}>
									<Link to={`/services/${s.code}`}>{s.name}</Link>{' '}
									{s.core ? <span className="badge">{t('home.core')}</span> : null}{' '}
									<CertificationBadge status={s.status} />
								</li>
							))}
						</ol>
					</>
				) : null}
			</section>
			<section aria-labelledby="progress-title">
				<h2 id="progress-title">{t('home.progress')}</h2>
				<p>{t('home.coreProgress', { certified: home.core.certified, total: home.core.total })}</p>
				<Bar value={home.core.certified} total={home.core.total} label={t('home.core')} />
				<p>{t('home.allProgress', { certified: home.all.certified, total: home.all.total })}</p>
				<Bar value={home.all.certified} total={home.all.total} label={t('home.allServices')} />
				<div className="table-wrap" tabIndex={0}>
					<table>
						<caption>{t('certs.byCategory')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('certs.category')}</th>
								<th scope="col" className="num">
									{t('certs.certifiedCount')}
								</th>
								<th scope="col">{t('home.practiceCategory')}</th>
							</tr>
						</thead>
						<tbody>
							{home.byCategory.map((c) => (
								<tr key={c.name}>
									<th scope="row">{c.name}</th>
									<td className="num">
										{c.certified} / {c.total}
									</td>
									<td>
										<Link to={`/practice?category=${encodeURIComponent(c.name)}`}>
											{t('home.practiceIn', { name: c.name })}
										</Link>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
				<p>
					<Link to="/certifications">{t('home.allCerts')}</Link> ·{' '}
					<Link to="/notebook">{t('nav.notebook')}</Link> ·{' '}
					<Link to="/exam">{t('certs.toExam')}</Link>
				</p>
			</section>
		</div>
	)
}
