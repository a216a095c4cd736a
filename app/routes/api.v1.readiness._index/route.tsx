// GET /api/v1/readiness?site=<code or id>: everyone at a site, cleared or not (bearer token).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { json, siteReadinessAnswer } from '#app/modules/readiness/api.server.ts'

const site = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/)

export async function loader({ request }: LoaderFunctionArgs) {
	const parsed = site.safeParse(new URL(request.url).searchParams.get('site') ?? '')
	if (!parsed.success) return json({ error: 'give ?site=<site code or id>' }, 400)
	return siteReadinessAnswer(request, parsed.data)
}
