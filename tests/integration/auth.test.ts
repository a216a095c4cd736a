import { describe, expect, test } from 'vitest'
import { action as loginAction, loader as loginLoader } from '#app/routes/login/route.tsx'
import { action as logoutAction } from '#app/routes/logout/route.tsx'
import { action as passwordAction } from '#app/routes/account.password/route.tsx'
import { requireRole, requireUser } from '#app/modules/auth/require.server.ts'
import { setUserActive } from '#app/modules/people/people.server.ts'
import { admitSignIn, progressiveDelayMs, signInPolicy } from '#app/modules/auth/throttle.server.ts'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { setupTestDatabase } from '#tests/setup/database.ts'
import {
	dataOf,
	loaderArgs,
	makeRequest,
	responseOf,
	sessionCookieFor,
} from '#tests/utils/requests.ts'

setupTestDatabase()

function signIn(username: string, password: string, address = '10.0.0.1') {
	const request = makeRequest('/login', { form: { username, password } })
	return { ...loaderArgs(request), context: { clientAddress: address } }
}

/** The status a loader or action answered with, returned or thrown. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
	try {
		return (await dataOf(run)).status
	} catch (error) {
		if (error instanceof Response) return error.status
		throw error
	}
}

function cookieOf(response: Response) {
	return (response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? ''
}

describe('sign-in', () => {
	test.each([
		['clerk', '/'],
		['trainer', '/board'],
		['admin', '/people'],
	] as const)('a %s signs in and lands on their home page', async (role, home) => {
		const site = await makeSite()
		await makeUser({ username: `${role}1`, role, siteId: site.id })
		const response = await responseOf(() => loginAction(signIn(`${role}1`, 'demo-password')))
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(home)
		const cookie = response.headers.get('Set-Cookie') ?? ''
		expect(cookie).toMatch(/^cr_session=\w+/)
		expect(cookie).toContain('HttpOnly')
		expect(cookie).toContain('SameSite=Lax')
		const user = await requireUser(makeRequest('/', { cookie: cookieOf(response) }))
		expect(user.role).toBe(role)
	})

	test('the username is case-insensitive and redirectTo keeps the page asked for', async () => {
		const site = await makeSite()
		await makeUser({ username: 'C2001', siteId: site.id })
		const request = makeRequest('/login', {
			form: { username: 'c2001', password: 'demo-password', redirectTo: '/services/XY-YL-008' },
		})
		const response = await responseOf(() => loginAction(loaderArgs(request)))
		expect(response.headers.get('Location')).toBe('/services/XY-YL-008')
	})

	test('an off-site redirectTo is ignored', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c2002', siteId: site.id })
		const request = makeRequest('/login', {
			form: { username: 'c2002', password: 'demo-password', redirectTo: '//evil.example/x' },
		})
		const response = await responseOf(() => loginAction(loaderArgs(request)))
		expect(response.headers.get('Location')).toBe('/')
	})

	test('a wrong password and an unknown user get the same message', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c3001', siteId: site.id })
		const wrong = await dataOf(() => loginAction(signIn('c3001', 'not-the-password')))
		const unknown = await dataOf(() => loginAction(signIn('nobody', 'whatever-password')))
		expect(wrong.status).toBe(400)
		expect(unknown.status).toBe(400)
		expect(wrong.value.result.error?.['']).toEqual(['login.failed'])
		expect(unknown.value.result.error?.['']).toEqual(['login.failed'])
	})

	test('five wrong passwords block that account from that address; the owner elsewhere still signs in', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c4001', siteId: site.id })
		for (let i = 0; i < 5; i++) {
			const failed = await dataOf(() => loginAction(signIn('c4001', `wrong-${i}`, '10.6.6.6')))
			expect(failed.value.result.error?.['']).toEqual(['login.failed'])
		}
		const blocked = await dataOf(() => loginAction(signIn('c4001', 'demo-password', '10.6.6.6')))
		expect(blocked.status).toBe(429)
		expect(blocked.value.result.error?.['']).toEqual(['login.throttled'])
		expect(blocked.value.retryMinutes).toBeGreaterThan(0)
		// The attacker's address cannot lock the real owner out.
		const owner = await responseOf(() => loginAction(signIn('c4001', 'demo-password', '10.0.0.7')))
		expect(owner.status).toBe(302)
		// Another account from the attacker's address is not blocked by this one either.
		await makeUser({ username: 'c4002', siteId: site.id })
		const other = await responseOf(() => loginAction(signIn('c4002', 'demo-password', '10.6.6.6')))
		expect(other.status).toBe(302)
	})

	test('twenty parallel wrong passwords on one account check at most five', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c4101', siteId: site.id })
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				dataOf(() => loginAction(signIn('c4101', `wrong-${i}`, '10.5.5.5'))),
			),
		)
		const errors = outcomes.map((o) => o.value.result.error?.['']?.[0])
		expect(errors.filter((e) => e === 'login.failed')).toHaveLength(5)
		expect(errors.filter((e) => e === 'login.throttled')).toHaveLength(15)
	})

	test('the right password inside a burst after five failures does not get through', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c4201', siteId: site.id })
		for (let i = 0; i < 5; i++)
			await dataOf(() => loginAction(signIn('c4201', `x-${i}`, '10.4.4.4')))
		const burst = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				statusOf(() =>
					loginAction(signIn('c4201', i === 7 ? 'demo-password' : `y-${i}`, '10.4.4.4')),
				),
			),
		)
		expect(burst).toEqual(Array.from({ length: 10 }, () => 429))
	})

	test('forty parallel failures from one address over many accounts check at most thirty', async () => {
		const outcomes = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				dataOf(() => loginAction(signIn(`guess${i}`, 'x-password', '10.3.3.3'))),
			),
		)
		const errors = outcomes.map((o) => o.value.result.error?.['']?.[0])
		expect(errors.filter((e) => e === 'login.failed')).toHaveLength(30)
		expect(errors.filter((e) => e === 'login.throttled')).toHaveLength(10)
	})

	test('successful sign-ins from a shared hall address do not use up its allowance', async () => {
		const site = await makeSite()
		for (let i = 0; i < 35; i++) await makeUser({ username: `hall${i}`, siteId: site.id })
		for (let i = 0; i < 35; i++) {
			const signedIn = await responseOf(() =>
				loginAction(signIn(`hall${i}`, 'demo-password', '10.2.2.2')),
			)
			expect(signedIn.status).toBe(302)
		}
	})

	test('guessing one account from many addresses meets growing delays, and the owner still signs in', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c4301', siteId: site.id })
		for (let i = 0; i < signInPolicy.freePerAccount; i++) {
			await dataOf(() => loginAction(signIn('c4301', `wrong-${i}`, `10.8.0.${i}`)))
		}
		const gate = await admitSignIn('c4301', '10.8.1.1')
		expect(gate.admitted && gate.delayMs).toBe(signInPolicy.firstDelayMs)
		const owner = await responseOf(() => loginAction(signIn('c4301', 'demo-password', '10.0.0.8')))
		expect(owner.status).toBe(302)
		// A successful sign-in clears the account's count: the owner's next sign-in does not wait.
		const next = await admitSignIn('c4301', '10.0.0.8')
		expect(next.admitted && next.delayMs).toBe(0)
	})

	test('the delay doubles and is capped', () => {
		const free = signInPolicy.freePerAccount
		expect([free, free + 1, free + 2, free + 3, free + 50].map(progressiveDelayMs)).toEqual([
			0,
			1_000,
			2_000,
			4_000,
			signInPolicy.maxDelayMs,
		])
	})

	test('many failures from one address block that address for every username', async () => {
		const site = await makeSite()
		await makeUser({ username: 'c5001', siteId: site.id })
		for (let i = 0; i < 30; i++)
			await dataOf(() => loginAction(signIn(`guess${i}`, 'x-password', '10.7.7.7')))
		const blocked = await dataOf(() => loginAction(signIn('c5001', 'demo-password', '10.7.7.7')))
		expect(blocked.status).toBe(429)
		const elsewhere = await responseOf(() =>
			loginAction(signIn('c5001', 'demo-password', '10.7.7.8')),
		)
		expect(elsewhere.status).toBe(302)
	})

	test('a deactivated account cannot sign in, and deactivation ends its sessions', async () => {
		const site = await makeSite()
		const admin = await makeUser({ username: 'boss', role: 'admin', siteId: site.id })
		const clerk = await makeUser({ username: 'c6001', siteId: site.id })
		const cookie = await sessionCookieFor(clerk.id)
		await setUserActive(clerk.id, false, { ...admin, cohortId: null, role: 'admin' })
		const page = await responseOf(() => requireUser(makeRequest('/services', { cookie })))
		expect(page.status).toBe(302)
		expect(page.headers.get('Location')).toBe('/login?redirectTo=%2Fservices')
		const again = await dataOf(() => loginAction(signIn('c6001', 'demo-password')))
		expect(again.value.result.error?.['']).toEqual(['login.failed'])
	})

	test('signing out ends the session on the server', async () => {
		const site = await makeSite()
		const clerk = await makeUser({ username: 'c7001', siteId: site.id })
		const cookie = await sessionCookieFor(clerk.id)
		const response = await responseOf(() =>
			logoutAction(loaderArgs(makeRequest('/logout', { method: 'POST', cookie }))),
		)
		expect(response.headers.get('Location')).toBe('/login')
		expect(response.headers.get('Set-Cookie')).toContain('Max-Age=0')
		// The old cookie no longer works, even if the browser kept it.
		const page = await responseOf(() => requireUser(makeRequest('/certifications', { cookie })))
		expect(page.status).toBe(302)
	})

	test('a signed-in user visiting the sign-in page is sent home', async () => {
		const site = await makeSite()
		const clerk = await makeUser({ username: 'c8001', siteId: site.id })
		const cookie = await sessionCookieFor(clerk.id)
		const response = await responseOf(() =>
			loginLoader(loaderArgs(makeRequest('/login', { cookie }))),
		)
		expect(response.headers.get('Location')).toBe('/')
	})
})

describe('roles', () => {
	test('a clerk asking for a trainer or admin resource gets 403', async () => {
		const site = await makeSite()
		const clerk = await makeUser({ username: 'c9001', siteId: site.id })
		const cookie = await sessionCookieFor(clerk.id)
		const response = await responseOf(() =>
			requireRole(makeRequest('/people', { cookie }), ['trainer', 'admin']),
		)
		expect(response.status).toBe(403)
	})

	test('signed-out users are sent to sign-in with the page they wanted', async () => {
		const response = await responseOf(() => requireUser(makeRequest('/board?site=2')))
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fboard%3Fsite%3D2')
	})
})

describe('first sign-in password change', () => {
	test('a user with a temporary password is sent to change it, and the new one works', async () => {
		const site = await makeSite()
		const clerk = await makeUser({ username: 'c1101', siteId: site.id, mustChangePassword: true })
		const cookie = await sessionCookieFor(clerk.id)
		const redirected = await responseOf(() => requireUser(makeRequest('/services', { cookie })))
		expect(redirected.headers.get('Location')).toBe('/account/password')

		const mismatch = await dataOf(() =>
			passwordAction(
				loaderArgs(
					makeRequest('/account/password', {
						cookie,
						form: {
							current: 'demo-password',
							password: 'new-password-1',
							confirm: 'other-password',
						},
					}),
				),
			),
		)
		expect(mismatch.status).toBe(400)
		expect(mismatch.value.result.error?.confirm).toEqual(['password.mismatch'])

		const changed = await responseOf(() =>
			passwordAction(
				loaderArgs(
					makeRequest('/account/password', {
						cookie,
						form: {
							current: 'demo-password',
							password: 'new-password-1',
							confirm: 'new-password-1',
						},
					}),
				),
			),
		)
		expect(changed.status).toBe(302)
		const newCookie = cookieOf(changed)
		const user = await requireUser(makeRequest('/services', { cookie: newCookie }))
		expect(user.mustChangePassword).toBe(false)
		const signedIn = await responseOf(() => loginAction(signIn('c1101', 'new-password-1')))
		expect(signedIn.status).toBe(302)
	})
})
