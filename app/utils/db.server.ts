// The one database module: PostgreSQL through postgres.js when DATABASE_URL is set, otherwise
// an embedded PGlite kept in ./data. Connecting and migrating are explicit steps of start-up
// (server.js, scripts), never side effects of importing this module. See docs/decisions/002.
import { mkdir } from 'node:fs/promises'
import type { PGlite } from '@electric-sql/pglite'
import { sql, type SQL } from 'drizzle-orm'
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as schema from '#drizzle/schema/index.ts'
import { migrationsFolder } from './paths.server.ts'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
/** Either the database or a transaction on it: module functions accept both. */
export type Queryable = Database | Transaction

export type DatabaseTarget =
	{ kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null }

type Connection = {
	target: DatabaseTarget
	db: Database
	migrate: () => Promise<void>
	close: () => Promise<void>
	pglite: PGlite | null
	postgres: postgres.Sql | null
}

let connection: Connection | null = null

/** The connected database. Throws if start-up has not connected yet: a bug, not a user error. */
export function getDb(): Database {
	if (!connection) throw new Error('database not connected: call connectDatabase() at start-up')
	return connection.db
}

export function databaseKind(): DatabaseTarget['kind'] | null {
	return connection?.target.kind ?? null
}

/** 0x436f756e = "Coun": one lock id so that app servers starting together migrate one at a time. */
const migrationLockId = 0x436f756e

async function openPostgres(url: string): Promise<Connection> {
	const client = postgres(url, {
		max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
		onnotice: () => {},
	})
	return {
		target: { kind: 'postgres', url },
		db: drizzlePostgres({ client, schema }),
		async migrate() {
			const lockClient = postgres(url, { max: 1, onnotice: () => {} })
			try {
				await lockClient`select pg_advisory_lock(${migrationLockId})`
				await migratePostgres(drizzlePostgres({ client: lockClient }), {
					migrationsFolder: migrationsFolder(),
				})
				await lockClient`select pg_advisory_unlock(${migrationLockId})`
			} finally {
				await lockClient.end({ timeout: 5 })
			}
		},
		close: () => client.end({ timeout: 5 }),
		pglite: null,
		postgres: client,
	}
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Connection> {
	// Imported only for the embedded database: an app server on PostgreSQL starts without it.
	const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
		import('@electric-sql/pglite'),
		import('drizzle-orm/pglite'),
		import('drizzle-orm/pglite/migrator'),
	])
	if (dataDir) await mkdir(dataDir, { recursive: true })
	const client = await PGlite.create(dataDir ?? undefined, loadDataDir ? { loadDataDir } : {})
	const db = drizzlePglite({ client, schema })
	return {
		target: { kind: 'pglite', dataDir },
		db,
		migrate: () => migratePglite(db, { migrationsFolder: migrationsFolder() }),
		close: () => client.close(),
		pglite: client,
		postgres: null,
	}
}

export async function connectDatabase(
	target: DatabaseTarget,
	options: { loadDataDir?: Blob } = {},
): Promise<Database> {
	if (connection) throw new Error('database already connected')
	connection =
		target.kind === 'postgres'
			? await openPostgres(target.url)
			: await openPglite(target.dataDir, options.loadDataDir)
	return connection.db
}

export async function migrateDatabase(): Promise<void> {
	if (!connection) throw new Error('database not connected')
	await connection.migrate()
}

export async function closeDatabase(): Promise<void> {
	if (maintenance) clearInterval(maintenance)
	maintenance = null
	const current = connection
	connection = null
	await current?.close()
}

/** For tests: the raw PGlite client (to dump a migrated template). */
export async function dumpPgliteDataDir(): Promise<Blob> {
	if (!connection?.pglite) throw new Error('not a PGlite database')
	return connection.pglite.dumpDataDir('none')
}

/**
 * Rows of a raw SQL query. postgres.js returns an array and PGlite an object with `rows`;
 * this hides the difference. The row type is the caller's claim about its own SELECT.
 */
export async function queryRows<Row extends Record<string, unknown>>(
	query: SQL,
	db: Queryable = getDb(),
): Promise<Array<Row>> {
	const result: unknown = await db.execute(query)
	const rows = Array.isArray(result)
		? result
		: typeof result === 'object' && result !== null && 'rows' in result
			? result.rows
			: []
	return Array.isArray(rows) ? rows : []
}

/**
 * On PostgreSQL, the rows of one query read through a server-side cursor, `batchSize` at a time
 * (one statement, no re-planning per page; the reader's pace holds the cursor back). Null on
 * PGlite, which has none: callers page by key there. Values arrive as `queryRows` gives them.
 */
export function cursorRows<Row extends Record<string, unknown>>(
	query: SQL,
	batchSize: number,
): AsyncIterable<Array<Row>> | null {
	const client = connection?.postgres
	if (!client) return null
	const { sql: text, params } = new PgDialect().sqlToQuery(query)
	return client
		.unsafe<Array<Row>>(text, params as Array<postgres.ParameterOrJSON<never>>)
		.cursor(batchSize)
}

/**
 * Refresh the planner's statistics. PostgreSQL's autovacuum does this on its own; PGlite has no
 * background workers, so without it the planner guesses one row per table and picks nested
 * loops that turn a 40 ms aggregate into 40 s (measured on the readiness board).
 */
export async function analyzeDatabase(db: Queryable = getDb()): Promise<void> {
	await db.execute(sql`analyze`)
}

/**
 * At start-up: ANALYZE the tables never analyzed, or whose size moved by more than a tenth since
 * their last ANALYZE (pg_class keeps its page count across restarts; PGlite keeps no cumulative
 * statistics to ask instead). A restart on unchanged data analyzes nothing: on PGlite that is
 * a second or more of the only thread (docs/decisions/019). Returns the tables analyzed.
 */
export async function analyzeChangedTables(db: Queryable = getDb()): Promise<Array<string>> {
	const rows = await queryRows<{ name: string }>(
		sql`
			select c.relname as name
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'public' and c.relkind = 'r'
				and (c.reltuples < 0
					or abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages)
						> greatest(1, c.relpages / 10))
			order by c.relname`,
		db,
	)
	const names = rows.map((row) => row.name)
	if (names.length > 0)
		await db.execute(
			sql.raw(`analyze ${names.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ')}`),
		)
	return names
}

let maintenance: NodeJS.Timeout | null = null

/** On PGlite, analyze every few hours while the server runs (the timer never keeps it alive). */
export function startMaintenance(everyHours = 6): void {
	if (maintenance || !connection?.pglite) return
	maintenance = setInterval(() => {
		analyzeDatabase().catch((error: unknown) => console.error('analyze failed', error))
	}, everyHours * 3_600_000)
	maintenance.unref()
}
