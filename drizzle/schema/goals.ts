// Cohort goals a trainer sets ("2026年第3期：核心事项 9月30日前，全部 12月31日前"), shown to the clerks.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { cohorts, users } from './people.ts'

export const cohortGoals = pgTable('cohort_goals', {
	/** One goal per cohort: setting it again replaces it. */
	cohortId: integer('cohort_id')
		.primaryKey()
		.references(() => cohorts.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	/** Calendar days in the hall's time zone (YYYY-MM-DD). */
	coreBy: text('core_by').notNull(),
	allBy: text('all_by').notNull(),
	setBy: text('set_by').references(() => users.id, { onDelete: 'set null' }),
	updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
