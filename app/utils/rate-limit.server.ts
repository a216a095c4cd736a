// Fixed-window counters in PostgreSQL, shared by every app server: a request is counted first
// and decided on the count it got back, so a burst of parallel requests cannot all read "not
// yet at the limit" before any of them is recorded (the upsert takes the row lock).
import { sql } from 'drizzle-orm'
import { getDb, queryRows, type Queryable } from './db.server.ts'

export type Counted = { key: string; count: number; retryAfterSeconds: number }

/** Count one more on each key; the windows restart for keys whose window has run out. */
export async function countUp(
	keys: ReadonlyArray<string>,
	windowSeconds: number,
	db: Queryable = getDb(),
): Promise<Array<Counted>> {
	// Sorted and unique: one row lock order for every statement, and no row updated twice.
	const unique = [...new Set(keys)].sort()
	if (unique.length === 0) return []
	const window = sql`make_interval(secs => ${windowSeconds})`
	const expired = sql`rate_counters.window_started_at <= now() - ${window}`
	const rows = await queryRows<{ key: string; count: number; retry_after: number }>(
		sql`
			INSERT INTO rate_counters (key, window_started_at, count)
			SELECT k, now(), 1 FROM unnest(ARRAY[${sql.join(
				unique.map((key) => sql`${key}`),
				sql`, `,
			)}]::text[]) AS k
			ON CONFLICT (key) DO UPDATE SET
				count = CASE WHEN ${expired} THEN 1 ELSE rate_counters.count + 1 END,
				window_started_at = CASE WHEN ${expired} THEN now() ELSE rate_counters.window_started_at END
			RETURNING key, count,
				greatest(1, ceil(extract(epoch from (window_started_at + ${window} - now()))))::int AS retry_after`,
		db,
	)
	if (Math.random() < 0.005) await forgetExpired(db)
	return rows.map((row) => ({
		key: row.key,
		count: Number(row.count),
		retryAfterSeconds: Number(row.retry_after),
	}))
}

/** Take back one count from each key (an attempt that turned out not to count). */
export async function countDown(keys: ReadonlyArray<string>, db: Queryable = getDb()) {
	if (keys.length === 0) return
	await db.execute(sql`
		UPDATE rate_counters SET count = greatest(count - 1, 0)
		WHERE key IN (${sql.join(
			keys.map((key) => sql`${key}`),
			sql`, `,
		)})`)
}

export async function resetCounters(keys: ReadonlyArray<string>, db: Queryable = getDb()) {
	if (keys.length === 0) return
	await db.execute(sql`
		DELETE FROM rate_counters WHERE key IN (${sql.join(
			keys.map((key) => sql`${key}`),
			sql`, `,
		)})`)
}

/** Counters whose window ended a day ago say nothing any more; every key typed adds a row. */
async function forgetExpired(db: Queryable) {
	await db.execute(
		sql`DELETE FROM rate_counters WHERE window_started_at < now() - interval '1 day'`,
	)
}

/** One request against a simple limit: allowed while the count stays within it. */
export async function rateLimit(
	key: string,
	limit: number,
	windowSeconds: number,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
	const [counted] = await countUp([key], windowSeconds)
	if (!counted || counted.count <= limit) return { allowed: true }
	return { allowed: false, retryAfterSeconds: counted.retryAfterSeconds }
}
