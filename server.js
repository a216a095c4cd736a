// The production server: Express serving the Remix build. It connects and migrates the
// database before listening, and closes it on SIGTERM/SIGINT (remix-serve does not). Before
// Remix sees a request it checks the Origin of mutations (CSRF), refuses what no route can answer
// (405, 400, 415, 413: request-guard) and reads the body within its limit (docs/decisions/009).
// React and Remix read NODE_ENV at run time: without this they would run their development builds.
process.env.NODE_ENV ??= 'production'

import cluster from 'node:cluster'
import os from 'node:os'
import path from 'node:path'
import remixNode from '@remix-run/node'
import compression from 'compression'
import express from 'express'

// REMIX_BUILD_DIR lets the HTTP tests run their own build beside a developer's (remix.config.js).
const buildDir = process.env.REMIX_BUILD_DIR
// Its hash is the code version of the catalog snapshot a restart reuses (docs/decisions/019).
const buildFile = path.resolve(buildDir ? path.join(buildDir, 'index.js') : 'build/index.js')
const build = await import(buildFile)
const assetsDir = buildDir ? path.join(buildDir, 'public') : 'public/build'
const {
	boot,
	shutdown,
	isRequestFromOwnOrigin,
	getEnv,
	serverProcesses,
	shellPageView,
	cachedLessonPage,
	storeLessonPage,
	readerPage,
	lessonPageHeaders,
	refuseRequest,
	refuseFormBody,
	refusalResponse,
	crossSiteRefusal,
	tooLarge,
	unparsableRequestResponse,
	bodyLimitFor,
	contentSecurityPolicy,
	newCspNonce,
	privateNoStore,
	securityHeaders,
} = build.entry.module

let env
try {
	env = getEnv()
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exit(1)
}

// Several processes on PostgreSQL (docs/decisions/013): the primary boots once (migrations, the
// lesson cache, the catalog sync, printing its progress) while it forks WEB_CONCURRENCY workers
// that share the port; each loads the server build meanwhile and boots once the primary has
// (docs/decisions/019). The embedded database allows one process, so it always runs one.
const processes = serverProcesses(env, os.availableParallelism?.() ?? os.cpus().length)
if (cluster.isPrimary && processes > 1) {
	await runPrimary(processes)
} else {
	await runWorker()
}

async function runPrimary(count) {
	let closing = false
	let listening = 0
	let booted = false
	const waiting = new Set()
	const fork = () => cluster.fork({ CR_CLUSTER_WORKER: '1' })
	const tell = (worker) => {
		if (worker.isConnected()) worker.send('cr:primary-booted')
	}
	cluster.on('message', (worker, message) => {
		if (message !== 'cr:waiting-for-primary') return
		if (booted) tell(worker)
		else waiting.add(worker)
	})
	cluster.on('listening', () => {
		listening++
		if (listening === count)
			console.log(`Counter Ready: http://localhost:${env.PORT} (${count} processes)`)
	})
	// A worker that dies is replaced; one that cannot start at all stops the whole server.
	cluster.on('exit', (worker, code, signal) => {
		waiting.delete(worker)
		if (closing) return
		if (!worker.exitedAfterDisconnect && listening < count) {
			console.error(`worker ${worker.process.pid} could not start (exit ${code ?? signal})`)
			closing = true
			for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM')
			process.exitCode = 1
			return
		}
		console.error(`worker ${worker.process.pid} exited (${code ?? signal}); starting another`)
		listening--
		fork()
	})
	const close = (signal) => {
		if (closing) return
		closing = true
		console.log(`${signal}: closing ${count} processes`)
		for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM')
		// The primary exits when its last worker has (the cluster holds no other handle).
	}
	process.on('SIGTERM', () => close('SIGTERM'))
	process.on('SIGINT', () => close('SIGINT'))
	for (let i = 0; i < count; i++) fork()
	let settled
	try {
		;({ settled } = await boot(console.log, { primary: true, buildFile }))
	} catch (error) {
		console.error(error instanceof Error ? error.message : error)
		closing = true
		for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM')
		process.exit(1)
	}
	booted = true
	for (const worker of waiting) tell(worker)
	waiting.clear()
	// The primary keeps its database connection only for the statistics refresh begun at boot.
	settled.then(shutdown).catch((error) => console.error(error))
}

/** In a worker: resolves once the primary has booted (migrated, synced, written the snapshot). */
function primaryBooted() {
	return new Promise((resolve) => {
		const onMessage = (message) => {
			if (message !== 'cr:primary-booted') return
			process.off('message', onMessage)
			resolve()
		}
		process.on('message', onMessage)
		process.send('cr:waiting-for-primary')
	})
}

const smallAnswers = /^(?:text\/x-script|application\/json)\b/
function worthCompressing(req, res) {
	if (smallAnswers.test(String(res.getHeader('Content-Type') ?? ''))) return false
	return compression.filter(req, res)
}

async function runWorker() {
	try {
		if (cluster.isWorker) await primaryBooted()
		await boot(cluster.isWorker ? () => {} : console.log, { worker: cluster.isWorker, buildFile })
	} catch (error) {
		console.error(error instanceof Error ? error.message : error)
		process.exit(1)
	}

	const app = express()
	app.disable('x-powered-by')
	if (env.TRUST_PROXY) app.set('trust proxy', 1)
	// Level 1: a third of the default level's CPU for pages a few per cent larger (ADR 014).
	// Route data and JSON answers (autosave, 下一题's next item) are a few KB and streamed with no
	// length, so a size threshold cannot skip them: each would cost a deflate stream of its own,
	// which on exam day was an eighth of a server's CPU. Pages, scripts, styles and CSV still are.
	app.use(compression({ level: 1, filter: worthCompressing }))

	// Every answer, static files included, carries the security headers and its own CSP nonce.
	// Which process answered, for the tests of several processes (only with the test hooks on).
	const workerTag =
		process.env.E2E_TEST_HOOKS === '1' && cluster.isWorker ? String(cluster.worker?.id) : null
	app.use((req, res, next) => {
		if (workerTag) res.set('X-Worker', workerTag)
		res.locals.cspNonce = newCspNonce()
		res.set(securityHeaders)
		res.set('Content-Security-Policy', contentSecurityPolicy(res.locals.cspNonce))
		next()
	})
	app.use('/build', express.static(assetsDir, { immutable: true, maxAge: '1y' }))
	// Only a path that names a file reaches the file system: a stat for every page and every
	// autosave was 2% of a server's CPU on exam day. Route data (.data) is never a file.
	const servePublic = express.static('public', { maxAge: '1h' })
	app.use((req, res, next) =>
		/\.(?!data$)[A-Za-z0-9]+$/.test(req.path) ? servePublic(req, res, next) : next(),
	)

	// Past its limit a body is read and thrown away rather than cut off: a connection closed on
	// unread data is reset, and the browser would show "connection reset" instead of our message.
	// Beyond this much more, the sender is not a browser making a mistake: the socket is closed.
	const discardAtMostBytes = 16 * 1024 * 1024

	function refuse(req, res, refusal) {
		const answer = refusalResponse(refusal, req.get('accept'))
		if (!req.complete) {
			let discarded = 0
			req.removeAllListeners('data')
			req.on('data', (chunk) => {
				discarded += chunk.length
				if (discarded > discardAtMostBytes) req.socket.destroy()
			})
			req.resume()
		}
		res.status(answer.status).set(answer.headers).send(answer.body)
	}

	// CSRF: a request that can change something must come from this site.
	app.use((req, res, next) => {
		const allowed = isRequestFromOwnOrigin({
			method: req.method,
			selfOrigin: `${req.protocol}://${req.get('host')}`,
			origin: req.get('origin'),
			referer: req.get('referer'),
			allowedOrigins: env.APP_ORIGIN,
		})
		if (allowed) return next()
		refuse(req, res, crossSiteRefusal)
	})

	// Requests no route can answer, before their body is read.
	app.use((req, res, next) => {
		const refusal = refuseRequest({
			method: req.method,
			url: req.originalUrl,
			contentType: req.get('content-type'),
			contentLength: req.get('content-length'),
		})
		if (refusal) return refuse(req, res, refusal)
		next()
	})

	// The body, read whole but never past its limit (a chunked body declares no length).
	app.use((req, res, next) => {
		if (req.method !== 'POST') return next()
		const limit = bodyLimitFor(req.path)
		const chunks = []
		let size = 0
		let over = false
		req.on('data', (chunk) => {
			if (over) return
			size += chunk.length
			if (size > limit) {
				over = true
				chunks.length = 0
				refuse(req, res, tooLarge(req.path))
				return
			}
			chunks.push(chunk)
		})
		req.on('end', () => {
			if (over) return
			res.locals.body = Buffer.concat(chunks)
			refuseFormBody(req.get('content-type'), res.locals.body).then((refusal) => {
				if (refusal) refuse(req, res, refusal)
				else next()
			}, next)
		})
		req.on('error', (error) => {
			if (!over) next(error)
		})
	})

	const { createRequestHandler } = remixNode
	const handleWithRemix = createRequestHandler(build, process.env.NODE_ENV)

	// The two halves of @remix-run/express's handler, with the body we read instead of the stream.
	function remixHeaders(incoming) {
		const headers = new Headers()
		for (const [name, values] of Object.entries(incoming)) {
			if (Array.isArray(values)) for (const value of values) headers.append(name, value)
			else if (values) headers.set(name, values)
		}
		return headers
	}

	async function sendRemixResponse(res, response) {
		res.statusMessage = response.statusText
		res.status(response.status)
		for (const [name, value] of response.headers.entries()) res.append(name, value)
		if (!response.body) return res.end()
		// Remix's writeReadableStreamToWritable writes without waiting: a 140 MB export to a slow
		// reader would sit in this process. Here the next chunk is read only when the socket (or
		// the compressor) has taken the last, and a gone client cancels the stream (its cursor).
		// Pages are flushed chunk by chunk as Remix does; downloads are not (it only costs).
		const flushEach = !/^attachment/i.test(response.headers.get('Content-Disposition') ?? '')
		const reader = response.body.getReader()
		// One close and one drain listener for the whole response, each waking the current wait.
		// (A `once('drain')` per wait would leak: compression moves drain listeners onto its own
		// stream, where the once-wrapper cannot remove itself, one more for every full buffer.)
		let wake = () => {}
		res.on('close', () => wake())
		res.on('drain', () => wake())
		try {
			for (;;) {
				const { done, value } = await reader.read()
				if (done) break
				if (res.destroyed) return await reader.cancel()
				const more = res.write(value)
				if (flushEach) res.flush?.()
				if (!more)
					await new Promise((resolve) => {
						wake = resolve
					})
			}
			res.end()
		} catch (error) {
			res.destroy(error)
			throw error
		}
	}

	/** A Fetch Request for Remix from Express's request and the body already read. */
	function remixRequest(req, res) {
		// Host as @remix-run/express builds it: req.hostname respects "trust proxy".
		const port = Number.parseInt(
			(req.get('x-forwarded-host') ?? req.get('host') ?? '').split(':')[1] ?? '',
			10,
		)
		const url = new URL(
			`${req.protocol}://${req.hostname}${Number.isSafeInteger(port) ? `:${port}` : ''}${req.originalUrl}`,
		)
		const controller = new AbortController()
		res.on('close', () => {
			if (!res.writableFinished) controller.abort()
		})
		return new Request(url.href, {
			method: req.method,
			headers: remixHeaders(req.headers),
			signal: controller.signal,
			...(req.method === 'POST' ? { body: res.locals.body ?? Buffer.alloc(0) } : {}),
		})
	}

	function loadContext(req, res, extra) {
		return { clientAddress: req.ip ?? null, cspNonce: res.locals.cspNonce, ...extra }
	}

	async function answerWithRemix(req, res, extraContext = {}) {
		let request
		try {
			request = remixRequest(req, res)
		} catch {
			return refuse(req, res, { status: 400, message: 'request.badUrl' })
		}
		const response = await handleWithRemix(request, loadContext(req, res, extraContext))
		// Pages, data and exports show a signed-in person's data: no cache keeps them.
		if (!response.headers.has('Cache-Control')) res.set('Cache-Control', privateNoStore)
		return { request, response }
	}

	// Lesson pages, the most read pages: rendered once per lesson revision, language, role and
	// studied state for a stand-in reader, then filled in for each reader (ADR 014); search
	// results pages likewise, per query and page, language and role (ADR 021).
	app.get(['/services/:code', '/search'], async (req, res, next) => {
		try {
			const view = await shellPageView(req.method, req.originalUrl, req.headers.cookie ?? '')
			if (!view) return next()
			const nonce = res.locals.cspNonce
			const cached = cachedLessonPage(view, nonce)
			if (cached) return res.set({ ...lessonPageHeaders, 'X-Page-Cache': 'hit' }).end(cached)
			const answered = await answerWithRemix(req, res, { lessonShell: view.shell })
			if (!answered) return
			const { response } = answered
			const rendered = await response.text()
			const body =
				response.status === 200 && !response.headers.has('Set-Cookie')
					? storeLessonPage(view, rendered, nonce)
					: readerPage(view, rendered)
			res.status(response.status)
			response.headers.forEach((value, name) => res.setHeader(name, value))
			res.set('X-Page-Cache', 'miss').end(body)
		} catch (error) {
			next(error)
		}
	})

	app.all('*', async (req, res, next) => {
		try {
			const answered = await answerWithRemix(req, res)
			if (answered) await sendRemixResponse(res, answered.response)
		} catch (error) {
			next(error)
		}
	})

	// Whatever still fails is ours: logged once, answered with a short message and no stack trace.
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express knows an error handler by its four parameters
	app.use((error, req, res, _next) => {
		console.error(error)
		if (res.headersSent) return res.destroy()
		res
			.status(500)
			.type('text/plain; charset=utf-8')
			.send('500 服务器出现问题，请稍后再试。\n500 The server had a problem. Try again later.\n')
	})

	// A deep accept queue: on an exam morning hundreds of browsers connect at once, and while the
	// embedded database keeps the event loop busy Node's default (511) overflows into connect timeouts.
	const server = app.listen({ port: env.PORT, backlog: 4096 }, () => {
		if (cluster.isPrimary) console.log(`Counter Ready: http://localhost:${env.PORT}`)
	})

	// What Node's parser refuses (headers past 16 KB, a broken request line) gets a message too, and
	// the socket is ended gently: what the client is still sending is read and dropped, so it sees
	// our answer instead of a connection reset.
	server.on('clientError', (error, socket) => {
		if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy()
		socket.on('data', () => {})
		socket.setTimeout(10_000, () => socket.destroy())
		socket.end(unparsableRequestResponse(error.code))
	})

	let closing = false
	async function close(signal) {
		if (closing) return
		closing = true
		if (cluster.isPrimary) console.log(`${signal}: closing`)
		server.close()
		server.closeAllConnections?.()
		try {
			await shutdown()
		} finally {
			process.exit(0)
		}
	}
	process.on('SIGTERM', () => void close('SIGTERM'))
	process.on('SIGINT', () => void close('SIGINT'))
}
