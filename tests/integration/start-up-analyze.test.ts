// Start-up refreshes the planner's statistics only where the data moved since the last ANALYZE
// (docs/decisions/019): a restart on unchanged data analyzes nothing, a table that grew is
// analyzed, so the planner sees its rows.
import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { analyzeChangedTables, getDb, queryRows } from '#app/utils/db.server.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'

setupTestDatabase()

async function plannerRows(table: string): Promise<number> {
	const [row] = await queryRows<{ rows: number | string }>(
		sql`select reltuples as rows from pg_class where relname = ${table} and relkind = 'r'`,
	)
	return Number(row?.rows ?? -1)
}

test('a start on unchanged data analyzes nothing; a table that grew is analyzed and its rows seen', async () => {
	// PostgreSQL's autovacuum must not analyze it first (PGlite has none).
	await getDb().execute(sql`alter table sites set (autovacuum_enabled = false)`)
	await analyzeChangedTables()
	expect(await analyzeChangedTables()).toEqual([])

	await getDb().execute(sql`
		insert into sites (code, name, kind)
		select 'site-' || n, '站点' || n, 'point' from generate_series(1, 2000) as n`)
	const analyzed = await analyzeChangedTables()
	expect(analyzed).toContain('sites')
	expect(await plannerRows('sites')).toBe(2000)
	expect(await analyzeChangedTables()).toEqual([])
})
