// Server entry: streams HTML; also exports start-up, shutdown and the origin check, which
// server.js reaches through the server build (build.entry.module).
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'

export { boot, shutdown } from '#app/utils/boot.server.ts'
export { isRequestFromOwnOrigin } from '#app/utils/csrf.server.ts'
export { getEnv } from '#app/utils/env.server.ts'
export {
	cachedLessonPage,
	lessonPageHeaders,
	lessonPageKey,
	storeLessonPage,
} from '#app/utils/page-cache.server.ts'

const abortDelay = 5_000

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
) {
	const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<RemixServer context={remixContext} url={request.url} abortDelay={abortDelay} />,
			{
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					responseHeaders.set('X-Content-Type-Options', 'nosniff')
					responseHeaders.set('Referrer-Policy', 'same-origin')
					responseHeaders.set('X-Frame-Options', 'DENY')
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
	console.error(error)
}
