// Who may edit and publish the manual: every admin, and trainers granted the right (users.manual_editor).
import { eq } from 'drizzle-orm'
import { users } from '#drizzle/schema/index.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { forbidden, requireUser } from '#app/modules/auth/require.server.ts'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { getDb } from '#app/utils/db.server.ts'

export async function isManualEditor(user: Pick<SessionUser, 'id' | 'role'>): Promise<boolean> {
	if (user.role === 'admin') return true
	if (user.role !== 'trainer') return false
	const [row] = await getDb()
		.select({ manualEditor: users.manualEditor })
		.from(users)
		.where(eq(users.id, user.id))
	return row?.manualEditor === true
}

export async function requireManualEditor(request: Request): Promise<SessionUser> {
	const user = await requireUser(request)
	if (!(await isManualEditor(user))) forbidden()
	return user
}

/** Grant or withdraw a trainer's right to edit the manual (admins only; audited as a role grant). */
export async function setManualEditor(
	person: {
		id: string
		username: string
		role: SessionUser['role']
		siteId: number
		manualEditor: boolean
	},
	granted: boolean,
	actor: SessionUser,
): Promise<boolean> {
	if (actor.role !== 'admin' || person.role !== 'trainer' || person.manualEditor === granted)
		return false
	await getDb().transaction(async (tx) => {
		await tx
			.update(users)
			.set({ manualEditor: granted, updatedAt: new Date() })
			.where(eq(users.id, person.id))
		await recordAudit(
			{
				actor,
				action: 'user.editor_right',
				targetType: 'user',
				targetId: person.id,
				siteId: person.siteId,
				details: { username: person.username, granted },
			},
			tx,
		)
	})
	return true
}
