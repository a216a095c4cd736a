// /verify?code=… from the form on the verification page.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'

export async function loader({ request }: LoaderFunctionArgs) {
	const code = (new URL(request.url).searchParams.get('code') ?? '')
		.trim()
		.toUpperCase()
		.slice(0, 20)
	throw redirect(code ? `/verify/${encodeURIComponent(code)}` : '/login')
}
