// The bench's exam day answers past the deadline without waiting an hour: this ends the signed-in
// clerk's running exam now. Exists only when the server runs with E2E_TEST_HOOKS=1; 404 otherwise.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { endExamTimeNow } from '#app/modules/quizzes/attempts.server.ts'

const query = z.object({ attempt: z.string().uuid() })

export async function loader({ request }: LoaderFunctionArgs) {
	if (process.env.E2E_TEST_HOOKS !== '1') throw new Response('Not found', { status: 404 })
	const user = await requireUser(request)
	const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!parsed.success) throw new Response('Bad request', { status: 400 })
	const ended = await endExamTimeNow(parsed.data.attempt, user.id)
	if (!ended) throw new Response('Not found', { status: 404 })
	return Response.json({ ended })
}
