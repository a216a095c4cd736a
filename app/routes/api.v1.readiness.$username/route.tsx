// GET /api/v1/readiness/<username>: may this clerk staff a general counter (系统对接; bearer token).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { json, personReadinessAnswer } from '#app/modules/readiness/api.server.ts'
import { hasControlCharacters } from '#app/utils/schemas.ts'

const username = z
	.string()
	.trim()
	.min(1)
	.max(64)
	.refine((v) => !hasControlCharacters(v))

export async function loader({ request, params }: LoaderFunctionArgs) {
	const parsed = username.safeParse(params.username)
	if (!parsed.success) return json({ error: 'bad username' }, 400)
	return personReadinessAnswer(request, parsed.data)
}
