// The manual as the database knows it: services with their current revision, the history of
// every revision's normative data (docs/decisions/005), and what each clerk studied.
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './people.ts'

export const services = pgTable(
	'services',
	{
		code: text('code').primaryKey(),
		name: text('name').notNull(),
		category: text('category').notNull(),
		subcategory: text('subcategory').notNull(),
		backOffice: text('back_office').notNull(),
		currentRevision: text('current_revision').notNull(),
		active: boolean('active').notNull().default(true),
		updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	},
	(t) => [index('services_category_idx').on(t.category)],
)

export const serviceRevisions = pgTable(
	'service_revisions',
	{
		serviceCode: text('service_code')
			.notNull()
			.references(() => services.code),
		revision: text('revision').notNull(),
		/** The normative procedure of this revision, as the schema validated it. */
		normative: jsonb('normative').notNull(),
		firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' })
			.notNull()
			.defaultNow(),
	},
	(t) => [primaryKey({ columns: [t.serviceCode, t.revision] })],
)

export const lessonProgress = pgTable(
	'lesson_progress',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		serviceCode: text('service_code')
			.notNull()
			.references(() => services.code),
		revision: text('revision').notNull(),
		studiedAt: timestamp('studied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.serviceCode, t.revision] })],
)
