// The real server (server.js over a production build) as a child process, for tests of what
// only the whole stack shows: the request guard, body limits, headers, uploads in a worker.
// The build is made once per test run in the run's work folder, so it never touches build/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import postgres from 'postgres'
import { closeDatabase, connectDatabase, type DatabaseTarget } from '#app/utils/db.server.ts'

const run = promisify(execFile)

function workDir(): string {
	const dir = process.env.TEST_WORK_DIR
	if (!dir) throw new Error('TEST_WORK_DIR is not set: run through vitest (global setup)')
	return dir
}

/**
 * Where this run's build goes: inside the project, as the build's imports resolve from
 * node_modules beside it; the global teardown removes it with the run's work folder.
 */
export function testBuildDir(runWorkDir: string): string {
	return path.resolve('.cache', 'test-builds', path.basename(runWorkDir))
}

/** A production build of the app, made once per test run whichever test file asks first. */
export async function buildApp(): Promise<string> {
	const dir = testBuildDir(workDir())
	await mkdir(path.dirname(dir), { recursive: true })
	const done = path.join(dir, 'built')
	const failed = path.join(dir, 'failed')
	try {
		await mkdir(dir)
	} catch {
		while (!existsSync(done)) {
			if (existsSync(failed)) throw new Error(await readFile(failed, 'utf8'))
			await sleep(250)
		}
		return dir
	}
	try {
		await run(
			process.execPath,
			[path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'],
			{
				env: { ...process.env, NODE_ENV: 'production', REMIX_BUILD_DIR: dir },
			},
		)
	} catch (error) {
		await writeFile(failed, `remix build failed: ${String(error)}`)
		throw error
	}
	await writeFile(done, '')
	return dir
}

export type ServerDatabase = {
	target: DatabaseTarget
	/** Open it in this process (to seed, or to look at it while the server is stopped). */
	connect: () => Promise<void>
	disconnect: () => Promise<void>
	dispose: () => Promise<void>
}

/** A migrated database of its own: PGlite in a folder, or a clone of PostgreSQL's template. */
export async function serverDatabase(): Promise<ServerDatabase> {
	const url = process.env.DATABASE_URL
	const template = process.env.TEST_TEMPLATE_DB
	if (url && template) {
		const name = `cr_http_${process.ppid}_${Math.random().toString(16).slice(2, 10)}`
		const admin = postgres(url, { max: 1, onnotice: () => {} })
		await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`)
		const databaseUrl = new URL(url)
		databaseUrl.pathname = `/${name}`
		const target: DatabaseTarget = { kind: 'postgres', url: databaseUrl.toString() }
		return {
			target,
			connect: async () => void (await connectDatabase(target)),
			disconnect: closeDatabase,
			dispose: async () => {
				await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
				await admin.end()
			},
		}
	}
	const dump = process.env.TEST_PGLITE_DUMP
	if (!dump) throw new Error('global setup did not prepare a database template')
	const dataDir = await mkdtemp(path.join(workDir(), 'server-pglite-'))
	let loaded = false
	return {
		target: { kind: 'pglite', dataDir },
		connect: async () => {
			await connectDatabase(
				{ kind: 'pglite', dataDir },
				loaded ? {} : { loadDataDir: new Blob([await readFile(dump)]) },
			)
			loaded = true
		},
		disconnect: closeDatabase,
		dispose: () => rm(dataDir, { recursive: true, force: true }),
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer()
		probe.once('error', reject)
		probe.listen(0, () => {
			const address = probe.address()
			const port = typeof address === 'object' && address ? address.port : 0
			probe.close(() => resolve(port))
		})
	})
}

export type TestServer = {
	origin: string
	/** Everything the server wrote to stdout and stderr so far. */
	log: () => string
	stop: () => Promise<void>
}

export async function startServer(options: {
	database: ServerDatabase
	contentDir: string
	env?: Record<string, string>
}): Promise<TestServer> {
	const buildDir = await buildApp()
	const port = await freePort()
	const origin = `http://localhost:${port}`
	const { target } = options.database
	const child: ChildProcess = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			REMIX_BUILD_DIR: buildDir,
			CONTENT_DIR: options.contentDir,
			CACHE_DIR: path.join(options.contentDir, '.cache'),
			...(target.kind === 'postgres'
				? { DATABASE_URL: target.url }
				: { DATABASE_URL: '', DATA_DIR: target.dataDir ?? '' }),
			DEMO_DATA: 'false',
			APP_ORIGIN: origin,
			// One process unless a test asks for more (processes.test.ts): a page cache hit
			// needs the process that made it.
			WEB_CONCURRENCY: '1',
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
	await new Promise<void>((resolve, reject) => {
		const listening = () => {
			if (output.includes('Counter Ready: http')) resolve()
		}
		child.stdout?.on('data', listening)
		void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)))
	})
	return {
		origin,
		log: () => output,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM')
			await exited
		},
	}
}

/** Clean up a folder made for a server, whether or not the test got that far. */
export async function removeDir(dir: string | undefined): Promise<void> {
	if (dir) await rm(dir, { recursive: true, force: true })
}
