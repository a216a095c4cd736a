// Certifications: one row per pass, tied to the revision and attempt it was earned on, written
// only by grantCertification (app/modules/certification/grant.server.ts). What each person holds
// per service is kept in service_standing and person_standing by triggers (custom migration
// standing_triggers) in the same transaction as every grant and revision change; the states that
// time changes (即将到期, 已过期) are derived at read time from the stored dates.
import {
	bigserial,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
} from 'drizzle-orm/pg-core'
import { services } from './content.ts'
import { users } from './people.ts'
import { attempts } from './quizzes.ts'

export const certificationKindEnum = pgEnum('certification_kind', ['service', 'exam'])
/** What earned it: a service quiz, the exam, a micro-recertification, demo data. */
export const certificationSourceEnum = pgEnum('certification_source', [
	'quiz',
	'exam',
	'micro',
	'demo',
])

export const certifications = pgTable(
	'certifications',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		kind: certificationKindEnum('kind').notNull(),
		serviceCode: text('service_code').references(() => services.code),
		revision: text('revision').notNull(),
		source: certificationSourceEnum('source').notNull().default('quiz'),
		attemptId: text('attempt_id')
			.unique()
			.references(() => attempts.id),
		earnedAt: timestamp('earned_at', { withTimezone: true, mode: 'date' }).notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
	},
	(t) => [
		index('certifications_user_service_idx').on(t.userId, t.serviceCode, t.earnedAt),
		index('certifications_service_idx').on(t.serviceCode, t.revision),
		// The board's aggregate reads these columns only (an index-only scan per person).
		index('certifications_board_idx').on(t.userId, t.kind, t.serviceCode, t.revision, t.expiresAt),
	],
)

export const certificateKindEnum = pgEnum('certificate_kind', ['readiness', 'services'])

/** Printed certificates with a public verification code. */
export const certificates = pgTable(
	'certificates',
	{
		code: text('code').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		kind: certificateKindEnum('kind').notNull(),
		issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
		issuedBy: text('issued_by').references(() => users.id),
		/** What the certificate stated when issued (services and dates). */
		snapshot: jsonb('snapshot').notNull(),
	},
	// A person's page lists their certificates.
	(t) => [index('certificates_user_idx').on(t.userId)],
)

/**
 * Per person and service they hold any certification on: the latest expiry on the service's
 * current revision (null: none on it) and the latest older revision held.
 */
export const serviceStanding = pgTable(
	'service_standing',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		serviceCode: text('service_code')
			.notNull()
			.references(() => services.code),
		/** The service's current revision when this row was computed. */
		revision: text('revision').notNull(),
		currentExpiresAt: timestamp('current_expires_at', { withTimezone: true, mode: 'date' }),
		currentEarnedAt: timestamp('current_earned_at', { withTimezone: true, mode: 'date' }),
		olderRevision: text('older_revision'),
		/** When the latest older-revision certification expires (or expired). */
		olderExpiresAt: timestamp('older_expires_at', { withTimezone: true, mode: 'date' }),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.serviceCode] }),
		index('service_standing_service_idx').on(t.serviceCode),
		index('service_standing_expires_idx').on(t.currentExpiresAt),
	],
)

/**
 * Per person, over the services their site requires: counts as of computed_at. `certified` stays
 * exact until next_expiry (the first counted certification to expire); readers recount a person
 * past it, and the standing job refreshes them.
 */
export const personStanding = pgTable(
	'person_standing',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		required: integer('required').notNull(),
		/** Required services with a certification on the current revision, expired or not. */
		heldCurrent: integer('held_current').notNull(),
		certified: integer('certified').notNull(),
		/** Required services held only on an older revision. */
		outdated: integer('outdated').notNull(),
		nextExpiry: timestamp('next_expiry', { withTimezone: true, mode: 'date' }),
		examExpiresAt: timestamp('exam_expires_at', { withTimezone: true, mode: 'date' }),
		computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
	},
	(t) => [index('person_standing_next_expiry_idx').on(t.nextExpiry)],
)
