// The exam room: the exams running at a trainer's sites, and the two things a trainer may do to
// one (move it to the clerk's new sign-in after a lost device, add time), both audited.
import { and, eq, sql } from 'drizzle-orm'
import { attempts } from '#drizzle/schema/index.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'

export type RunningExam = {
	attemptId: string
	userId: string
	username: string
	displayName: string
	siteName: string
	startedAt: Date
	deadlineAt: Date
	secondsLeft: number
	answered: number
	total: number
	focusLosses: number
	extraMinutes: number
	/** The clerk has signed in again since the exam started (where a move would take it). */
	newSignInAt: Date | null
}

/** Exams in progress at these sites (null: every site), soonest deadline first. */
export async function listRunningExams(siteIds: Array<number> | null): Promise<Array<RunningExam>> {
	if (siteIds !== null && siteIds.length === 0) return []
	const rows = await queryRows<{
		attempt_id: string
		user_id: string
		username: string
		display_name: string
		site_name: string
		started_at: Date | string
		deadline_at: Date | string
		seconds_left: number | string
		answered: number | string
		total: number | string
		focus_losses: number
		extra_minutes: number
		new_sign_in_at: Date | string | null
	}>(sql`
		select a.id as attempt_id, u.id as user_id, u.username, u.display_name, s.name as site_name,
			a.started_at, a.deadline_at,
			greatest(0, extract(epoch from a.deadline_at - now()))::int as seconds_left,
			(select count(*) from attempt_answers x where x.attempt_id = a.id)::int as answered,
			jsonb_array_length(a.items) as total,
			a.focus_losses, a.extra_minutes,
			(select max(n.created_at) from sessions n
				where n.user_id = a.user_id and n.id <> coalesce(a.session_id, '')
					and n.expires_at > now() and n.created_at > a.started_at) as new_sign_in_at
		from attempts a
		join users u on u.id = a.user_id
		join sites s on s.id = u.site_id
		where a.kind = 'exam' and a.status = 'active' and a.deadline_at > now()
			${
				siteIds === null
					? sql``
					: sql`and u.site_id in (${sql.join(
							siteIds.map((id) => sql`${id}`),
							sql`, `,
						)})`
			}
		order by a.deadline_at, u.username`)
	return rows.map((row) => ({
		attemptId: row.attempt_id,
		userId: row.user_id,
		username: row.username,
		displayName: row.display_name,
		siteName: row.site_name,
		startedAt: new Date(row.started_at),
		deadlineAt: new Date(row.deadline_at),
		secondsLeft: Number(row.seconds_left),
		answered: Number(row.answered),
		total: Number(row.total),
		focusLosses: row.focus_losses,
		extraMinutes: row.extra_minutes,
		newSignInAt: row.new_sign_in_at ? new Date(row.new_sign_in_at) : null,
	}))
}

export type ExamRoomErrorCode = 'not-found' | 'no-new-sign-in'

export class ExamRoomError extends Error {
	constructor(readonly code: ExamRoomErrorCode) {
		super(code)
	}
}

/** The running exam, if it belongs to a clerk of these sites. */
async function runningExamIn(attemptId: string, siteIds: Array<number> | null) {
	const exams = await listRunningExams(siteIds)
	const exam = exams.find((e) => e.attemptId === attemptId)
	if (!exam) throw new ExamRoomError('not-found')
	const [row] = await getDb()
		.select({
			sessionId: attempts.sessionId,
			siteId: sql<number>`(select site_id from users where id = ${attempts.userId})`,
		})
		.from(attempts)
		.where(eq(attempts.id, attemptId))
	return { exam, sessionId: row?.sessionId ?? null, siteId: Number(row?.siteId ?? 0) }
}

/**
 * Bind the exam to the clerk's newest sign-in (made after the exam started): the lost device's
 * sign-in can no longer answer, the new one continues where the saved answers stand.
 */
export async function moveExamToNewSignIn(
	actor: SessionUser,
	attemptId: string,
	siteIds: Array<number> | null,
): Promise<void> {
	const { exam, siteId } = await runningExamIn(attemptId, siteIds)
	const [target] = await queryRows<{ id: string; created_at: Date | string }>(sql`
		select n.id, n.created_at from sessions n, attempts a
		where a.id = ${attemptId} and n.user_id = a.user_id and n.id <> coalesce(a.session_id, '')
			and n.expires_at > now() and n.created_at > a.started_at
		order by n.created_at desc limit 1`)
	if (!target) throw new ExamRoomError('no-new-sign-in')
	await getDb().transaction(async (tx) => {
		const [moved] = await tx
			.update(attempts)
			.set({ sessionId: target.id })
			.where(and(eq(attempts.id, attemptId), eq(attempts.status, 'active')))
			.returning({ id: attempts.id })
		if (!moved) throw new ExamRoomError('not-found')
		// Session ids are bearer secrets: the trail records when the new sign-in was made, not its id.
		await recordAudit(
			{
				actor,
				action: 'exam.moved',
				targetType: 'user',
				targetId: exam.userId,
				siteId,
				details: {
					attemptId,
					newSignInAt: new Date(target.created_at).toISOString(),
					answered: exam.answered,
				},
			},
			tx,
		)
	})
}

/** Add minutes to a running exam's deadline, with the trainer's reason in the audit trail. */
export async function grantExtraTime(
	actor: SessionUser,
	attemptId: string,
	siteIds: Array<number> | null,
	minutes: number,
	reason: string,
): Promise<void> {
	const { exam, siteId } = await runningExamIn(attemptId, siteIds)
	await getDb().transaction(async (tx) => {
		const [granted] = await tx
			.update(attempts)
			.set({
				deadlineAt: sql`${attempts.deadlineAt} + make_interval(mins => ${minutes}::int)`,
				extraMinutes: sql`${attempts.extraMinutes} + ${minutes}::int`,
			})
			.where(
				and(
					eq(attempts.id, attemptId),
					eq(attempts.status, 'active'),
					sql`${attempts.deadlineAt} > now()`,
				),
			)
			.returning({ deadlineAt: attempts.deadlineAt })
		if (!granted) throw new ExamRoomError('not-found')
		await recordAudit(
			{
				actor,
				action: 'exam.extra_time',
				targetType: 'user',
				targetId: exam.userId,
				siteId,
				details: {
					attemptId,
					minutes,
					reason,
					deadlineAt: granted.deadlineAt?.toISOString() ?? null,
				},
			},
			tx,
		)
	})
}
