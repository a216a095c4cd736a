// The public verification page answers anyone, signed in or not: a rate limit per address keeps
// it from being a free oracle for guessing certificate codes (60 bits each, but still).
import { rateLimit } from '#app/utils/rate-limit.server.ts'

export const verifyLimit = { lookups: 30, windowSeconds: 60 } as const

export async function limitVerification(address: string | null): Promise<void> {
	const outcome = await rateLimit(
		`verify:${encodeURIComponent(address ?? 'unknown')}`,
		verifyLimit.lookups,
		verifyLimit.windowSeconds,
	)
	if (!outcome.allowed) {
		throw new Response('Too many verification lookups', {
			status: 429,
			headers: { 'Retry-After': String(outcome.retryAfterSeconds) },
		})
	}
}
