// Browser tests need an item of a given kind on the first page (an order, a scenario), which a
// random draw cannot promise. Exists only with E2E_TEST_HOOKS=1 (playwright.config.ts).
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { startServiceAttempt } from '#app/modules/quizzes/attempts.server.ts'

const query = z.object({
	code: z.string().regex(/^XY-[A-Z]+-\d{3}$/),
	kind: z.enum(['single', 'multiple', 'truefalse', 'order', 'scenario']),
})

export async function loader({ request }: LoaderFunctionArgs) {
	if (process.env.E2E_TEST_HOOKS !== '1') throw new Response('Not found', { status: 404 })
	const user = await requireUser(request)
	const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!parsed.success) throw new Response('Bad request', { status: 400 })
	const attempt = await startServiceAttempt(user, parsed.data.code, undefined, {
		leadingKind: parsed.data.kind,
	})
	throw redirect(`/attempts/${attempt.id}?i=1`)
}
