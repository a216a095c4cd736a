// The search page's results (count line, ranked list, page links) as HTML, rendered once per
// manual load, language, query and page, and kept (docs/decisions/021). Nothing in them depends
// on who reads them: every reader of every role sees the same hits for the same query, so one
// rendering serves the whole hall. A published edit loads a new manual with a new search index,
// and the results cached for the old index go with it.
import { renderToStaticMarkup } from 'react-dom/server'
import {
	rewriteQuery,
	searchPage,
	type Highlighted,
	type SearchIndex,
} from '#app/modules/content/search.server.ts'
import { translator, type Language } from '#app/utils/i18n/index.ts'

export const perPage = 20
const maxChars = 12 * 1024 * 1024

export type SearchResults = {
	/** The page shown: the one asked for, or the last when fewer hits remain. */
	page: number
	pages: number
	total: number
	/** The query in the manual's words, when everyday words were read as the manual's. */
	understoodAs: string | null
	html: string
}

type Cache = { entries: Map<string, SearchResults>; chars: number }
const caches = new WeakMap<SearchIndex, Cache>()

function Marked({ parts }: { parts: Highlighted }) {
	return <>{parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : part.text))}</>
}

function render(
	index: SearchIndex,
	q: string,
	requested: number,
	language: Language,
): SearchResults {
	const t = translator(language)
	const search = (n: number) => searchPage(index, q, { offset: (n - 1) * perPage, limit: perPage })
	let found = search(requested)
	const pages = Math.max(1, Math.ceil(found.total / perPage))
	// Past the last page (fewer hits since the link was made): show the last page.
	const page = Math.min(requested, pages)
	if (page !== requested) found = search(page)
	const rewritten = rewriteQuery(index, q)
	// Say so when everyday words were read as the manual's ("社保卡" → "社会保障卡").
	const understoodAs = rewritten !== q.normalize('NFKC').trim() ? rewritten : null
	const pageLink = (n: number) => `/search?${new URLSearchParams({ q, page: String(n) })}`
	// Plain links: the page hands their clicks to the router (data-discover as <Link> has it).
	const html = renderToStaticMarkup(
		<>
			<p aria-live="polite">
				{found.total > 0 ? t('search.count', { count: found.total, q }) : t('search.none', { q })}
				{understoodAs ? (
					<>
						{' '}
						<span className="muted">{t('search.understoodAs', { query: understoodAs })}</span>
					</>
				) : null}
			</p>
			<ol className="service-list" start={(page - 1) * perPage + 1}>
				{found.hits.map((hit) => (
					<li key={hit.code}>
						<a href={`/services/${hit.code}`} data-discover="true">
							<Marked parts={hit.nameHighlighted} />
						</a>
						<div className="meta">
							<span>{hit.code}</span>
							<span>
								{hit.category} › {hit.subcategory}
							</span>
							{hit.matchedBy === 'pinyin' ? <span>{t('search.byPinyin')}</span> : null}
						</div>
						{hit.snippet ? (
							<p className="muted" style={{ margin: '0.25rem 0 0' }}>
								<Marked parts={hit.snippet} />
							</p>
						) : null}
					</li>
				))}
			</ol>
			{pages > 1 ? (
				<nav aria-label={t('search.pagination')} className="pagination">
					{page > 1 ? (
						<a href={pageLink(page - 1)} rel="prev" data-discover="true">
							{t('search.previous')}
						</a>
					) : null}
					<span>{t('search.pages', { page, pages })}</span>
					{page < pages ? (
						<a href={pageLink(page + 1)} rel="next" data-discover="true">
							{t('search.next')}
						</a>
					) : null}
				</nav>
			) : null}
		</>,
	)
	return { page, pages, total: found.total, understoodAs, html }
}

/**
 * The results of a query (not blank) for a page number and language, and whether they were
 * already rendered. Least recently used results go first past 12 M characters (about 1,000 pages).
 */
export function searchResults(
	index: SearchIndex,
	q: string,
	requestedPage: number,
	language: Language,
): { results: SearchResults; cached: boolean } {
	let cache = caches.get(index)
	if (!cache) caches.set(index, (cache = { entries: new Map(), chars: 0 }))
	const key = `${language}\u0000${requestedPage}\u0000${q}`
	const known = cache.entries.get(key)
	if (known) {
		// Map order is the eviction order: a hit moves to the back.
		cache.entries.delete(key)
		cache.entries.set(key, known)
		return { results: known, cached: true }
	}
	const results = render(index, q, requestedPage, language)
	cache.entries.set(key, results)
	cache.chars += results.html.length
	for (const [oldest, entry] of cache.entries) {
		if (cache.chars <= maxChars) break
		cache.entries.delete(oldest)
		cache.chars -= entry.html.length
	}
	return { results, cached: false }
}
