// Daily reviews (每日复习): one spaced-repetition card per person and certified service, scheduled
// by FSRS (ts-fsrs), and a log of every review. The log is append-only (a trigger in the
// migration); the card is the scheduler's current state and is rewritten on each review.
import {
	boolean,
	bigserial,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	real,
	smallint,
	text,
	timestamp,
	uniqueIndex,
} from 'drizzle-orm/pg-core'
import { services } from './content.ts'
import { users } from './people.ts'

export const reviewCards = pgTable(
	'review_cards',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		serviceCode: text('service_code')
			.notNull()
			.references(() => services.code),
		due: timestamp('due', { withTimezone: true, mode: 'date' }).notNull(),
		stability: real('stability').notNull(),
		difficulty: real('difficulty').notNull(),
		scheduledDays: integer('scheduled_days').notNull(),
		learningSteps: integer('learning_steps').notNull(),
		/** Reviews so far: also the version a review form was shown at (a second submit is a no-op). */
		reps: integer('reps').notNull(),
		lapses: integer('lapses').notNull(),
		/** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
		state: smallint('state').notNull(),
		lastReview: timestamp('last_review', { withTimezone: true, mode: 'date' }),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.serviceCode] }),
		index('review_cards_due_idx').on(t.userId, t.due),
	],
)

export const reviewLogs = pgTable(
	'review_logs',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		serviceCode: text('service_code')
			.notNull()
			.references(() => services.code),
		/** The card's reps before this review: one review per card version. */
		repsBefore: integer('reps_before').notNull(),
		revision: text('revision').notNull(),
		itemId: text('item_id').notNull(),
		/** The item as shown, key included, so the feedback page shows what was asked. */
		item: jsonb('item').notNull(),
		answer: jsonb('answer').notNull(),
		score: real('score').notNull(),
		correct: boolean('correct').notNull(),
		/** ts-fsrs Rating: 1 again, 2 hard, 3 good. */
		rating: smallint('rating').notNull(),
		due: timestamp('due', { withTimezone: true, mode: 'date' }).notNull(),
		scheduledDays: integer('scheduled_days').notNull(),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' })
			.notNull()
			.defaultNow(),
	},
	(t) => [
		uniqueIndex('review_logs_once_idx').on(t.userId, t.serviceCode, t.repsBefore),
		index('review_logs_user_idx').on(t.userId, t.reviewedAt),
	],
)
