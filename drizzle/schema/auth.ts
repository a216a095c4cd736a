// Sessions (Lucia v3) and the shared counters of sign-in attempts and other rate limits.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './people.ts'

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	},
	(t) => [index('sessions_user_idx').on(t.userId)],
)

/**
 * Attempts per key in a fixed window ("signin-ip:<address>", "signin-account:<name>@<address>",
 * "verify:<address>"…): counted first, then decided on (app/utils/rate-limit.server.ts). In
 * PostgreSQL, not process memory, so every app server behind a load balancer shares the counts.
 */
export const rateCounters = pgTable(
	'rate_counters',
	{
		key: text('key').primaryKey(),
		windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
		count: integer('count').notNull(),
	},
	(t) => [index('rate_counters_window_idx').on(t.windowStartedAt)],
)

/**
 * Random keys the app makes for itself on first use (so no secret needs configuring), shared by
 * every app server. `item-disguise`: the key that makes item and option ids in a daily review's
 * page opaque, so neither the page source nor a colleague's page answers anything.
 */
export const appSecrets = pgTable('app_secrets', {
	name: text('name').primaryKey(),
	value: text('value').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
