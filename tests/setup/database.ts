// A clean database for every test: each test file gets its own database (a clone of the
// migrated template), and every table is emptied before each test.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { closeDatabase, connectDatabase, getDb, queryRows } from '#app/utils/db.server.ts'

async function openTestDatabase(): Promise<() => Promise<void>> {
	const url = process.env.DATABASE_URL
	const template = process.env.TEST_TEMPLATE_DB
	if (url && template) {
		const name = `cr_test_${process.ppid}_${randomBytes(4).toString('hex')}`
		const admin = postgres(url, { max: 1, onnotice: () => {} })
		await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`)
		const testUrl = new URL(url)
		testUrl.pathname = `/${name}`
		await connectDatabase({ kind: 'postgres', url: testUrl.toString() })
		return async () => {
			await closeDatabase()
			await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
			await admin.end()
		}
	}
	const dumpFile = process.env.TEST_PGLITE_DUMP
	if (!dumpFile) throw new Error('global setup did not prepare a database template')
	await connectDatabase({ kind: 'pglite', dataDir: null }, { loadDataDir: new Blob([await readFile(dumpFile)]) })
	return closeDatabase
}

export async function truncateAll(): Promise<void> {
	const rows = await queryRows<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`)
	const tables = rows.map((r) => `"${r.tablename}"`)
	if (tables.length > 0) await getDb().execute(sql.raw(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`))
}

/** Call at the top of a test file that needs the database. */
export function useTestDatabase(): void {
	let close: (() => Promise<void>) | null = null
	beforeAll(async () => {
		close = await openTestDatabase()
	})
	beforeEach(async () => {
		await truncateAll()
	})
	afterAll(async () => {
		await close?.()
	})
}
