// People: sites (the hall and community points), cohorts, users and the sites a trainer manages.
import { sql } from 'drizzle-orm'
import {
	boolean,
	index,
	integer,
	pgEnum,
	pgTable,
	primaryKey,
	serial,
	text,
	timestamp,
	uniqueIndex,
} from 'drizzle-orm/pg-core'

export const roleEnum = pgEnum('role', ['clerk', 'trainer', 'admin'])
export const siteKindEnum = pgEnum('site_kind', ['hall', 'point'])

export const sites = pgTable('sites', {
	id: serial('id').primaryKey(),
	code: text('code').notNull().unique(),
	name: text('name').notNull().unique(),
	kind: siteKindEnum('kind').notNull(),
	/** The hall offers every service; a community point offers the subset in site_services. */
	offersAllServices: boolean('offers_all_services').notNull().default(false),
	active: boolean('active').notNull().default(true),
	createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** Services a point offers (ignored for a site that offers all). */
export const siteServices = pgTable(
	'site_services',
	{
		siteId: integer('site_id')
			.notNull()
			.references(() => sites.id, { onDelete: 'cascade' }),
		serviceCode: text('service_code').notNull(),
	},
	(t) => [primaryKey({ columns: [t.siteId, t.serviceCode] })],
)

export const cohorts = pgTable('cohorts', {
	id: serial('id').primaryKey(),
	name: text('name').notNull().unique(),
	startsOn: text('starts_on'),
	active: boolean('active').notNull().default(true),
	createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

export const users = pgTable(
	'users',
	{
		id: text('id').primaryKey(),
		/** 工号: what people sign in with. */
		username: text('username').notNull(),
		displayName: text('display_name').notNull(),
		role: roleEnum('role').notNull().default('clerk'),
		siteId: integer('site_id')
			.notNull()
			.references(() => sites.id),
		cohortId: integer('cohort_id').references(() => cohorts.id, { onDelete: 'set null' }),
		active: boolean('active').notNull().default(true),
		passwordHash: text('password_hash'),
		mustChangePassword: boolean('must_change_password').notNull().default(false),
		/** A trainer granted the right to edit and publish the manual (admins always may). */
		manualEditor: boolean('manual_editor').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
		index('users_site_idx').on(t.siteId),
		index('users_cohort_idx').on(t.cohortId),
	],
)

/** Sites a trainer manages, besides the site they belong to. */
export const trainerSites = pgTable(
	'trainer_sites',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		siteId: integer('site_id')
			.notNull()
			.references(() => sites.id, { onDelete: 'cascade' }),
	},
	(t) => [primaryKey({ columns: [t.userId, t.siteId] })],
)
