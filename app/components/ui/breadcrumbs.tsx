// Where this page sits: links to the pages above it, then the page itself.
import { Link } from '@remix-run/react'

export function Breadcrumbs({
	trail,
	current,
	className,
}: {
	trail: Array<{ to: string; label: string }>
	current?: string
	className?: string
}) {
	return (
		<nav className={`breadcrumbs ${className ?? ''}`} aria-label="breadcrumb">
			<ol>
				{trail.map((step) => (
					<li key={step.to}>
						<Link to={step.to}>{step.label}</Link>
					</li>
				))}
				{current ? <li aria-current="page">{current}</li> : null}
			</ol>
		</nav>
	)
}
