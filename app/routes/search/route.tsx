import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, data, useLoaderData, useNavigate } from '@remix-run/react'
import { type MouseEvent } from 'react'
import { z } from 'zod'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { getLanguage } from '#app/utils/language.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { searchResults } from './results.server.tsx'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.search')

// A page number out of range or not a number reads as the first page, never an error.
const pageSchema = z.coerce.number().int().min(1).max(1000).catch(1)

/** X-Search-Cache says whether the results were rendered for this request (the bench counts it). */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function loader({ request, context }: LoaderFunctionArgs) {
	// A page shell is rendered for a stand-in once server.js has checked the reader (ADR 021).
	if (!context.lessonShell) await requireUser(request)
	const params = new URL(request.url).searchParams
	const q = (params.get('q') ?? '').slice(0, 60)
	if (!q.trim()) return data({ q, results: null })
	const requested = pageSchema.parse(params.get('page') ?? undefined)
	// The results are the same for every reader: rendered once per manual, language, query, page.
	const { results, cached } = searchResults(getCatalog().search, q, requested, getLanguage(request))
	return data({ q, results }, { headers: { 'X-Search-Cache': cached ? 'hit' : 'miss' } })
}

/**
 * The results are server-rendered HTML with plain links: a click on one (not opening a new tab
 * or window) navigates in the app, as a <Link> would.
 */
function useRouterLinks() {
	const navigate = useNavigate()
	return (event: MouseEvent<HTMLElement>) => {
		if (event.defaultPrevented || event.button !== 0) return
		if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return
		const link = event.target instanceof Element ? event.target.closest('a') : null
		if (!link || link.target || link.hasAttribute('download')) return
		if (link.origin !== window.location.origin) return
		event.preventDefault()
		navigate(`${link.pathname}${link.search}${link.hash}`)
	}
}

export default function Search() {
	const t = useT()
	const { q, results } = useLoaderData<typeof loader>()
	const onResultsClick = useRouterLinks()
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
			{results ? (
				<div onClick={onResultsClick} dangerouslySetInnerHTML={{ __html: results.html }} />
			) : null}
		</div>
	)
}
