// Who may edit and publish the manual: every admin, and trainers granted the right (users.manual_editor).
import { eq } from 'drizzle-orm'
import { users } from '#drizzle/schema/index.ts'
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
