// The manual as published in the browser: immutable revisions laid over content/ (the baseline
// shipped with the app). The latest row of a service is what every app server serves
// (docs/decisions/015).
import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { services } from './content.ts'

export const manualRevisions = pgTable(
	'manual_revisions',
	{
		/** Also the manual's version: app servers poll max(id) and reload when it grows. */
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		/** One publish may carry several services (a spreadsheet upload): they share this id. */
		publishId: text('publish_id').notNull(),
		serviceCode: text('service_code')
			.notNull()
			.references(() => services.code),
		/** The procedure revision (hash of the normative fields) this row publishes. */
		revision: text('revision').notNull(),
		/** The revision it replaced, for the diff shown to learners. */
		previousRevision: text('previous_revision').notNull(),
		/** The whole frontmatter, as the schema validated it. */
		frontmatter: jsonb('frontmatter').notNull(),
		/** The lesson's MDX body. */
		body: text('body').notNull(),
		reason: text('reason').notNull(),
		publishedBy: text('published_by'),
		publishedByName: text('published_by_name'),
		publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' })
			.notNull()
			.defaultNow(),
	},
	(t) => [index('manual_revisions_service_idx').on(t.serviceCode, t.id)],
)
