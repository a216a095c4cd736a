import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { Notice } from '#app/components/ui/form.tsx'
import { useT } from '#app/utils/use-root-data.ts'
import { ProcedureCard } from './procedure-card.tsx'
import { loadLesson, markLessonStudied } from './queries.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.service.name} · 一窗通学` : '一窗通学' },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	return loadLesson(request, params.code, context.lessonShell)
}

export async function action({ request, params }: ActionFunctionArgs) {
	await markLessonStudied(request, params.code)
	return data({ studied: true })
}

function PrintButton({ label }: { label: string }) {
	// Printing needs JavaScript; without it the browser's own print command uses the same styles.
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	if (!hydrated) return null
	return (
		<button type="button" className="button secondary" onClick={() => window.print()}>
			{label}
		</button>
	)
}

export default function Lesson() {
	const t = useT()
	const { service, html, studied, unitDuty, category, quizPath, changes, editPath, standards } =
		useLoaderData<typeof loader>()
	return (
		<div className="page reading">
			<nav className="breadcrumbs no-print" aria-label="breadcrumb">
				<ol>
					<li>
						<Link to="/services">{t('catalog.title')}</Link>
					</li>
					{category ? (
						<li>
							<Link to={`/services?category=${category.id}`}>{category.name}</Link>
						</li>
					) : null}
					<li>
						<Link
							to={`/services?category=${category?.id ?? ''}&sub=${encodeURIComponent(service.subcategory)}`}
						>
							{service.subcategory}
						</Link>
					</li>
				</ol>
			</nav>
			<h1>{service.name}</h1>
			<p className="muted">
				{service.code} · {service.type}
				{service.confidence === 'low' ? (
					<>
						{' '}
						· <span className="badge badge-bad">{t('lesson.localRule')}</span>
					</>
				) : null}
			</p>
			<div className="page-actions">
				{studied === 'current' ? (
					<span className="badge badge-ok">{t('lesson.studiedCurrent')}</span>
				) : (
					<Form method="post">
						<button type="submit" name="intent" value="studied" className="button secondary">
							{studied === 'outdated' ? t('lesson.markStudiedAgain') : t('lesson.markStudied')}
						</button>
					</Form>
				)}
				{quizPath ? (
					<Link to={quizPath} className="button">
						{t('lesson.takeQuiz')}
					</Link>
				) : null}
				<PrintButton label={t('lesson.print')} />
			</div>
			{studied === 'outdated' ? <Notice tone="warn">{t('lesson.outdatedNotice')}</Notice> : null}
			{editPath ? (
				<p>
					<Link to={editPath}>{t('editor.editLink')}</Link>
				</p>
			) : null}
			{changes ? (
				<section className="notice warn" aria-labelledby="changes-title">
					<h2 id="changes-title" style={{ marginTop: 0 }}>
						{t('lesson.changesTitle', { from: changes.from })}
					</h2>
					<ul>
						{changes.lines.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
					<p className="muted">{t('lesson.changesHelp')}</p>
				</section>
			) : null}
			<ProcedureCard service={service} unitDuty={unitDuty} />
			<article className="lesson-body no-print" dangerouslySetInnerHTML={{ __html: html }} />
			{standards.length > 0 ? (
				<section aria-labelledby="standards-title" className="notice">
					<h2 id="standards-title" style={{ marginTop: 0 }}>
						{t('zr.lessonStandards')}
					</h2>
					{standards.map((s) => (
						<div key={s.id}>
							<h3>{s.title}</h3>
							<p>{s.standard}</p>
						</div>
					))}
				</section>
			) : null}
		</div>
	)
}
