import {
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { Notice } from '#app/components/ui/form.tsx'
import { pageTitle } from '#app/utils/meta.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { loadSiteServices, saveSiteServices } from './queries.server.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.siteServices')

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadSiteServices(request, params.id)
}

export async function action({ request, params }: ActionFunctionArgs) {
	return saveSiteServices(request, params.id)
}

export default function SiteServices() {
	const t = useT()
	const { site, q, selected, total, shownCount, otherSites, categories } =
		useLoaderData<typeof loader>()
	const outcome = useActionData<typeof action>()
	const chosen = new Set(selected)
	return (
		<div className="page">
			<Breadcrumbs trail={[{ to: '/admin/sites', label: t('sites.title') }]} current={site.name} />
			<h1>{t('sites.servicesTitle', { site: site.name })}</h1>
			<p>{t('sites.servicesHelp')}</p>
			<p role="status">{t('sites.servicesCount', { n: selected.length, total })}</p>
			{outcome?.ok ? (
				<Notice tone="ok">
					{outcome.copiedFrom
						? t('sites.copied', { count: outcome.count, site: outcome.copiedFrom })
						: t('sites.servicesSaved', { count: outcome.count })}
				</Notice>
			) : outcome ? (
				<Notice tone="bad">{t(outcome.error)}</Notice>
			) : null}
			<Form method="get" className="filters" role="search">
				<div className="field">
					<label htmlFor="q">{t('sites.search')}</label>
					<input id="q" name="q" type="search" defaultValue={q} maxLength={40} />
				</div>
				<div>
					<button type="submit" className="button secondary">
						{t('sites.searchSubmit')}
					</button>
				</div>
			</Form>
			<Form method="post" className="filters">
				<input type="hidden" name="q" value={q} />
				<div className="field">
					<label htmlFor="from">{t('sites.copyFrom')}</label>
					<select id="from" name="from" defaultValue="">
						<option value="">{t('sites.copyChoose')}</option>
						{otherSites.map((s) => (
							<option key={s.id} value={s.id}>
								{s.name}
							</option>
						))}
					</select>
				</div>
				<div>
					<button type="submit" name="intent" value="copy" className="button secondary">
						{t('sites.copy')}
					</button>
				</div>
			</Form>
			<Form method="post">
				<input type="hidden" name="q" value={q} />
				{q ? (
					<p>
						{t('sites.shown', { n: shownCount })}{' '}
						<button type="submit" name="intent" value="all-shown" className="button secondary">
							{t('sites.allShown')}
						</button>{' '}
						<button type="submit" name="intent" value="none-shown" className="button secondary">
							{t('sites.noneShown')}
						</button>
					</p>
				) : null}
				{shownCount === 0 ? <p>{t('sites.noMatch')}</p> : null}
				{categories.map((category) => (
					<fieldset key={category.name} style={{ marginBottom: '1rem' }}>
						<legend>{category.name}</legend>
						<p className="page-actions">
							<button
								type="submit"
								name="intent"
								value={`all:${category.name}`}
								className="button secondary"
								aria-label={t('sites.allInLabel', { name: category.name })}
							>
								{t('sites.allIn')}
							</button>
							<button
								type="submit"
								name="intent"
								value={`none:${category.name}`}
								className="button secondary"
								aria-label={t('sites.noneInLabel', { name: category.name })}
							>
								{t('sites.noneIn')}
							</button>
						</p>
						{category.services.map((s) => (
							<label key={s.code} className="checkbox">
								<input type="hidden" name="shown" value={s.code} />
								<input
									type="checkbox"
									name="services"
									value={s.code}
									defaultChecked={chosen.has(s.code)}
									key={`${s.code}-${chosen.has(s.code)}`}
								/>
								<span>
									{s.name} <span className="muted">{s.code}</span>
								</span>
							</label>
						))}
					</fieldset>
				))}
				<button type="submit" name="intent" value="save" className="button">
					{t('form.save')}
				</button>
			</Form>
		</div>
	)
}
