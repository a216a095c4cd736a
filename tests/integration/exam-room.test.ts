import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { attempts, auditEvents } from '#drizzle/schema/index.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import {
	loadOwnAttempt,
	setItemFlag,
	startExamAttempt,
} from '#app/modules/quizzes/attempts.server.ts'
import { action as examRoomAction, loader as examRoomLoader } from '#app/routes/exam-room/route.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import { copyFixtureContent, loadTestCatalog } from '#tests/utils/content.ts'
import { dataOf, loaderArgs, makeRequest, sessionCookieFor } from '#tests/utils/requests.ts'
import { createSession } from '#app/modules/auth/session.server.ts'

setupTestDatabase({ persistent: true })

let catalog: Catalog
beforeEach(async () => {
	catalog = await loadTestCatalog(await copyFixtureContent())
})

async function setting() {
	const site = await makeSite({ kind: 'hall' })
	const other = await makeSite({ kind: 'point' })
	const row = await makeUser({ siteId: site.id })
	const clerk: SessionUser = { ...row, role: 'clerk' }
	const trainer = await makeUser({ siteId: site.id, role: 'trainer' })
	const stranger = await makeUser({ siteId: other.id, role: 'trainer' })
	const first = await createSession(clerk.id, new Request('http://localhost:3000'))
	const exam = await startExamAttempt(clerk, first.session.id, catalog)
	return {
		clerk,
		exam,
		firstSession: first.session.id,
		trainerCookie: await sessionCookieFor(trainer.id),
		strangerCookie: await sessionCookieFor(stranger.id),
	}
}

function post(cookie: string, form: Record<string, string>) {
	return dataOf(() => examRoomAction(loaderArgs(makeRequest('/exam-room', { cookie, form }))))
}

async function auditOf(action: string) {
	return getDb().select().from(auditEvents).where(eq(auditEvents.action, action))
}

describe('the exam room', () => {
	test('a trainer sees the exams running at their sites only', async () => {
		const { exam, trainerCookie, strangerCookie } = await setting()
		const mine = await dataOf(() =>
			examRoomLoader(loaderArgs(makeRequest('/exam-room', { cookie: trainerCookie }))),
		)
		expect(mine.value.exams.map((e) => e.attemptId)).toEqual([exam.id])
		expect(mine.value.exams[0]?.answered).toBe(0)
		expect(mine.value.exams[0]?.total).toBe(catalog.rules.exam.items)
		const theirs = await dataOf(() =>
			examRoomLoader(loaderArgs(makeRequest('/exam-room', { cookie: strangerCookie }))),
		)
		expect(theirs.value.exams).toEqual([])
	})

	test('moving needs a sign-in made after the start; then the new sign-in continues and the old one cannot', async () => {
		const { clerk, exam, firstSession, trainerCookie, strangerCookie } = await setting()
		const early = await post(trainerCookie, { intent: 'move', attemptId: exam.id })
		expect(early.status).toBe(409)
		expect(early.value).toMatchObject({ ok: false, error: 'examRoom.error.no-new-sign-in' })

		const second = await createSession(clerk.id, new Request('http://localhost:3000'))
		await expect(loadOwnAttempt(exam.id, clerk, second.session.id)).rejects.toMatchObject({
			code: 'other-session',
		})
		// A trainer of another site cannot move it: not found, nothing changes.
		const foreign = await post(strangerCookie, { intent: 'move', attemptId: exam.id })
		expect(foreign.status).toBe(404)
		const [unchanged] = await getDb().select().from(attempts).where(eq(attempts.id, exam.id))
		expect(unchanged?.sessionId).toBe(firstSession)

		const moved = await post(trainerCookie, { intent: 'move', attemptId: exam.id })
		expect(moved.value).toMatchObject({ ok: true, intent: 'move' })
		expect((await loadOwnAttempt(exam.id, clerk, second.session.id)).row.status).toBe('active')
		await expect(loadOwnAttempt(exam.id, clerk, firstSession)).rejects.toMatchObject({
			code: 'other-session',
		})
		const [event] = await auditOf('exam.moved')
		expect(event?.targetId).toBe(clerk.id)
		// Session ids are bearer secrets: never written to the audit trail.
		expect(JSON.stringify(event?.details)).not.toContain(second.session.id)
		expect(JSON.stringify(event?.details)).not.toContain(firstSession)
	})

	test('extra time moves the deadline and records the reason; bad input changes nothing', async () => {
		const { exam, trainerCookie } = await setting()
		const forms: Array<Record<string, string>> = [
			{ intent: 'extra-time', attemptId: exam.id, minutes: '10', reason: '' },
			{ intent: 'extra-time', attemptId: exam.id, minutes: '0', reason: '停电' },
			{ intent: 'extra-time', attemptId: exam.id, minutes: '61', reason: '停电' },
			{ intent: 'extra-time', attemptId: 'not-an-id', minutes: '5', reason: '停电' },
			{ intent: 'nonsense', attemptId: exam.id },
		]
		for (const form of forms) {
			const refused = await post(trainerCookie, form)
			expect(refused.status).toBe(400)
		}
		const [before] = await getDb().select().from(attempts).where(eq(attempts.id, exam.id))
		expect(before?.extraMinutes).toBe(0)
		const granted = await post(trainerCookie, {
			intent: 'extra-time',
			attemptId: exam.id,
			minutes: '10',
			reason: '设备丢失，换机耽误',
		})
		expect(granted.value).toMatchObject({ ok: true })
		const [after] = await getDb().select().from(attempts).where(eq(attempts.id, exam.id))
		expect(after?.extraMinutes).toBe(10)
		expect((after?.deadlineAt?.getTime() ?? 0) - (before?.deadlineAt?.getTime() ?? 0)).toBe(
			10 * 60_000,
		)
		const [event] = await auditOf('exam.extra_time')
		expect(event?.details).toMatchObject({ minutes: 10, reason: '设备丢失，换机耽误' })
	})

	test('a clerk flags and unflags items of their own running exam only', async () => {
		const { clerk, exam, firstSession } = await setting()
		const { items } = await loadOwnAttempt(exam.id, clerk, firstSession)
		const [a, b] = items
		if (!a || !b) throw new Error('exam has items')
		const flag = (itemId: string, flagged: boolean, sessionId = firstSession) =>
			setItemFlag({ attemptId: exam.id, user: clerk, sessionId, itemId, flagged })
		expect(await flag(a.id, true)).toEqual([a.id])
		expect(await flag(b.id, true)).toEqual([a.id, b.id])
		expect(await flag(a.id, true)).toEqual([a.id, b.id])
		expect(await flag(a.id, false)).toEqual([b.id])
		await expect(flag('no-such-item', true)).rejects.toMatchObject({ code: 'bad-item' })
		await expect(flag(a.id, true, 'another-session')).rejects.toMatchObject({
			code: 'other-session',
		})
	})
})
