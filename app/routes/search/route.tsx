import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import {
	rewriteQuery,
	searchServices,
	type Highlighted,
} from '#app/modules/content/search.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.search')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 60)
	const index = getCatalog().search
	const hits = q.trim() ? searchServices(index, q) : []
	const rewritten = rewriteQuery(index, q)
	// Say so when everyday words were read as the manual's ("社保卡" → "社会保障卡").
	const understoodAs = q.trim() && rewritten !== q.normalize('NFKC').trim() ? rewritten : null
	return { q, hits, understoodAs }
}

function Marked({ parts }: { parts: Highlighted }) {
	return (
		<>
			{parts.map((part, i) =>
				part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
			)}
		</>
	)
}

export default function Search() {
	const t = useT()
	const { q, hits, understoodAs } = useLoaderData<typeof loader>()
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
						{hits.length > 0
							? t('search.count', { count: hits.length, q })
							: t('search.none', { q })}
						{understoodAs ? (
							<>
								{' '}
								<span className="muted">{t('search.understoodAs', { query: understoodAs })}</span>
							</>
						) : null}
					</p>
					<ol className="service-list">
						{hits.map((hit) => (
							<li key={hit.code}>
								<Link to={`/services/${hit.code}`}>
									<Marked parts={hit.nameHighlighted} />
								</Link>
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
				</>
			) : null}
		</div>
	)
}
