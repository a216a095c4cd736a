// End-to-end tests sign in by creating a session row, not by typing in the form (STYLE.md).
// The embedded database allows one process, so the browser tests ask the server to do it.
// Exists only when the server runs with E2E_TEST_HOOKS=1 (playwright.config.ts); 404 otherwise.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { safeRedirect } from '#app/modules/auth/require.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { findUserByUsername } from '#app/modules/people/people.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	if (process.env.E2E_TEST_HOOKS !== '1') throw new Response('Not found', { status: 404 })
	const url = new URL(request.url)
	const user = await findUserByUsername(url.searchParams.get('username') ?? '')
	if (!user) throw new Response('Not found', { status: 404 })
	const { cookie } = await createSession(user.id, request)
	throw redirect(safeRedirect(url.searchParams.get('to')), { headers: { 'Set-Cookie': cookie } })
}
