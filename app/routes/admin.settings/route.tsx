import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { systemInfo } from '#app/modules/admin/system.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.settings')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['admin'])
	return systemInfo()
}

export default function Settings() {
	const t = useT()
	const { rules, database, services, items, scenarios, fingerprint } =
		useLoaderData<typeof loader>()
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
