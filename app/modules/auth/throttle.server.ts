// Failed sign-ins throttled per username and per address, counted in PostgreSQL so every app
// server shares the counts. Fixed 15-minute windows; a blocked key waits out the window.
import { inArray, sql, and, gt } from 'drizzle-orm'
import { loginThrottle } from '#drizzle/schema/index.ts'
import { getDb } from '#app/utils/db.server.ts'

export const throttleWindowMinutes = 15
/** Per username: five wrong passwords. Per address: more, as a hall's clerks share one NAT. */
const limits = { user: 5, ip: 30 } as const

export function throttleKeys(
	username: string,
	address: string | null,
): Array<{ key: string; limit: number }> {
	const keys: Array<{ key: string; limit: number }> = [
		{ key: `user:${username.trim().toLowerCase()}`, limit: limits.user },
	]
	if (address) keys.push({ key: `ip:${address}`, limit: limits.ip })
	return keys
}

/** When the earliest of these keys may try again, or null if none is blocked. */
export async function blockedUntil(keys: Array<{ key: string }>): Promise<Date | null> {
	const rows = await getDb()
		.select({ blockedUntil: loginThrottle.blockedUntil })
		.from(loginThrottle)
		.where(
			and(
				inArray(
					loginThrottle.key,
					keys.map((k) => k.key),
				),
				gt(loginThrottle.blockedUntil, sql`now()`),
			),
		)
	const times = rows.flatMap((r) => (r.blockedUntil ? [r.blockedUntil.getTime()] : []))
	return times.length > 0 ? new Date(Math.max(...times)) : null
}

/** Count one failure on every key, atomically; a key reaching its limit is blocked. */
export async function recordFailure(keys: Array<{ key: string; limit: number }>): Promise<void> {
	const window = sql.raw(`interval '${throttleWindowMinutes} minutes'`)
	for (const { key, limit } of keys) {
		await getDb().execute(sql`
			INSERT INTO login_throttle (key, window_started_at, failures, blocked_until)
			VALUES (${key}, now(), 1, CASE WHEN 1 >= ${limit} THEN now() + ${window} END)
			ON CONFLICT (key) DO UPDATE SET
				failures = CASE WHEN login_throttle.window_started_at < now() - ${window}
					THEN 1 ELSE login_throttle.failures + 1 END,
				window_started_at = CASE WHEN login_throttle.window_started_at < now() - ${window}
					THEN now() ELSE login_throttle.window_started_at END,
				blocked_until = CASE
					WHEN login_throttle.window_started_at >= now() - ${window}
						AND login_throttle.failures + 1 >= ${limit}
					THEN now() + ${window}
					ELSE login_throttle.blocked_until END`)
	}
}

/** A successful sign-in clears the username's count (not the address's). */
export async function clearFailures(username: string): Promise<void> {
	await getDb()
		.delete(loginThrottle)
		.where(inArray(loginThrottle.key, [`user:${username.trim().toLowerCase()}`]))
}
