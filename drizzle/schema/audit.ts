// The audit trail: append-only (a trigger refuses UPDATE and DELETE).
import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const auditEvents = pgTable(
	'audit_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
		/** Who did it (null for the system); the name is copied so the record outlives renames. */
		actorId: text('actor_id'),
		actorName: text('actor_name'),
		action: text('action').notNull(),
		targetType: text('target_type').notNull(),
		targetId: text('target_id'),
		/** The site of the person concerned, so trainers see their own sites' events. */
		siteId: text('site_id'),
		details: jsonb('details').notNull().default({}),
	},
	(t) => [
		index('audit_events_at_idx').on(t.at),
		index('audit_events_action_idx').on(t.action, t.at),
	],
)
