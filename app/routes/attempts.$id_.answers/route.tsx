// JSON endpoint for the attempt page with JavaScript: autosave and 切屏 counting.
import { type ActionFunctionArgs } from '@remix-run/node'
import { handleAttemptApi } from './queries.server.ts'

export async function loader() {
	return new Response('Method not allowed', { status: 405 })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return handleAttemptApi(request, params.id ?? '')
}
