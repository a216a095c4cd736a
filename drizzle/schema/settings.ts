// Certification rules changed in the browser: each change a new version (append-only), laid
// over content/certification.yml; the newest version is in force on every app server.
import { bigserial, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const certificationSettings = pgTable('certification_settings', {
	/** The version number; app servers reload when it grows. */
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	/** The whole rules object, as certificationRulesSchema validated it. */
	rules: jsonb('rules').notNull(),
	changedBy: text('changed_by'),
	changedByName: text('changed_by_name'),
	changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
