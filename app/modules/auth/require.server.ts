// Who is asking: every loader and action starts here (STYLE.md, step 1).
import { redirect } from '@remix-run/node'
import { type Session } from 'lucia'
import { validateRequestSession, type SessionUser } from './session.server.ts'

export { safeRedirect } from './safe-redirect.ts'

export type Role = SessionUser['role']

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
	return (await validateRequestSession(request))?.user ?? null
}

function loginRedirect(request: Request): never {
	const url = new URL(request.url)
	const target = `${url.pathname}${url.search}`
	throw redirect(target === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(target)}`)
}

export async function requireUserSession(
	request: Request,
): Promise<{ user: SessionUser; session: Session }> {
	const found = await validateRequestSession(request)
	if (!found) loginRedirect(request)
	const path = new URL(request.url).pathname
	if (found.user.mustChangePassword && path !== '/account/password' && path !== '/logout') {
		throw redirect('/account/password')
	}
	return found
}

export async function requireUser(request: Request): Promise<SessionUser> {
	return (await requireUserSession(request)).user
}

export function forbidden(): never {
	throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
}

export async function requireRole(
	request: Request,
	roles: ReadonlyArray<Role>,
): Promise<SessionUser> {
	const user = await requireUser(request)
	if (!roles.includes(user.role)) forbidden()
	return user
}
