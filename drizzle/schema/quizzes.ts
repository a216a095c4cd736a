// Attempts: stored whole (the items as drawn, with their keys, and the seed), answers saved as
// the learner goes, and per-item results written once at submission for item analysis.
// Triggers in the migrations make submitted attempts and their answers immutable.
import { sql } from 'drizzle-orm'
import {
	boolean,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	real,
	text,
	timestamp,
	uniqueIndex,
} from 'drizzle-orm/pg-core'
import { services } from './content.ts'
import { users } from './people.ts'

export const attemptKindEnum = pgEnum('attempt_kind', ['service', 'exam'])
export const attemptStatusEnum = pgEnum('attempt_status', ['active', 'submitted'])

export const attempts = pgTable(
	'attempts',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		kind: attemptKindEnum('kind').notNull(),
		serviceCode: text('service_code').references(() => services.code),
		/** The service's revision when the attempt started (exam: the bank fingerprint). */
		revision: text('revision').notNull(),
		seed: text('seed').notNull(),
		/** The items as drawn and shown, keys included: never sent to the browser before submission. */
		items: jsonb('items').notNull(),
		/** Exam: the session that opened it; another sign-in cannot continue it. */
		sessionId: text('session_id'),
		status: attemptStatusEnum('status').notNull().default('active'),
		startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
		deadlineAt: timestamp('deadline_at', { withTimezone: true, mode: 'date' }),
		submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
		/** Where the learner was (item index), to resume after a restart or a lost connection. */
		position: integer('position').notNull().default(0),
		/** 切屏次数: times the exam page lost focus. */
		focusLosses: integer('focus_losses').notNull().default(0),
		/** Items the learner flagged to come back to (item ids, in the order flagged). */
		flagged: jsonb('flagged').notNull().default([]),
		/** Exam: minutes a trainer added to the deadline (each grant is in the audit trail). */
		extraMinutes: integer('extra_minutes').notNull().default(0),
		percent: real('percent'),
		correctCount: integer('correct_count'),
		total: integer('total'),
		passed: boolean('passed'),
		timedOut: boolean('timed_out').notNull().default(false),
		criticalMissed: jsonb('critical_missed'),
		/**
		 * Micro-recertification: the revision of the certification this short quiz carries to
		 * `revision` (only the changed fields are asked). Null for a full quiz.
		 */
		carriesFrom: text('carries_from'),
	},
	(t) => [
		index('attempts_user_idx').on(t.userId, t.startedAt),
		index('attempts_service_idx').on(t.serviceCode, t.status),
		// At most one active attempt per user and service (and one active exam).
		uniqueIndex('attempts_one_active_idx')
			.on(t.userId, t.kind, sql`coalesce(${t.serviceCode}, '')`)
			.where(sql`${t.status} = 'active'`),
	],
)

export const attemptAnswers = pgTable(
	'attempt_answers',
	{
		attemptId: text('attempt_id')
			.notNull()
			.references(() => attempts.id),
		itemId: text('item_id').notNull(),
		answer: jsonb('answer').notNull(),
		savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.itemId] })],
)

export const attemptResults = pgTable(
	'attempt_results',
	{
		attemptId: text('attempt_id')
			.notNull()
			.references(() => attempts.id),
		itemId: text('item_id').notNull(),
		position: integer('position').notNull(),
		serviceCode: text('service_code').notNull(),
		topic: text('topic').notNull(),
		kind: text('kind').notNull(),
		score: real('score').notNull(),
		correct: boolean('correct').notNull(),
		answered: boolean('answered').notNull(),
		/** Option ids chosen (for "most chosen wrong option"). */
		chosen: jsonb('chosen'),
	},
	(t) => [
		primaryKey({ columns: [t.attemptId, t.itemId] }),
		index('attempt_results_item_idx').on(t.itemId),
		index('attempt_results_service_idx').on(t.serviceCode),
	],
)
