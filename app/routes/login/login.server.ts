import { setTimeout as sleep } from 'node:timers/promises'
import { verifyAgainstDummy, verifyPassword } from '#app/modules/auth/password.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { admitSignIn, signInSucceeded } from '#app/modules/auth/throttle.server.ts'
import { findUserByUsername, type Role } from '#app/modules/people/people.server.ts'

export function homeFor(role: Role): string {
	return role === 'clerk' ? '/' : role === 'trainer' ? '/board' : '/people'
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
	const gate = await admitSignIn(input.username, address)
	if (!gate.admitted) {
		return {
			ok: false,
			error: 'login.throttled',
			retryMinutes: Math.max(1, Math.ceil(gate.retryAfterSeconds / 60)),
		}
	}
	if (gate.delayMs > 0) await sleep(gate.delayMs)
	const user = await findUserByUsername(input.username)
	const valid =
		user && user.active && user.passwordHash
			? await verifyPassword(user.passwordHash, input.password)
			: await verifyAgainstDummy(input.password)
	if (!user || !valid) return { ok: false, error: 'login.failed', retryMinutes: 0 }
	await signInSucceeded(gate)
	const { cookie } = await createSession(user.id, request)
	return { ok: true, cookie, role: user.role }
}
