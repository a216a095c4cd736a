import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/content/catalog.server.ts'
import {
	findSite,
	setSiteServices,
	siteServiceCodes,
} from '#app/modules/people/site-services.server.ts'
import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { databaseIdParam } from '#app/utils/schemas.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.siteServices')

async function siteOr404(param: string | undefined) {
	const id = databaseIdParam(param)
	const site = id === null ? null : await findSite(id)
	if (!site) throw new Response('Not found', { status: 404 })
	return site
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, ['admin'])
	const site = await siteOr404(params.id)
	const selected = await siteServiceCodes(site.id)
	const catalog = getCatalog()
	return {
		site,
		selected,
		categories: catalog.categories.map((c) => ({
			name: c.name,
			services: catalog.ordered
				.filter((s) => s.frontmatter.category === c.name)
				.map((s) => ({ code: s.code, name: s.frontmatter.name })),
		})),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	await requireRole(request, ['admin'])
	const site = await siteOr404(params.id)
	const formData = await request.formData()
	const catalog = getCatalog()
	const codes = formData.getAll('services').map(String)
	if (codes.some((code) => !catalog.services.has(code)))
		throw new Response('Unknown service', { status: 400 })
	const count = await setSiteServices(site.id, codes)
	return data({ count })
}

export default function SiteServices() {
	const t = useT()
	const { site, selected, categories } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const chosen = new Set(selected)
	return (
		<div className="page">
			<Breadcrumbs trail={[{ to: '/admin/sites', label: t('sites.title') }]} current={site.name} />
			<h1>{t('sites.servicesTitle', { site: site.name })}</h1>
			<p>{t('sites.servicesHelp')}</p>
			{actionData ? (
				<Notice tone="ok">{t('sites.servicesSaved', { count: actionData.count })}</Notice>
			) : null}
			<Form method="post">
				{categories.map((category) => (
					<fieldset key={category.name} style={{ marginBottom: '1rem' }}>
						<legend>{category.name}</legend>
						{category.services.map((s) => (
							<label key={s.code} className="checkbox">
								<input
									type="checkbox"
									name="services"
									value={s.code}
									defaultChecked={chosen.has(s.code)}
								/>
								<span>
									{s.name} <span className="muted">{s.code}</span>
								</span>
							</label>
						))}
					</fieldset>
				))}
				<button type="submit" className="button">
					{t('form.save')}
				</button>
			</Form>
		</div>
	)
}
