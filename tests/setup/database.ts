// A clean database for every test: each test file gets its own database (a clone of the
// migrated template), and every table is emptied before each test.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { closeDatabase, connectDatabase, getDb, queryRows } from '#app/utils/db.server.ts'

type OpenDatabase = { close: () => Promise<void>; reconnect: () => Promise<void> }

async function openTestDatabase(persistent: boolean): Promise<OpenDatabase> {
	const url = process.env.DATABASE_URL
	const template = process.env.TEST_TEMPLATE_DB
	if (url && template) {
		const name = `cr_test_${process.ppid}_${randomBytes(4).toString('hex')}`
		const admin = postgres(url, { max: 1, onnotice: () => {} })
		await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`)
		const testUrl = new URL(url)
		testUrl.pathname = `/${name}`
		const target = { kind: 'postgres' as const, url: testUrl.toString() }
		await connectDatabase(target)
		return {
			close: async () => {
				await closeDatabase()
				await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
				await admin.end()
			},
			reconnect: async () => {
				await closeDatabase()
				await connectDatabase(target)
			},
		}
	}
	const dumpFile = process.env.TEST_PGLITE_DUMP
	if (!dumpFile) throw new Error('global setup did not prepare a database template')
	// In memory unless the test restarts the database: then in a folder, as `npm start` keeps it.
	const dataDir = persistent
		? await mkdtemp(path.join(process.env.TEST_WORK_DIR ?? os.tmpdir(), 'pglite-'))
		: null
	await connectDatabase(
		{ kind: 'pglite', dataDir },
		{ loadDataDir: new Blob([await readFile(dumpFile)]) },
	)
	return {
		close: closeDatabase,
		reconnect: async () => {
			if (!dataDir)
				throw new Error(
					'an in-memory database cannot be reopened; use setupTestDatabase({ persistent: true })',
				)
			await closeDatabase()
			await connectDatabase({ kind: 'pglite', dataDir })
		},
	}
}

export async function truncateAll(): Promise<void> {
	const rows = await queryRows<{ tablename: string }>(
		sql`select tablename from pg_tables where schemaname = 'public'`,
	)
	const tables = rows.map((r) => `"${r.tablename}"`)
	if (tables.length > 0)
		await getDb().execute(sql.raw(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`))
}

/**
 * Call at the top of a test file that needs the database. Returns `restart()`, which closes the
 * database and opens it again, as a server restart does (needs `persistent: true` on PGlite).
 */
export function setupTestDatabase(options: { persistent?: boolean } = {}): {
	restart: () => Promise<void>
} {
	let open: OpenDatabase | null = null
	beforeAll(async () => {
		open = await openTestDatabase(options.persistent === true)
	})
	beforeEach(async () => {
		await truncateAll()
	})
	afterAll(async () => {
		await open?.close()
	})
	return {
		restart: async () => {
			if (!open) throw new Error('database not open')
			await open.reconnect()
		},
	}
}
