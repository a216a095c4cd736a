import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import {
	blankSessionCookie,
	invalidateSession,
	readSessionId,
} from '#app/modules/auth/session.server.ts'

export async function loader() {
	throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	const sessionId = readSessionId(request)
	if (sessionId) await invalidateSession(sessionId)
	throw redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie(request) } })
}
