// What server.js refuses before a request reaches Remix or its body is read: methods no route
// has, addresses with NUL or broken escapes, the retired ?_data= protocol, bodies that are not
// form submissions, and bodies over the limit. Each refusal is a 4xx with a message in Chinese
// and English, never a 500 from deeper down (docs/decisions/009).
import { translator, type MessageKey, type Params } from './i18n/index.ts'
import { bodyLimitFor, formatBytes } from './request-limits.ts'

export type Refusal = {
	status: 400 | 403 | 405 | 413 | 415 | 431
	message: MessageKey
	params?: Params
	headers?: Record<string, string>
}

const methods = new Set(['GET', 'HEAD', 'POST'])
const formTypes = /^(application\/x-www-form-urlencoded|multipart\/form-data\s*;.*boundary=)/i

export type RequestHead = {
	method: string
	/** Path and query as sent (Express's req.originalUrl). */
	url: string
	contentType: string | undefined
	contentLength: string | undefined
}

export function refuseRequest(head: RequestHead): Refusal | null {
	const method = head.method.toUpperCase()
	if (!methods.has(method))
		return { status: 405, message: 'request.method', headers: { Allow: 'GET, HEAD, POST' } }

	const queryAt = head.url.indexOf('?')
	const path = queryAt >= 0 ? head.url.slice(0, queryAt) : head.url
	const query = queryAt >= 0 ? head.url.slice(queryAt + 1) : ''
	// PostgreSQL text cannot hold NUL: refused here, no query ever sees one from the address.
	if (/%00/i.test(head.url) || head.url.includes('\u0000'))
		return { status: 400, message: 'request.nul' }
	try {
		decodeURIComponent(path)
	} catch {
		return { status: 400, message: 'request.badUrl' }
	}
	// Single fetch asks for data at "<path>.data"; ?_data= only makes Remix throw and log.
	if (new URLSearchParams(query).has('_data')) return { status: 400, message: 'request.dataParam' }

	if (method !== 'POST') return null
	if (!formTypes.test(head.contentType ?? ''))
		return { status: 415, message: 'request.contentType' }
	const limit = bodyLimitFor(path)
	const declared = Number(head.contentLength)
	if (Number.isFinite(declared) && declared > limit) return tooLarge(path)
	return null
}

/**
 * A form body that no action could read (a broken multipart body, bad percent-escapes) or with
 * NUL in a text field. Read once more here, so no route's formData() can throw on it.
 */
export async function refuseFormBody(
	contentType: string,
	body: Uint8Array,
): Promise<Refusal | null> {
	let form: FormData
	try {
		form = await new Request('http://form.invalid/', {
			method: 'POST',
			headers: { 'Content-Type': contentType },
			body: new Uint8Array(body),
		}).formData()
	} catch {
		return { status: 400, message: 'request.badForm' }
	}
	for (const [name, value] of form) {
		if (name.includes('\u0000')) return { status: 400, message: 'request.nul' }
		if (typeof value === 'string' && value.includes('\u0000'))
			return { status: 400, message: 'request.nul' }
	}
	return null
}

export function tooLarge(path: string): Refusal {
	return {
		status: 413,
		message: 'request.tooLarge',
		params: { limit: formatBytes(bodyLimitFor(path)) },
	}
}

export const crossSiteRefusal: Refusal = { status: 403, message: 'request.crossSite' }

/**
 * What Node's HTTP parser could not take (an address or headers past its 16 KB, a malformed
 * request line), as raw HTTP: server.js writes it on the socket before Express ever runs.
 */
export function unparsableRequestResponse(code: string | undefined): string {
	const refusal: Refusal =
		code === 'HPE_HEADER_OVERFLOW'
			? { status: 431, message: 'request.headersTooLarge' }
			: { status: 400, message: 'request.badUrl' }
	const answer = refusalResponse(refusal, 'text/plain')
	const body = Buffer.from(answer.body)
	const reason = refusal.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'
	return (
		`HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: ${answer.headers['Content-Type']}\r\n` +
		`Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${answer.body}`
	)
}

/** The refusal as a page (for browsers) or as plain text, Chinese first, then English. */
export function refusalResponse(
	refusal: Refusal,
	accept: string | undefined,
): { status: number; headers: Record<string, string>; body: string } {
	const zh = translator('zh')(refusal.message, refusal.params)
	const en = translator('en')(refusal.message, refusal.params)
	const headers = { 'Cache-Control': 'no-store', ...refusal.headers }
	if (!/text\/html/i.test(accept ?? ''))
		return {
			status: refusal.status,
			headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
			body: `${refusal.status} ${zh}\n${refusal.status} ${en}\n`,
		}
	const title = translator('zh')('error.title')
	return {
		status: refusal.status,
		headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
		body: `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${refusal.status} ${title} · 一窗通学</title></head>
<body>
<main>
<h1>${title}（${refusal.status}）</h1>
<p role="alert">${escapeHtml(zh)}</p>
<p lang="en">${escapeHtml(en)}</p>
<p><a href="/">${translator('zh')('error.home')}</a> · <a href="/" lang="en">${translator('en')('error.home')}</a></p>
</main>
</body>
</html>
`,
	}
}

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
	)
}
