// Daily readiness snapshots per site and cohort, for "readiness over time" charts. Written once
// a day (the first board view computes it); history that the live tables cannot reconstruct
// cheaply at 2,000 clerks × 350 services.
import { date, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core'
import { sites } from './people.ts'

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
