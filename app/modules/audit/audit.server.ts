// The audit trail: who did what, when. Append-only in the database (a trigger refuses edits).
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { auditEvents } from '#drizzle/schema/index.ts'
import { getDb, type Queryable } from '#app/utils/db.server.ts'

import { type AuditAction } from './actions.ts'

export { auditActions, type AuditAction } from './actions.ts'

export type AuditActor = { id: string; displayName: string } | null

export async function recordAudit(
	event: {
		actor: AuditActor
		action: AuditAction
		targetType: string
		targetId?: string | null
		siteId?: number | null
		details?: Record<string, unknown>
	},
	db: Queryable = getDb(),
): Promise<void> {
	await db.insert(auditEvents).values({
		actorId: event.actor?.id ?? null,
		actorName: event.actor?.displayName ?? null,
		action: event.action,
		targetType: event.targetType,
		targetId: event.targetId ?? null,
		siteId: event.siteId === null || event.siteId === undefined ? null : String(event.siteId),
		details: event.details ?? {},
	})
}

export type AuditFilter = {
	action?: AuditAction
	actorId?: string
	from?: Date
	to?: Date
	page: number
	pageSize: number
	/** Only events concerning these sites (a trainer's), when given. */
	siteIds?: ReadonlyArray<number>
}

export async function listAuditEvents(filter: AuditFilter) {
	const conditions: Array<SQL | undefined> = [
		filter.action ? eq(auditEvents.action, filter.action) : undefined,
		filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
		filter.from ? gte(auditEvents.at, filter.from) : undefined,
		filter.to ? lt(auditEvents.at, filter.to) : undefined,
		filter.siteIds
			? filter.siteIds.length > 0
				? inArray(auditEvents.siteId, filter.siteIds.map(String))
				: sql`false`
			: undefined,
	]
	const where = and(...conditions.filter((c): c is SQL => c !== undefined))
	const rows = await getDb()
		.select()
		.from(auditEvents)
		.where(where)
		.orderBy(desc(auditEvents.at), desc(auditEvents.id))
		.limit(filter.pageSize + 1)
		.offset((filter.page - 1) * filter.pageSize)
	return { rows: rows.slice(0, filter.pageSize), hasMore: rows.length > filter.pageSize }
}
