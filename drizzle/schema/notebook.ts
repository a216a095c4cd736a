// 错题本: an item a clerk got wrong stays in the notebook until they answer it right there.
import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './people.ts'

export const notebookClears = pgTable(
	'notebook_clears',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The bank item id (as in attempt_results and review_logs). */
		itemId: text('item_id').notNull(),
		/** Answered right in the notebook: mistakes made before this are cleared. */
		clearedAt: timestamp('cleared_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.itemId] })],
)
