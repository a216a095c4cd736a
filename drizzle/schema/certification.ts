// Certifications: one row per pass, tied to the revision and attempt it was earned on. Status
// (有效, 即将到期, 已过期, 需重新认证) is computed from these facts, never stored.
import { bigserial, index, pgEnum, pgTable, text, timestamp, jsonb } from 'drizzle-orm/pg-core'
import { services } from './content.ts'
import { users } from './people.ts'
import { attempts } from './quizzes.ts'

export const certificationKindEnum = pgEnum('certification_kind', ['service', 'exam'])

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
		attemptId: text('attempt_id')
			.notNull()
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
export const certificates = pgTable('certificates', {
	code: text('code').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id),
	kind: certificateKindEnum('kind').notNull(),
	issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	issuedBy: text('issued_by').references(() => users.id),
	/** What the certificate stated when issued (services and dates). */
	snapshot: jsonb('snapshot').notNull(),
})
