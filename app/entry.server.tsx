// Server entry: streams HTML; also exports start-up, shutdown and the origin check, which
// server.js reaches through the server build (build.entry.module).
import { Transform } from 'node:stream'
import {
	createReadableStreamFromReadable,
	type AppLoadContext,
	type EntryContext,
} from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceContext } from '#app/utils/nonce.ts'

export { boot, shutdown } from '#app/utils/boot.server.ts'
export { isRequestFromOwnOrigin } from '#app/utils/csrf.server.ts'
export { getEnv, serverProcesses } from '#app/utils/env.server.ts'
export {
	crossSiteRefusal,
	refusalResponse,
	refuseFormBody,
	refuseRequest,
	tooLarge,
	unparsableRequestResponse,
} from '#app/utils/request-guard.server.ts'
export { bodyLimitFor } from '#app/utils/request-limits.ts'
export {
	contentSecurityPolicy,
	newCspNonce,
	privateNoStore,
	securityHeaders,
} from '#app/utils/security-headers.server.ts'
export {
	cachedLessonPage,
	lessonPageHeaders,
	readerPage,
	shellPageView,
	storeLessonPage,
} from '#app/utils/page-cache.server.ts'

const abortDelay = 5_000

/**
 * React 18.3's streaming renderer can leave NUL bytes where a multi-byte character did not fit
 * the end of its 2 KB buffer (facebook/react#31134): in Chinese pages they land inside text, so
 * a label reads "第 1 题\0（已答）" to a browser without JavaScript and to a screen reader. A NUL
 * byte never belongs to UTF-8 text, so it is dropped on the way out.
 */
function withoutNulBytes() {
	return new Transform({
		transform(chunk: Buffer, _encoding, done) {
			if (chunk.indexOf(0) === -1) return done(null, chunk)
			const kept = Buffer.allocUnsafe(chunk.length)
			let length = 0
			for (const byte of chunk) if (byte !== 0) kept[length++] = byte
			done(null, kept.subarray(0, length))
		},
	})
}

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = loadContext.cspNonce ?? ''
	const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceContext.Provider value={nonce}>
				<RemixServer
					context={remixContext}
					url={request.url}
					abortDelay={abortDelay}
					nonce={nonce}
				/>
			</NonceContext.Provider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = withoutNulBytes()
					// server.js adds the security headers and Cache-Control to every answer.
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					// Errors after the shell are logged; the error boundary shows the user a message.
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, abortDelay)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	// A 4xx the router raised itself (no action for a POST, no such route) is the client's
	// mistake, answered with its status: no stack trace in the log for it.
	if (isRouteErrorResponse(error) && error.status < 500) return
	console.error(error)
}
