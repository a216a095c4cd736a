// The production server: Express serving the Remix build. It connects and migrates the
// database before listening, and closes it on SIGTERM/SIGINT (remix-serve does not).
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const build = await import(path.resolve('build/index.js'))
const { boot, shutdown, isRequestFromOwnOrigin, getEnv } = build.entry.module

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

app.all(
	'*',
	createRequestHandler({
		build,
		mode: process.env.NODE_ENV ?? 'production',
		getLoadContext: (req) => ({ clientAddress: req.ip ?? null }),
	}),
)

const server = app.listen(env.PORT, () => {
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
