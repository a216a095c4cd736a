// The production server: Express serving the Remix build. It connects and migrates the
// database before listening, and closes it on SIGTERM/SIGINT (remix-serve does not).
// React and Remix read NODE_ENV at run time: without this they would run their development builds.
process.env.NODE_ENV ??= 'production'

import path from 'node:path'
import remixExpress from '@remix-run/express'
import remixNode from '@remix-run/node'
import compression from 'compression'
import express from 'express'

const build = await import(path.resolve('build/index.js'))
const {
	boot,
	shutdown,
	isRequestFromOwnOrigin,
	getEnv,
	lessonPageKey,
	cachedLessonPage,
	storeLessonPage,
	lessonPageHeaders,
} = build.entry.module

let env
try {
	env = getEnv()
	await boot()
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exit(1)
}

const app = express()
app.disable('x-powered-by')
if (env.TRUST_PROXY) app.set('trust proxy', 1)
app.use(compression())
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))

const { createRequestHandler } = remixExpress
const { createRequestHandler: createFetchHandler } = remixNode

// CSRF: a request that can change something must come from this site.
app.use((req, res, next) => {
	const selfOrigin = `${req.protocol}://${req.get('host')}`
	const allowed = isRequestFromOwnOrigin({
		method: req.method,
		selfOrigin,
		origin: req.get('origin'),
		referer: req.get('referer'),
		allowedOrigins: env.APP_ORIGIN,
	})
	if (allowed) return next()
	res
		.status(403)
		.type('text/plain; charset=utf-8')
		.send(
			'403 请求来源不被允许：请从本站页面提交。\n403 Cross-site request refused: submit from this site.',
		)
})

// Lesson pages, the most read pages, come from a page cache when nothing they show has changed.
const renderWithRemix = createFetchHandler(build, process.env.NODE_ENV)
app.get('/services/:code', async (req, res, next) => {
	try {
		const key = await lessonPageKey(req.method, req.originalUrl, req.headers.cookie ?? '')
		if (!key) return next()
		const cached = cachedLessonPage(key)
		if (cached) return res.set({ ...lessonPageHeaders, 'X-Page-Cache': 'hit' }).end(cached)
		const headers = new Headers()
		for (const [name, value] of Object.entries(req.headers))
			if (typeof value === 'string') headers.set(name, value)
		const request = new Request(`${req.protocol}://${req.get('host')}${req.originalUrl}`, {
			headers,
		})
		const response = await renderWithRemix(request, { clientAddress: req.ip ?? null })
		const body = await response.text()
		if (response.status === 200 && !response.headers.has('Set-Cookie')) storeLessonPage(key, body)
		res.status(response.status)
		response.headers.forEach((value, name) => res.setHeader(name, value))
		res.set('X-Page-Cache', 'miss').end(body)
	} catch (error) {
		next(error)
	}
})

app.all(
	'*',
	createRequestHandler({
		build,
		mode: process.env.NODE_ENV ?? 'production',
		getLoadContext: (req) => ({ clientAddress: req.ip ?? null }),
	}),
)

// A deep accept queue: on an exam morning hundreds of browsers connect at once, and while the
// embedded database keeps the event loop busy Node's default (511) overflows into connect timeouts.
const server = app.listen({ port: env.PORT, backlog: 4096 }, () => {
	console.log(`Counter Ready: http://localhost:${env.PORT}`)
})

let closing = false
async function close(signal) {
	if (closing) return
	closing = true
	console.log(`${signal}: closing`)
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
