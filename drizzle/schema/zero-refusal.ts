// 零拒绝 register: cases clerks meet at the counter (no citizen's name, ID number or contact),
// work orders the 政务服务科 makes of them, and the standards (处理标准) that resolve them.
import {
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
} from 'drizzle-orm/pg-core'
import { sites, users } from './people.ts'

export const zeroRefusalCases = pgTable(
	'zero_refusal_cases',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		siteId: integer('site_id')
			.notNull()
			.references(() => sites.id),
		reportedBy: text('reported_by')
			.notNull()
			.references(() => users.id),
		/** What the citizen asked, in the clerk's words. */
		question: text('question').notNull(),
		/** Service codes concerned. */
		services: jsonb('services').notNull(),
		/** What the citizen lacked (a material, a condition). */
		lacking: text('lacking').notNull(),
		closedOnSpot: boolean('closed_on_spot').notNull().default(false),
		status: text('status').notNull().default('registered'),
		triagedBy: text('triaged_by'),
		triagedAt: timestamp('triaged_at', { withTimezone: true, mode: 'date' }),
		triageNote: text('triage_note'),
		standardId: integer('standard_id'),
		createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	},
	(t) => [index('zero_refusal_cases_status_idx').on(t.status, t.createdAt)],
)

export const zeroRefusalStandards = pgTable('zero_refusal_standards', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	caseId: integer('case_id').notNull(),
	title: text('title').notNull(),
	/** The 处理标准 in words. */
	standard: text('standard').notNull(),
	/** The scenario clerks meet, in the schema of content/cases (validated). */
	scenario: jsonb('scenario').notNull(),
	services: jsonb('services').notNull(),
	publishedBy: text('published_by'),
	publishedByName: text('published_by_name'),
	publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' })
		.notNull()
		.defaultNow(),
})
