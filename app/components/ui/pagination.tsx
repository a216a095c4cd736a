// Previous / next links for a paged list (plain links: they work without JavaScript).
import { Link, useSearchParams } from '@remix-run/react'
import { useT } from '#app/utils/use-root-data.ts'

export function Pagination({
	page,
	hasNext,
	pages,
}: {
	page: number
	hasNext: boolean
	pages?: number
}) {
	const t = useT()
	const [searchParams] = useSearchParams()
	const linkTo = (target: number) => {
		const next = new URLSearchParams(searchParams)
		next.set('page', String(target))
		return `?${next.toString()}`
	}
	if (page <= 1 && !hasNext) return null
	return (
		<nav className="pagination" aria-label={t('people.pageOf', { page })}>
			{page > 1 ? <Link to={linkTo(page - 1)}>{t('people.prev')}</Link> : null}
			<span>
				{t('people.pageOf', { page })}
				{pages ? ` / ${pages}` : ''}
			</span>
			{hasNext ? <Link to={linkTo(page + 1)}>{t('people.next')}</Link> : null}
		</nav>
	)
}
