// The sign-in throttle (docs/decisions/010). Every attempt is counted before the password is
// checked, and the decision is taken on the count the database handed back, so a burst of
// parallel tries cannot slip past the limit. Blocks are bound to the address that failed: five
// wrong passwords from one address stop that address guessing that account, while the owner,
// from anywhere else, still signs in. Guessing spread over many addresses only meets delays.
import { countDown, countUp, resetCounters } from '#app/utils/rate-limit.server.ts'

export const signInPolicy = {
	windowSeconds: 15 * 60,
	/** Attempts from one address that did not end in a sign-in, over every account. A hall's
	 * clerks share one NAT address, and a success gives its count back. */
	perAddress: 30,
	/** Attempts on one account from one address. */
	perAccountAtAddress: 5,
	/** Attempts on one account from every address before each one waits. */
	freePerAccount: 10,
	firstDelayMs: 1_000,
	maxDelayMs: 10_000,
} as const

export type SignInGate =
	| { admitted: false; retryAfterSeconds: number }
	| { admitted: true; delayMs: number; keys: SignInKeys }

type SignInKeys = { address: string; accountAtAddress: string; account: string }

function keysFor(username: string, address: string | null): SignInKeys {
	// Encoded, so whatever was typed (quotes, control characters) is a harmless key.
	const name = encodeURIComponent(username.trim().normalize('NFKC').toLowerCase())
	const from = encodeURIComponent(address ?? 'unknown')
	return {
		address: `signin-ip:${from}`,
		accountAtAddress: `signin-account:${name}@${from}`,
		account: `signin-account:${name}`,
	}
}

/** How long an attempt waits once an account has met many attempts from many addresses. */
export function progressiveDelayMs(accountAttempts: number): number {
	const over = accountAttempts - signInPolicy.freePerAccount
	if (over <= 0) return 0
	return Math.min(signInPolicy.maxDelayMs, signInPolicy.firstDelayMs * 2 ** (over - 1))
}

/**
 * Count this attempt, then decide. A refused attempt gives its counts back, so hammering a
 * blocked account does not also use up the address's allowance for everyone behind it.
 */
export async function admitSignIn(username: string, address: string | null): Promise<SignInGate> {
	const keys = keysFor(username, address)
	const counted = await countUp([keys.address, keys.accountAtAddress], signInPolicy.windowSeconds)
	const limits = new Map([
		[keys.address, signInPolicy.perAddress],
		[keys.accountAtAddress, signInPolicy.perAccountAtAddress],
	])
	const over = counted.filter((c) => c.count > (limits.get(c.key) ?? 0))
	if (over.length > 0) {
		await countDown([keys.address, keys.accountAtAddress])
		return {
			admitted: false,
			retryAfterSeconds: Math.max(...over.map((c) => c.retryAfterSeconds)),
		}
	}
	const [account] = await countUp([keys.account], signInPolicy.windowSeconds)
	return { admitted: true, delayMs: progressiveDelayMs(account?.count ?? 0), keys }
}

/** The password was right: this attempt does not count against the address or the account. */
export async function signInSucceeded(gate: SignInGate & { admitted: true }): Promise<void> {
	await countDown([gate.keys.address])
	await resetCounters([gate.keys.accountAtAddress, gate.keys.account])
}
