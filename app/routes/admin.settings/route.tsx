import {
	data,
	redirect,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Notice } from '#app/components/ui/form.tsx'
import { requireRole } from '#app/modules/auth/require.server.ts'
import {
	saveSettings,
	settingFields,
	settingsForm,
	settingsHistory,
} from '#app/modules/admin/settings.server.ts'
import { systemInfo } from '#app/modules/admin/system.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.settings')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['admin'])
	const info = systemInfo()
	const saved = new URL(request.url).searchParams.get('saved')
	return {
		...info,
		fields: settingFields,
		form: settingsForm(info.rules),
		history: await settingsHistory(),
		saved: saved && /^\d{1,12}$/.test(saved) ? saved : null,
	}
}

const formSchema = z.record(z.string().max(64), z.string().max(32))

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, ['admin'])
	const form = formSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!form.success) throw new Response('Bad request', { status: 400 })
	const result = await saveSettings(actor, form.data)
	if (result.ok) throw redirect(`/admin/settings?saved=${result.version}`)
	return data({ problems: result.problems, values: form.data }, { status: 400 })
}

export default function Settings() {
	const t = useT()
	const language = useLanguage()
	const { rules, database, services, items, scenarios, fingerprint, fields, form, history, saved } =
		useLoaderData<typeof loader>()
	const failed = useActionData<typeof action>()
	const values = failed?.values ?? form
	return (
		<div className="page reading">
			<h1>{t('settings.title')}</h1>
			<h2>{t('settings.rules')}</h2>
			<p className="muted">{t('settings.rulesHelp')}</p>
			<div className="cards">
				<section className="card" aria-labelledby="rules-service">
					<h3 id="rules-service">{t('settings.serviceQuiz')}</h3>
					<dl>
						<dt>{t('settings.quizSize')}</dt>
						<dd>{t('unit.items', { n: rules.service.quizSize })}</dd>
						<dt>{t('settings.passPercent')}</dt>
						<dd>{t('unit.percent', { n: rules.service.passPercent })}</dd>
						<dt>{t('settings.requireCritical')}</dt>
						<dd>{rules.service.requireCritical ? t('common.yes') : t('common.no')}</dd>
						<dt>{t('settings.retryWait')}</dt>
						<dd>{t('unit.minutes', { n: rules.service.retryWaitMinutes })}</dd>
						<dt>{t('settings.validity')}</dt>
						<dd>{t('unit.months', { n: rules.service.validityMonths })}</dd>
					</dl>
				</section>
				<section className="card" aria-labelledby="rules-exam">
					<h3 id="rules-exam">{t('settings.exam')}</h3>
					<dl>
						<dt>{t('settings.quizSize')}</dt>
						<dd>{t('unit.items', { n: rules.exam.items })}</dd>
						<dt>{t('settings.duration')}</dt>
						<dd>{t('unit.minutes', { n: rules.exam.durationMinutes })}</dd>
						<dt>{t('settings.passPercent')}</dt>
						<dd>{t('unit.percent', { n: rules.exam.passPercent })}</dd>
						<dt>{t('settings.retryWait')}</dt>
						<dd>{t('unit.minutes', { n: rules.exam.retryWaitMinutes })}</dd>
						<dt>{t('settings.validity')}</dt>
						<dd>{t('unit.months', { n: rules.exam.validityMonths })}</dd>
					</dl>
				</section>
			</div>
			<p>
				{t('settings.expiringSoon')}：{t('unit.days', { n: rules.expiringSoonDays })}
			</p>
			<section aria-labelledby="edit-title">
				<h2 id="edit-title">{t('settings.edit')}</h2>
				{saved && !failed ? (
					<Notice tone="ok">{t('settings.saved', { version: saved })}</Notice>
				) : null}
				{failed ? (
					<div className="notice error" role="alert">
						<ul>
							{failed.problems.map((p) => (
								<li key={p.message}>{p.message}</li>
							))}
						</ul>
					</div>
				) : null}
				<Form method="post">
					{fields.map((f) => (
						<div className="field" key={f.path}>
							<label htmlFor={f.path}>{f.label}</label>
							{f.kind === 'boolean' ? (
								<select id={f.path} name={f.path} defaultValue={values[f.path]}>
									<option value="yes">{t('common.yes')}</option>
									<option value="no">{t('common.no')}</option>
								</select>
							) : (
								<input
									id={f.path}
									name={f.path}
									inputMode={f.kind === 'integer' ? 'numeric' : 'decimal'}
									defaultValue={values[f.path]}
								/>
							)}
						</div>
					))}
					<button type="submit" className="button">
						{t('settings.save')}
					</button>
				</Form>
				{history.length > 0 ? (
					<>
						<h3>{t('settings.history')}</h3>
						<ul>
							{history.map((h) => (
								<li key={h.id}>
									{t('settings.version', { version: h.id })} · {h.changedByName ?? ''} ·{' '}
									{formatDateTime(h.changedAt, language)}
								</li>
							))}
						</ul>
					</>
				) : null}
			</section>
			<h2>{t('settings.system')}</h2>
			<dl>
				<dt>{t('settings.database')}</dt>
				<dd>
					{database === 'postgres' ? t('settings.databasePostgres') : t('settings.databasePglite')}
				</dd>
				<dt>{t('settings.content')}</dt>
				<dd>{t('settings.contentSummary', { services, items, scenarios })}</dd>
				<dt>{t('settings.fingerprint')}</dt>
				<dd>
					<code>{fingerprint}</code>
				</dd>
			</dl>
		</div>
	)
}
