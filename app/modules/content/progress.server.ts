// "Studied" marks: per clerk and service, with the revision studied, so a changed procedure
// shows as "studied an older version".
import { and, desc, eq, sql, type Column, type SQL } from 'drizzle-orm'
import { lessonProgress } from '#drizzle/schema/index.ts'
import { databaseKind, getDb } from '#app/utils/db.server.ts'

export async function markStudied(userId: string, serviceCode: string, revision: string): Promise<void> {
	forgetRecentMarks(userId)
	await getDb()
		.insert(lessonProgress)
		.values({ userId, serviceCode, revision })
		.onConflictDoUpdate({
			target: [lessonProgress.userId, lessonProgress.serviceCode, lessonProgress.revision],
			set: { studiedAt: new Date() },
		})
}

export type StudiedMark = { revision: string; studiedAt: Date }

/** The latest studied revision per service for a user. */
export async function studiedByService(userId: string): Promise<Map<string, StudiedMark>> {
	const rows = await getDb()
		.select()
		.from(lessonProgress)
		.where(eq(lessonProgress.userId, userId))
		.orderBy(desc(lessonProgress.studiedAt))
	const marks = new Map<string, StudiedMark>()
	for (const row of rows) if (!marks.has(row.serviceCode)) marks.set(row.serviceCode, { revision: row.revision, studiedAt: row.studiedAt })
	return marks
}

export async function studiedMark(userId: string, serviceCode: string): Promise<StudiedMark | null> {
	const [row] = await getDb()
		.select()
		.from(lessonProgress)
		.where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.serviceCode, serviceCode)))
		.orderBy(desc(lessonProgress.studiedAt))
		.limit(1)
	return row ? { revision: row.revision, studiedAt: row.studiedAt } : null
}

/** The revision of the user's latest mark on a lesson, as a column of another query. */
export function studiedRevisionColumn(userId: Column, serviceCode: string): SQL<string | null> {
	return sql<string | null>`(select ${lessonProgress.revision} from ${lessonProgress}
		where ${lessonProgress.userId} = ${userId} and ${lessonProgress.serviceCode} = ${serviceCode}
		order by ${lessonProgress.studiedAt} desc limit 1)`
}

// A user's marks, remembered for a few seconds for the lesson-page cache key: a burst of page
// views costs one query. Only on the embedded database (one process, where marking forgets them
// at once); on PostgreSQL, with several app servers, each view reads them (docs/decisions/013).
const recentMarks = new Map<string, { at: number; marks: Map<string, StudiedMark> }>()
function marksFor(): number {
	return databaseKind() === 'pglite' ? 5_000 : 0
}

export async function studiedMarkRecent(userId: string, serviceCode: string): Promise<StudiedMark | null> {
	if (marksFor() === 0) return studiedMark(userId, serviceCode)
	const now = Date.now()
	let entry = recentMarks.get(userId)
	if (!entry || now - entry.at >= marksFor()) {
		entry = { at: now, marks: await studiedByService(userId) }
		if (recentMarks.size > 10_000) recentMarks.clear()
		recentMarks.set(userId, entry)
	}
	return entry.marks.get(serviceCode) ?? null
}

export function forgetRecentMarks(userId: string): void {
	recentMarks.delete(userId)
}
