import { verifyAgainstDummy, verifyPassword } from '#app/modules/auth/password.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import {
	blockedUntil,
	clearFailures,
	recordFailure,
	throttleKeys,
} from '#app/modules/auth/throttle.server.ts'
import { findUserByUsername, type Role } from '#app/modules/people/people.server.ts'

export function homeFor(role: Role): string {
	return role === 'clerk' ? '/certifications' : role === 'trainer' ? '/board' : '/people'
}

type SignInResult =
	| { ok: true; cookie: string; role: Role }
	| { ok: false; error: 'login.failed' | 'login.throttled'; retryMinutes: number }

/** One generic failure for an unknown user, a wrong password or a deactivated account. */
export async function signIn(
	input: { username: string; password: string },
	request: Request,
	address: string | null,
): Promise<SignInResult> {
	const keys = throttleKeys(input.username, address)
	const until = await blockedUntil(keys)
	if (until) {
		return {
			ok: false,
			error: 'login.throttled',
			retryMinutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000)),
		}
	}
	const user = await findUserByUsername(input.username)
	const valid =
		user && user.active && user.passwordHash
			? await verifyPassword(user.passwordHash, input.password)
			: await verifyAgainstDummy(input.password)
	if (!user || !valid) {
		await recordFailure(keys)
		return { ok: false, error: 'login.failed', retryMinutes: 0 }
	}
	await clearFailures(input.username)
	const { cookie } = await createSession(user.id, request)
	return { ok: true, cookie, role: user.role }
}
