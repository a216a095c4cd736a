import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useFetcher, useLoaderData } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { Notice } from '#app/components/ui/form.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { editorAction, loadEditor } from './queries.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `编辑 ${data.code} · 一窗通学` : '一窗通学' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadEditor(request, params.code)
}

export async function action({ request, params }: ActionFunctionArgs) {
	return editorAction(request, params.code)
}

type Outcome = {
	problems: Array<{ field: string; message: string }>
	html: string | null
	change: { changes: Array<string>; editorial: Array<string>; bodyChanged: boolean } | null
}

function Field({
	name,
	label,
	value,
	rows,
	help,
}: {
	name: string
	label: string
	value: string
	rows?: number
	help?: string
}) {
	return (
		<div className="field">
			<label htmlFor={name}>{label}</label>
			{rows ? (
				<textarea
					id={name}
					name={name}
					defaultValue={value}
					rows={rows}
					aria-describedby={help ? `${name}-help` : undefined}
				/>
			) : (
				<input id={name} name={name} defaultValue={value} />
			)}
			{help ? (
				<p id={`${name}-help`} className="muted small">
					{help}
				</p>
			) : null}
		</div>
	)
}

function Select({
	name,
	label,
	value,
	options,
}: {
	name: string
	label: string
	value: string
	options: Array<{ value: string; label: string }>
}) {
	return (
		<div className="field">
			<label htmlFor={name}>{label}</label>
			<select id={name} name={name} defaultValue={value}>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
		</div>
	)
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
	const t = useT()
	return (
		<>
			{outcome.problems.length > 0 ? (
				<div className="notice error" role="alert">
					<h2 style={{ marginTop: 0 }}>{t('editor.problems', { n: outcome.problems.length })}</h2>
					<ul>
						{outcome.problems.map((p) => (
							<li key={p.message}>{p.message}</li>
						))}
					</ul>
				</div>
			) : null}
			{outcome.change ? (
				<section aria-labelledby="diff-title" className="notice">
					<h2 id="diff-title" style={{ marginTop: 0 }}>
						{t('editor.diff')}
					</h2>
					{outcome.change.changes.length + outcome.change.editorial.length === 0 &&
					!outcome.change.bodyChanged ? (
						<p>{t('editor.noChange')}</p>
					) : (
						<ul className="diff">
							{outcome.change.changes.map((c) => (
								<li key={c}>{c}</li>
							))}
							{outcome.change.editorial.map((c) => (
								<li key={c}>{c}</li>
							))}
							{outcome.change.bodyChanged ? <li>{t('editor.bodyChanged')}</li> : null}
						</ul>
					)}
					{outcome.change.changes.length > 0 ? (
						<p className="muted">{t('editor.revisionNote')}</p>
					) : null}
				</section>
			) : null}
			{outcome.html !== null ? (
				<section aria-labelledby="preview-title">
					<h2 id="preview-title">{t('editor.preview')}</h2>
					<article className="lesson-body" dangerouslySetInnerHTML={{ __html: outcome.html }} />
				</section>
			) : null}
		</>
	)
}

export default function ServiceEditor() {
	const t = useT()
	const language = useLanguage()
	const loaded = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const preview = useFetcher<typeof action>()
	const form = actionData?.form ?? loaded.form
	const formRef = useRef<HTMLFormElement>(null)
	const [dirty, setDirty] = useState(0)
	// Live preview: the same server check and compile, a moment after the author stops typing.
	useEffect(() => {
		if (dirty === 0 || !formRef.current) return
		const handle = setTimeout(() => {
			if (!formRef.current) return
			const body = new FormData(formRef.current)
			body.set('intent', 'preview')
			preview.submit(body, { method: 'post' })
		}, 600)
		return () => clearTimeout(handle)
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [dirty])
	const outcome: Outcome | null = preview.data ?? actionData ?? null
	const { choices } = loaded
	const subcategories = choices.categories.flatMap((c) => c.subcategories)
	return (
		<div className="page">
			<nav className="breadcrumbs" aria-label="breadcrumb">
				<ol>
					<li>
						<Link to={`/services/${loaded.code}`}>{form.name}</Link>
					</li>
				</ol>
			</nav>
			<h1>{t('editor.title', { code: loaded.code })}</h1>
			<p className="muted">{t('editor.help')}</p>
			<p>
				<Link to="/editor/import">{t('editor.importLink')}</Link>
			</p>
			{loaded.published && !actionData ? <Notice tone="ok">{t('editor.published')}</Notice> : null}
			<Form method="post" ref={formRef} onChange={() => setDirty((n) => n + 1)} className="editor">
				<input type="hidden" name="baseId" value={loaded.baseId} />
				<fieldset>
					<legend>{t('editor.normative')}</legend>
					<Field name="name" label={t('editor.field.name')} value={form.name} />
					<Select
						name="category"
						label={t('editor.field.category')}
						value={form.category}
						options={choices.categories.map((c) => ({ value: c.name, label: c.name }))}
					/>
					<Select
						name="subcategory"
						label={t('editor.field.subcategory')}
						value={form.subcategory}
						options={[...new Set(subcategories)].map((s) => ({ value: s, label: s }))}
					/>
					<Select
						name="type"
						label={t('editor.field.type')}
						value={form.type}
						options={choices.types.map((s) => ({ value: s, label: s }))}
					/>
					<Select
						name="backOffice"
						label={t('editor.field.backOffice')}
						value={form.backOffice}
						options={choices.units.map((s) => ({ value: s, label: s }))}
					/>
					<Select
						name="mode"
						label={t('editor.field.mode')}
						value={form.mode}
						options={choices.modes.map((s) => ({ value: s, label: s }))}
					/>
					<Field
						name="promiseDays"
						label={t('editor.field.promiseDays')}
						value={form.promiseDays}
						help={t('editor.help.promiseDays')}
					/>
					<Field
						name="legalDaysValue"
						label={t('editor.field.legalDays')}
						value={form.legalDaysValue}
					/>
					<Select
						name="legalDaysUnit"
						label={t('editor.field.legalDaysUnit')}
						value={form.legalDaysUnit}
						options={choices.dayUnits.map((s) => ({ value: s, label: s }))}
					/>
					<Select
						name="onlineAvailable"
						label={t('editor.field.online')}
						value={form.onlineAvailable}
						options={[
							{ value: 'yes', label: t('common.yes') },
							{ value: 'no', label: t('common.no') },
						]}
					/>
					<Field
						name="eligibility"
						label={t('editor.field.eligibility')}
						value={form.eligibility}
						rows={3}
					/>
					<Field
						name="materials"
						label={t('editor.field.materials')}
						value={form.materials}
						rows={6}
						help={t('editor.help.materials')}
					/>
					<Field
						name="steps"
						label={t('editor.field.steps')}
						value={form.steps}
						rows={5}
						help={t('editor.help.lines')}
					/>
					<Field
						name="basis"
						label={t('editor.field.basis')}
						value={form.basis}
						rows={4}
						help={t('editor.help.lines')}
					/>
					<Field
						name="pitfalls"
						label={t('editor.field.pitfalls')}
						value={form.pitfalls}
						rows={4}
						help={t('editor.help.lines')}
					/>
					<Select
						name="confidence"
						label={t('editor.field.confidence')}
						value={form.confidence}
						options={choices.confidence.map((s) => ({
							value: s,
							label: t(`editor.confidence.${s}`),
						}))}
					/>
				</fieldset>
				<div className="field">
					<label htmlFor="body">{t('editor.field.body')}</label>
					<textarea id="body" name="body" defaultValue={form.body} rows={24} className="mono" />
				</div>
				<button type="submit" name="intent" value="preview" className="button secondary">
					{t('editor.previewButton')}
				</button>
				{outcome ? <OutcomeView outcome={outcome} /> : null}
				<div className="field">
					<label htmlFor="reason">{t('editor.reason')}</label>
					<input
						id="reason"
						name="reason"
						defaultValue={actionData?.form.reason ?? loaded.reason}
						maxLength={500}
					/>
				</div>
				<button type="submit" name="intent" value="publish" className="button">
					{t('editor.publish')}
				</button>
			</Form>
			{loaded.history.length > 0 ? (
				<section aria-labelledby="history-title">
					<h2 id="history-title">{t('editor.history')}</h2>
					<ul>
						{loaded.history.map((h) => (
							<li key={h.id}>
								{formatDateTime(h.publishedAt, language)} · {h.publishedByName ?? t('audit.system')}{' '}
								· {h.reason}
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}
