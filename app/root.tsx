import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
	Form,
	isRouteErrorResponse,
	Link,
	Links,
	Meta,
	NavLink,
	Outlet,
	Scripts,
	ScrollRestoration,
	useLocation,
	useRouteError,
} from '@remix-run/react'
import { type ReactNode } from 'react'
import { getOptionalUser } from '#app/modules/auth/require.server.ts'
import { getLanguage } from '#app/utils/language.server.ts'
import { useNonce } from '#app/utils/nonce.ts'
import { type MessageKey, type Translate } from '#app/utils/i18n/index.ts'
import { useRootData, useT, type RootUser } from '#app/utils/use-root-data.ts'
import appStyles from '#app/styles/app.css'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: appStyles },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: '一窗通学 · Counter Ready' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	// A lesson page shell is rendered for a stand-in reader (server.js has checked the real one).
	const user = context.lessonShell?.user ?? (await getOptionalUser(request))
	return {
		language: getLanguage(request),
		user: user
			? { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
			: null,
	}
}

type NavItem = { to: string; label: MessageKey }

function navFor(user: RootUser): Array<NavItem> {
	const study: Array<NavItem> = [
		{ to: '/services', label: 'nav.study' },
		{ to: '/search', label: 'nav.search' },
	]
	if (user.role === 'clerk')
		return [
			{ to: '/', label: 'nav.home' },
			...study,
			{ to: '/review', label: 'nav.review' },
			{ to: '/notebook', label: 'nav.notebook' },
			{ to: '/certifications', label: 'nav.myCerts' },
			{ to: '/zero-refusal', label: 'nav.zeroRefusal' },
		]
	if (user.role === 'trainer') {
		return [
			{ to: '/board', label: 'nav.board' },
			{ to: '/people', label: 'nav.people' },
			{ to: '/zero-refusal', label: 'nav.zeroRefusal' },
			{ to: '/admin/audit', label: 'nav.audit' },
			{ to: '/exam-room', label: 'nav.examRoom' },
			{ to: '/cohorts', label: 'nav.goals' },
			...study,
		]
	}
	return [
		{ to: '/people', label: 'nav.people' },
		{ to: '/admin/sites', label: 'nav.sites' },
		{ to: '/admin/settings', label: 'nav.settings' },
		{ to: '/board', label: 'nav.board' },
		{ to: '/admin/api-tokens', label: 'nav.apiTokens' },
		{ to: '/exam-room', label: 'nav.examRoom' },
		{ to: '/admin/audit', label: 'nav.audit' },
		{ to: '/zero-refusal', label: 'nav.zeroRefusal' },
		...study,
	]
}

function LanguageSwitch({ t, language }: { t: Translate; language: 'zh' | 'en' }) {
	const location = useLocation()
	return (
		<Form method="post" action="/language" className="lang-switch">
			<input type="hidden" name="language" value={language === 'zh' ? 'en' : 'zh'} />
			<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
			<button
				type="submit"
				className="link-button"
				lang={language === 'zh' ? 'en' : 'zh-CN'}
				title={t('lang.label')}
			>
				{t('lang.switch')}
			</button>
		</Form>
	)
}

function Header() {
	const { user, language } = useRootData()
	const t = useT()
	return (
		<header className="site-header">
			<div className="site-header-inner">
				<Link to="/" className="brand">
					<span className="brand-name">{t('app.name')}</span>
					<span className="brand-tagline">{t('app.tagline')}</span>
				</Link>
				{user ? (
					<nav aria-label={t('nav.label')} className="main-nav">
						<ul>
							{navFor(user).map((item) => (
								<li key={item.to}>
									<NavLink to={item.to} prefetch="intent" end={item.to === '/'}>
										{t(item.label)}
									</NavLink>
								</li>
							))}
						</ul>
					</nav>
				) : null}
				<div className="header-tools">
					{user ? (
						<>
							<span className="who">
								{t('nav.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}
							</span>
							<Link to="/account/password">{t('nav.account')}</Link>
							<Form method="post" action="/logout">
								<button type="submit" className="link-button">
									{t('nav.signOut')}
								</button>
							</Form>
						</>
					) : null}
					<LanguageSwitch t={t} language={language} />
				</div>
			</div>
		</header>
	)
}

function Document({ children, language }: { children: ReactNode; language: 'zh' | 'en' }) {
	const nonce = useNonce()
	return (
		<html lang={language === 'zh' ? 'zh-CN' : 'en'}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export function Layout({ children }: { children: ReactNode }) {
	const { language } = useRootData()
	const t = useT()
	return (
		<Document language={language}>
			<a href="#main" className="skip-link">
				{t('app.skip')}
			</a>
			<Header />
			<main id="main" tabIndex={-1}>
				{children}
			</main>
		</Document>
	)
}

export default function App() {
	return <Outlet />
}

const statusMessages: Record<number, MessageKey> = {
	400: 'error.400',
	403: 'error.403',
	404: 'error.404',
	409: 'error.409',
	413: 'error.413',
	415: 'error.415',
	429: 'error.429',
}

export function ErrorBoundary() {
	const error = useRouteError()
	const t = useT()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const message = statusMessages[status] ?? 'error.500'
	return (
		<div className="page narrow">
			<h1>
				{t('error.title')}（{status}）
			</h1>
			<p className="error-message" role="alert">
				{t(message)}
			</p>
			<p>
				<Link to="/">{t('error.home')}</Link>
			</p>
		</div>
	)
}
