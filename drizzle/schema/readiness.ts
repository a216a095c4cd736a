// Daily readiness snapshots per site and cohort, for "readiness over time" charts. Written once
// a day (by the standing job in the server); history that the live tables cannot reconstruct
// cheaply at 2,000 clerks × 350 services.
import { date, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { sites, users } from './people.ts'

export const readinessSnapshots = pgTable(
	'readiness_snapshots',
	{
		day: date('day', { mode: 'string' }).notNull(),
		siteId: integer('site_id')
			.notNull()
			.references(() => sites.id, { onDelete: 'cascade' }),
		/** 0 when the people have no cohort. */
		cohortId: integer('cohort_id').notNull().default(0),
		people: integer('people').notNull(),
		ready: integer('ready').notNull(),
		required: integer('required').notNull(),
		certified: integer('certified').notNull(),
	},
	(t) => [primaryKey({ columns: [t.day, t.siteId, t.cohortId] })],
)

/**
 * Tokens for the hall's systems (queue, rota) to ask the readiness API: stored as a SHA-256 of
 * the secret (shown once), scoped to sites, revocable. Every use is rate-limited and audited.
 */
export const apiTokens = pgTable('api_tokens', {
	id: serial('id').primaryKey(),
	name: text('name').notNull(),
	tokenHash: text('token_hash').notNull().unique(),
	/** The sites whose people this token may ask about. */
	siteIds: integer('site_ids').array().notNull(),
	createdBy: text('created_by').references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
	lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
})
