import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { browseCatalog, browseFilterSchema } from '#app/modules/content/browse.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { studiedByService } from '#app/modules/content/progress.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.services')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const filter = browseFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const catalog = getCatalog()
	const studied = await studiedByService(user.id)
	const view = browseCatalog(catalog, filter)
	return {
		...view,
		results: view.results.map((r) => {
			const mark = studied.get(r.code)
			return {
				...r,
				studied: mark ? (mark.revision === r.revision ? 'current' : 'outdated') : null,
			}
		}),
	}
}

function withParam(
	filter: Record<string, string | undefined>,
	changes: Record<string, string | undefined>,
) {
	const params = new URLSearchParams()
	for (const [key, value] of Object.entries({ ...filter, ...changes }))
		if (value) params.set(key, value)
	const query = params.toString()
	return query ? `?${query}` : '?'
}

export default function ServiceCatalog() {
	const t = useT()
	const { filter, total, categories, units, modes, online, results } =
		useLoaderData<typeof loader>()
	const selectedCategory = categories.find((c) => c.id === filter.category)
	return (
		<div className="page">
			<h1>{t('catalog.title')}</h1>
			<p className="lead">{t('catalog.lead', { total })}</p>
			<div className="facets">
				<nav aria-label={t('catalog.categories')}>
					<h2 className="sr-only">{t('catalog.categories')}</h2>
					<ul className="facet-list">
						<li>
							<Link
								to={withParam(filter, { category: undefined, sub: undefined })}
								aria-current={!filter.category}
							>
								<span>{t('catalog.allCategories')}</span>
							</Link>
						</li>
						{categories.map((c) => (
							<li key={c.id}>
								<Link
									to={withParam(filter, { category: c.id, sub: undefined })}
									aria-current={filter.category === c.id}
								>
									<span>{c.name}</span>
									<span className="badge">{c.count}</span>
								</Link>
								{filter.category === c.id ? (
									<ul className="facet-list" style={{ marginLeft: '1rem' }}>
										{c.subcategories.map((s) => (
											<li key={s.name}>
												<Link
													to={withParam(filter, {
														sub: filter.sub === s.name ? undefined : s.name,
													})}
													aria-current={filter.sub === s.name}
												>
													<span>{s.name}</span>
													<span className="badge">{s.count}</span>
												</Link>
											</li>
										))}
									</ul>
								) : null}
							</li>
						))}
					</ul>
				</nav>
				<div>
					<Form method="get" className="filters">
						{filter.category ? (
							<input type="hidden" name="category" value={filter.category} />
						) : null}
						{filter.sub ? <input type="hidden" name="sub" value={filter.sub} /> : null}
						<div className="field">
							<label htmlFor="unit">{t('catalog.unit')}</label>
							<select id="unit" name="unit" defaultValue={filter.unit ?? ''}>
								<option value="">{t('form.all')}</option>
								{units.map((u) => (
									<option key={u.id} value={u.id}>
										{u.name}（{u.count}）
									</option>
								))}
							</select>
						</div>
						<div className="field">
							<label htmlFor="mode">{t('catalog.mode')}</label>
							<select id="mode" name="mode" defaultValue={filter.mode ?? ''}>
								<option value="">{t('form.all')}</option>
								<option value="即办">
									{t('catalog.immediate')}（{modes.即办}）
								</option>
								<option value="承诺">
									{t('catalog.promised')}（{modes.承诺}）
								</option>
							</select>
						</div>
						<div className="field">
							<label htmlFor="online">{t('catalog.online')}</label>
							<select id="online" name="online" defaultValue={filter.online ?? ''}>
								<option value="">{t('form.all')}</option>
								<option value="1">
									{t('catalog.onlineYes')}（{online.yes}）
								</option>
								<option value="0">
									{t('catalog.onlineNo')}（{online.no}）
								</option>
							</select>
						</div>
						<div className="page-actions" style={{ margin: 0 }}>
							<button type="submit" className="button">
								{t('form.filter')}
							</button>
							<Link to="/services">{t('form.reset')}</Link>
						</div>
					</Form>
					<h2 aria-live="polite">
						{selectedCategory
							? `${selectedCategory.name}${filter.sub ? ` › ${filter.sub}` : ''}`
							: t('catalog.allCategories')}
						<span className="muted">（{t('catalog.count', { count: results.length })}）</span>
					</h2>
					{results.length === 0 ? (
						<p>{t('catalog.none')}</p>
					) : (
						<ul className="service-list">
							{results.map((s) => (
								<li key={s.code}>
									<Link to={`/services/${s.code}`}>{s.name}</Link>
									{s.studied === 'current' ? (
										<span className="badge badge-ok" style={{ marginLeft: '0.5rem' }}>
											{t('lesson.studied')}
										</span>
									) : null}
									{s.studied === 'outdated' ? (
										<span className="badge badge-warn" style={{ marginLeft: '0.5rem' }}>
											{t('lesson.studiedOld')}
										</span>
									) : null}
									<div className="meta">
										<span>{s.code}</span>
										<span>{s.subcategory}</span>
										<span>
											{s.mode === '即办'
												? t('catalog.immediate')
												: t('catalog.promisedDays', { days: s.promiseDays ?? 0 })}
										</span>
										<span>{t('catalog.routedTo', { unit: s.backOffice })}</span>
										{s.onlineAvailable ? <span>{t('catalog.onlineYes')}</span> : null}
									</div>
								</li>
							))}
						</ul>
					)}
				</div>
			</div>
		</div>
	)
}
