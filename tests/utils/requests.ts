import { type UNSAFE_DataWithResponseInit as DataWithResponseInit } from '@remix-run/router'
// Building real Requests for loaders and actions, signed in as someone or not.
import { createSession } from '#app/modules/auth/session.server.ts'

const origin = 'http://localhost:3000'

export async function sessionCookieFor(userId: string): Promise<string> {
	const { cookie } = await createSession(userId, new Request(origin))
	return cookie.split(';')[0] ?? ''
}

export function makeRequest(
	path: string,
	options: {
		method?: string
		cookie?: string
		form?: Record<string, string | Array<string>> | FormData
		headers?: Record<string, string>
	} = {},
): Request {
	const headers = new Headers(options.headers)
	if (options.cookie) headers.set('Cookie', options.cookie)
	let body: FormData | undefined
	if (options.form instanceof FormData) body = options.form
	else if (options.form) {
		body = new FormData()
		for (const [key, value] of Object.entries(options.form)) {
			for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
		}
	}
	return new Request(`${origin}${path}`, {
		method: options.method ?? (body ? 'POST' : 'GET'),
		headers,
		body,
	})
}

export const loaderArgs = (request: Request, params: Record<string, string> = {}) => ({
	request,
	params,
	context: { clientAddress: '127.0.0.1' },
})

/** Run a loader or action and return its thrown or returned Response (redirects, 403, 404…). */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
	try {
		const result = await run()
		if (result instanceof Response) return result
		throw new Error(`expected a Response, got ${JSON.stringify(result)?.slice(0, 200)}`)
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

/** Run a loader or action that returns data, possibly wrapped by data(value, { status }). */
export async function dataOf<T>(
	run: () => Promise<T>,
): Promise<{ status: number; value: Unwrapped<T> }> {
	const result = await run()
	if (isWrapped(result)) return { status: result.init?.status ?? 200, value: result.data }
	// Not wrapped: the value is the data itself.
	return { status: 200, value: result as Unwrapped<T> }
}

function isWrapped<T>(value: T): value is T & DataWithResponseInit<Unwrapped<T>> {
	return (
		typeof value === 'object' &&
		value !== null &&
		'type' in value &&
		value.type === 'DataWithResponseInit'
	)
}

type Unwrapped<T> = T extends DataWithResponseInit<infer D> ? D : T
