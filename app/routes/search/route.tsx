import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { z } from 'zod'
import { rewriteQuery, searchPage, type Highlighted } from '#app/modules/content/search.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.search')

const perPage = 20
// A page number out of range or not a number reads as the first page, never an error.
const pageSchema = z.coerce.number().int().min(1).max(1000).catch(1)

/**
 * Highlighted text for the page data, compact: the parts in turn unmarked and marked, starting
 * with an unmarked one (maybe empty). The page carries its data twice (HTML and hydration data),
 * so its size is the search page's cost.
 */
export type Marks = Array<string>

function compact(parts: Highlighted): Marks {
	const marks: Marks = []
	for (const part of parts) {
		const wantsHit = marks.length % 2 === 1
		if (part.hit !== wantsHit) marks.push('')
		marks.push(part.text)
	}
	return marks
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	const params = new URL(request.url).searchParams
	const q = (params.get('q') ?? '').slice(0, 60)
	const index = getCatalog().search
	const requested = pageSchema.parse(params.get('page') ?? undefined)
	const search = (n: number) =>
		q.trim() ? searchPage(index, q, { offset: (n - 1) * perPage, limit: perPage }) : null
	let found = search(requested)
	const pages = Math.max(1, Math.ceil((found?.total ?? 0) / perPage))
	// Past the last page (fewer hits since the link was made): show the last page.
	const page = Math.min(requested, pages)
	if (page !== requested) found = search(page)
	const { total, hits } = found ?? { total: 0, hits: [] }
	const rewritten = rewriteQuery(index, q)
	// Say so when everyday words were read as the manual's ("社保卡" → "社会保障卡").
	const understoodAs = q.trim() && rewritten !== q.normalize('NFKC').trim() ? rewritten : null
	return {
		q,
		total,
		page,
		pages,
		understoodAs,
		hits: hits.map((hit) => ({
			code: hit.code,
			category: hit.category,
			subcategory: hit.subcategory,
			byPinyin: hit.matchedBy === 'pinyin',
			name: compact(hit.nameHighlighted),
			snippet: hit.snippet ? compact(hit.snippet) : null,
		})),
	}
}

function Marked({ marks }: { marks: Marks }) {
	return <>{marks.map((text, i) => (i % 2 === 1 ? <mark key={i}>{text}</mark> : text))}</>
}

export default function Search() {
	const t = useT()
	const { q, hits, total, page, pages, understoodAs } = useLoaderData<typeof loader>()
	const pageLink = (n: number) => `/search?${new URLSearchParams({ q, page: String(n) })}`
	return (
		<div className="page reading">
			<h1>{t('search.title')}</h1>
			<Form method="get" role="search" className="filters">
				<div className="field grow">
					<label htmlFor="q">{t('search.label')}</label>
					<span className="hint" id="q-hint">
						{t('search.hint')}
					</span>
					<input
						id="q"
						name="q"
						type="search"
						defaultValue={q}
						aria-describedby="q-hint"
						autoFocus={!q}
					/>
				</div>
				<div>
					<button type="submit" className="button">
						{t('form.search')}
					</button>
				</div>
			</Form>
			{q.trim() ? (
				<>
					<p aria-live="polite">
						{total > 0 ? t('search.count', { count: total, q }) : t('search.none', { q })}
						{understoodAs ? (
							<>
								{' '}
								<span className="muted">{t('search.understoodAs', { query: understoodAs })}</span>
							</>
						) : null}
					</p>
					<ol className="service-list" start={(page - 1) * perPage + 1}>
						{hits.map((hit) => (
							<li key={hit.code}>
								<Link to={`/services/${hit.code}`}>
									<Marked marks={hit.name} />
								</Link>
								<div className="meta">
									<span>{hit.code}</span>
									<span>
										{hit.category} › {hit.subcategory}
									</span>
									{hit.byPinyin ? <span>{t('search.byPinyin')}</span> : null}
								</div>
								{hit.snippet ? (
									<p className="muted" style={{ margin: '0.25rem 0 0' }}>
										<Marked marks={hit.snippet} />
									</p>
								) : null}
							</li>
						))}
					</ol>
					{pages > 1 ? (
						<nav aria-label={t('search.pagination')} className="pagination">
							{page > 1 ? (
								<Link to={pageLink(page - 1)} rel="prev">
									{t('search.previous')}
								</Link>
							) : null}
							<span>{t('search.pages', { page, pages })}</span>
							{page < pages ? (
								<Link to={pageLink(page + 1)} rel="next">
									{t('search.next')}
								</Link>
							) : null}
						</nav>
					) : null}
				</>
			) : null}
		</div>
	)
}
