// Sessions (Lucia v3) and the shared sign-in throttle.
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
 * Failed sign-ins per key ("user:<name>" or "ip:<address>") in a fixed window. In PostgreSQL,
 * not process memory, so every app server behind a load balancer sees the same counts.
 */
export const loginThrottle = pgTable('login_throttle', {
	key: text('key').primaryKey(),
	windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
	failures: integer('failures').notNull(),
	blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
})
